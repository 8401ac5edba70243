package io.salescope.bot.reminders;

import io.salescope.bot.ops.SlackIdentityStore;
import io.salescope.warehouse.query.UserInfo;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Who gets what, where: every active person with their zone (the CRM's {@code time_zone},
 * else the default zone), language (the CRM's {@code locale}: zh, else en) and channel (Slack
 * when the Slack app is on and their Slack id is known, from the CRM's {@code slack_user_id}
 * or found by email; otherwise the web page). Inactive people get nothing.
 */
public final class Recipients {

    private final ReminderSettings settings;
    private final boolean slackOn;
    private final SlackIdentityStore identities;
    private final Map<String, ZoneId> zones = new ConcurrentHashMap<>();

    public Recipients(ReminderSettings settings, boolean slackOn, SlackIdentityStore identities) {
        this.settings = requireNonNull(settings, "settings is null");
        this.slackOn = slackOn;
        this.identities = requireNonNull(identities, "identities is null");
    }

    public boolean slackOn() {
        return slackOn;
    }

    /** The active people among {@code users}, by user id. */
    public Map<String, Recipient> people(List<UserInfo> users) {
        return people(users, slackOn ? identities.all() : Map.of());
    }

    /** The same, with the Slack identities already read ({@link SlackIdentityStore#all()}). */
    public Map<String, Recipient> people(List<UserInfo> users, Map<String, SlackIdentityStore.Identity> found) {
        Map<String, Recipient> out = new LinkedHashMap<>();
        for (UserInfo u : users) {
            if (!u.active()) {
                continue;
            }
            String slackId = blankToNull(u.slackUserId());
            if (slackId == null && slackOn && found.containsKey(u.userId())) {
                slackId = found.get(u.userId()).slackUserId();
            }
            Channel channel = slackOn && slackId != null ? Channel.SLACK : Channel.WEB;
            out.put(u.userId(), new Recipient(u.userId(), u, zone(u), language(u), channel,
                    channel == Channel.SLACK ? slackId : null, null));
        }
        return out;
    }

    /** The weekly report's channel, when Slack is on and a channel is configured. */
    public Optional<Recipient> weeklyChannel(List<UserInfo> users) {
        if (!slackOn || settings.weeklyChannel().isEmpty()) {
            return Optional.empty();
        }
        String language = weeklyAs(users).map(Recipients::language).orElse("en");
        String channel = settings.weeklyChannel().get();
        return Optional.of(new Recipient("channel:" + channel, null, settings.defaultZone(), language, Channel.SLACK, null,
                channel));
    }

    /** Whose view the weekly report shows: the configured email, else the first active executive (then admin) by id. */
    public Optional<UserInfo> weeklyAs(List<UserInfo> users) {
        if (settings.weeklyAs().isPresent()) {
            String email = settings.weeklyAs().get();
            return users.stream().filter(u -> u.active() && email.equalsIgnoreCase(u.email())).findFirst();
        }
        return users.stream().filter(UserInfo::active).filter(UserInfo::isExecutiveOrAdmin)
                .sorted(Comparator.comparing((UserInfo u) -> "executive".equals(u.role()) ? 0 : 1)
                        .thenComparing(UserInfo::userId))
                .findFirst();
    }

    /** A person's zone: the CRM's when it is a zone Java knows, else the default. */
    public ZoneId zone(UserInfo u) {
        String z = blankToNull(u.timeZone());
        if (z == null) {
            return settings.defaultZone();
        }
        return zones.computeIfAbsent(z, k -> {
            try {
                return ZoneId.of(k);
            } catch (DateTimeException e) {
                return settings.defaultZone();
            }
        });
    }

    public static String language(UserInfo u) {
        return "zh".equalsIgnoreCase(u.locale()) ? "zh" : "en";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
