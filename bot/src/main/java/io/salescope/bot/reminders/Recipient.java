package io.salescope.bot.reminders;

import io.salescope.warehouse.query.UserInfo;

import java.time.ZoneId;

import static java.util.Objects.requireNonNull;

/**
 * Who gets a delivery and how: a person (reminders, daily digests) or a Slack channel (the
 * weekly report).
 *
 * @param id the user id, or {@code channel:<name>} for a channel
 * @param user the person, or null for a channel
 * @param zone the person's time zone (the default zone when the CRM has none or an unknown one)
 * @param language "en" or "zh", from the CRM's locale
 * @param slackUserId the person's Slack id when the channel is Slack
 * @param slackChannel the channel, for a channel recipient
 */
public record Recipient(String id, UserInfo user, ZoneId zone, String language, Channel channel, String slackUserId,
                        String slackChannel) {

    public Recipient {
        requireNonNull(id, "id is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(language, "language is null");
        requireNonNull(channel, "channel is null");
        if (user == null && slackChannel == null) {
            throw new IllegalArgumentException("a recipient is a person or a channel");
        }
    }

    public String email() {
        return user == null ? null : user.email();
    }

    public String userId() {
        return user == null ? null : user.userId();
    }

    /** Where Slack messages for this recipient go before a DM is opened: the user or the channel. */
    public String slackTarget() {
        return user == null ? slackChannel : slackUserId;
    }
}
