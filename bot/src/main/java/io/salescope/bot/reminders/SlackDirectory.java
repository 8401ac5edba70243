package io.salescope.bot.reminders;

import io.salescope.bot.ops.SlackIdentityStore;
import io.salescope.bot.slack.SlackFailure;
import io.salescope.bot.slack.SlackGateway;
import io.salescope.warehouse.query.UserInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Finds the Slack ids the CRM does not have: active people without a {@code slack_user_id}
 * are looked up by email ({@code users.lookupByEmail}, scope {@code users:read.email}); the
 * answer is kept in the operational store, and a person not found is looked up again after
 * {@link ReminderSettings#identityRecheck()}. At most {@link #PER_REFRESH} look-ups per call
 * keep within the method's rate limit (Tier 3).
 */
public final class SlackDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(SlackDirectory.class);
    static final int PER_REFRESH = 20;

    private final SlackGateway slack;
    private final SlackIdentityStore identities;
    private final ReminderSettings settings;

    public SlackDirectory(SlackGateway slack, SlackIdentityStore identities, ReminderSettings settings) {
        this.slack = requireNonNull(slack, "slack is null");
        this.identities = requireNonNull(identities, "identities is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * Looks up the people not yet (or not lately) looked up; returns the identities as they
     * now are (for {@link Recipients#people(List, Map)}).
     */
    public Map<String, SlackIdentityStore.Identity> refresh(List<UserInfo> users, Instant now) {
        Map<String, SlackIdentityStore.Identity> known = new java.util.LinkedHashMap<>(identities.all());
        List<SlackIdentityStore.Identity> found = new java.util.ArrayList<>();
        int done = 0;
        for (UserInfo u : users) {
            if (done >= PER_REFRESH) {
                break;
            }
            if (!u.active() || (u.slackUserId() != null && !u.slackUserId().isBlank()) || u.email() == null) {
                continue;
            }
            SlackIdentityStore.Identity k = known.get(u.userId());
            boolean fresh = k != null && (k.slackUserId() != null
                    || k.checkedAt().plus(settings.identityRecheck()).isAfter(now));
            if (fresh && k.email() != null && k.email().equalsIgnoreCase(u.email())) {
                continue;
            }
            try {
                Optional<String> id = slack.lookupByEmail(u.email());
                SlackIdentityStore.Identity identity = new SlackIdentityStore.Identity(u.userId(), u.email(),
                        id.orElse(null), SlackIdentityStore.BY_EMAIL, now);
                found.add(identity);
                known.put(u.userId(), identity);
                done++;
            } catch (SlackFailure e) {
                LOG.warn("looking up {} in Slack failed ({}); they get web notifications until it works", u.email(),
                        e.getMessage());
                if (e.kind() == SlackFailure.Kind.RATE_LIMITED) {
                    break;
                }
            }
        }
        identities.putAll(found);
        return known;
    }
}
