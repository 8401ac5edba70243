package io.salescope.bot.slack;

import com.slack.api.model.block.LayoutBlock;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Slack Web API calls the reminders and digests make, with failures sorted into
 * {@link SlackFailure.Kind}s. {@link SlackWebGateway} is the real one.
 */
public interface SlackGateway {

    /** The event type of the metadata every reminder message carries. */
    String METADATA_EVENT = "salescope_delivery";

    /** The Slack user with this email ({@code users.lookupByEmail}), or empty when there is none. */
    Optional<String> lookupByEmail(String email) throws SlackFailure;

    /** The direct message channel with a Slack user ({@code conversations.open}). */
    String openDm(String slackUserId) throws SlackFailure;

    /**
     * Posts a message ({@code chat.postMessage}) carrying {@code keys} in its metadata, so a
     * later {@link #findPosted} can tell whether it went out; returns its {@code ts}.
     */
    String post(String channel, String text, List<LayoutBlock> blocks, List<String> keys) throws SlackFailure;

    /**
     * The {@code ts} of a message posted to {@code channel} since {@code since} whose metadata
     * names {@code key} ({@code conversations.history} with metadata), or empty.
     */
    Optional<String> findPosted(String channel, String key, Instant since) throws SlackFailure;

    /** Uploads a PNG into a channel, in a thread when {@code threadTs} is set ({@code files.uploadV2}). */
    void upload(String channel, String threadTs, byte[] png, String filename, String title) throws SlackFailure;
}
