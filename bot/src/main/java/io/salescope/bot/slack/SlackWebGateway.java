package io.salescope.bot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** {@link SlackGateway} over the Slack Web API with the bot token. */
public final class SlackWebGateway implements SlackGateway {

    /** Errors that mean the person or channel cannot get messages from the bot. */
    private static final Set<String> GONE = Set.of("channel_not_found", "user_not_found", "users_not_found",
            "is_archived", "account_inactive", "cannot_dm_bot", "user_disabled", "user_is_restricted",
            "not_in_channel", "restricted_action", "is_inactive");

    private final MethodsClient client;

    public SlackWebGateway(MethodsClient client) {
        this.client = requireNonNull(client, "client is null");
    }

    /** A gateway with its own HTTP client: the settings' API URL, the bot token and a call timeout. */
    public static SlackWebGateway of(SlackSettings settings, Duration timeout) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.setHttpClientCallTimeoutMillis(ms);
        config.setHttpClientReadTimeoutMillis(ms);
        config.setHttpClientWriteTimeoutMillis(ms);
        config.setStatsEnabled(false);
        return new SlackWebGateway(Slack.getInstance(config).methods(settings.botToken()));
    }

    @Override
    public Optional<String> lookupByEmail(String email) throws SlackFailure {
        UsersLookupByEmailResponse r = call("users.lookupByEmail", () -> client.usersLookupByEmail(q -> q.email(email)));
        if (r.isOk()) {
            return Optional.ofNullable(r.getUser()).map(u -> u.getId());
        }
        if ("users_not_found".equals(r.getError())) {
            return Optional.empty();
        }
        throw refused("users.lookupByEmail", r);
    }

    @Override
    public String openDm(String slackUserId) throws SlackFailure {
        ConversationsOpenResponse r = call("conversations.open",
                () -> client.conversationsOpen(q -> q.users(List.of(slackUserId))));
        if (!r.isOk() || r.getChannel() == null) {
            throw refused("conversations.open", r);
        }
        return r.getChannel().getId();
    }

    @Override
    public String post(String channel, String text, List<LayoutBlock> blocks, List<String> keys) throws SlackFailure {
        Message.Metadata metadata = new Message.Metadata(METADATA_EVENT, Map.of("keys", List.copyOf(keys)));
        ChatPostMessageResponse r = call("chat.postMessage", () -> client.chatPostMessage(q -> q.channel(channel)
                .text(text).blocks(blocks).metadata(metadata).unfurlLinks(false).unfurlMedia(false)));
        if (!r.isOk()) {
            throw refused("chat.postMessage", r);
        }
        return r.getTs();
    }

    @Override
    public Optional<String> findPosted(String channel, String key, Instant since) throws SlackFailure {
        String oldest = String.format("%d.%06d", since.getEpochSecond(), since.getNano() / 1000);
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            String c = cursor;
            ConversationsHistoryResponse r = call("conversations.history", () -> client.conversationsHistory(q -> q
                    .channel(channel).oldest(oldest).limit(200).includeAllMetadata(true).cursor(c)));
            if (!r.isOk()) {
                throw refused("conversations.history", r);
            }
            for (Message m : r.getMessages() == null ? List.<Message>of() : r.getMessages()) {
                if (m.getMetadata() != null && METADATA_EVENT.equals(m.getMetadata().getEventType())
                        && m.getMetadata().getEventPayload() != null) {
                    Object keys = m.getMetadata().getEventPayload().get("keys");
                    if (keys instanceof List<?> list && list.contains(key)) {
                        return Optional.of(m.getTs());
                    }
                }
            }
            cursor = r.getResponseMetadata() == null ? null : r.getResponseMetadata().getNextCursor();
            if (cursor == null || cursor.isBlank()) {
                return Optional.empty();
            }
        }
        throw new SlackFailure(SlackFailure.Kind.FAILED, "conversations.history of " + channel
                + " has more than 50 pages since " + since + "; cannot tell whether " + key + " was posted", null, null);
    }

    @Override
    public void upload(String channel, String threadTs, byte[] png, String filename, String title) throws SlackFailure {
        var r = call("files.uploadV2", () -> client.filesUploadV2(q -> q.channel(channel).threadTs(threadTs)
                .filename(filename).title(title).fileData(png)));
        if (!r.isOk()) {
            throw refused("files.uploadV2", r);
        }
    }

    /** A Web API call. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException, SlackApiException;
    }

    private static <T> T call(String method, Call<T> call) throws SlackFailure {
        try {
            return call.run();
        } catch (SlackApiException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().code();
            if (status == 429) {
                String after = e.getResponse().header("Retry-After");
                throw new SlackFailure(SlackFailure.Kind.RATE_LIMITED, method + ": rate limited (HTTP 429, Retry-After "
                        + after + ")", Duration.ofSeconds(seconds(after)), e);
            }
            throw new SlackFailure(status >= 500 ? SlackFailure.Kind.UNCERTAIN : SlackFailure.Kind.FAILED,
                    method + ": HTTP " + status + " " + abbreviate(e.getResponseBody()), null, e);
        } catch (ConnectException e) {
            throw new SlackFailure(SlackFailure.Kind.FAILED, method + ": cannot connect to Slack (" + e.getMessage() + ")",
                    null, e);
        } catch (IOException e) {
            throw new SlackFailure(SlackFailure.Kind.UNCERTAIN, method + ": no answer from Slack (" + e + ")", null, e);
        } catch (RuntimeException e) {
            throw new SlackFailure(SlackFailure.Kind.UNCERTAIN, method + ": " + e, null, e);
        }
    }

    private static SlackFailure refused(String method, SlackApiTextResponse r) {
        String error = r.getError() == null ? "unknown_error" : r.getError();
        if ("ratelimited".equals(error)) {
            return new SlackFailure(SlackFailure.Kind.RATE_LIMITED, method + ": ratelimited", Duration.ofSeconds(1), null);
        }
        return new SlackFailure(GONE.contains(error) ? SlackFailure.Kind.RECIPIENT_GONE : SlackFailure.Kind.FAILED,
                method + ": " + error + (r.getNeeded() == null ? "" : " (needs scope " + r.getNeeded() + ")"), null, null);
    }

    private static long seconds(String header) {
        try {
            return header == null ? 1 : Math.max(1, Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
