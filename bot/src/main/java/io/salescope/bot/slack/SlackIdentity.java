package io.salescope.bot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.users.UsersInfoResponse;
import io.salescope.bot.ops.SlackIdentityStore;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.UserInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Which warehouse user a Slack user is: the user whose {@code users.slack_user_id} is theirs,
 * else the active user with the email of their Slack profile ({@code users.info}, scope
 * {@code users:read.email}). Email look-ups are remembered for ten minutes, and the matches
 * they find are kept in the operational store ({@link SlackIdentityStore}) when one is given.
 */
public final class SlackIdentity {

    private static final Logger LOG = LoggerFactory.getLogger(SlackIdentity.class);
    private static final Duration REMEMBER = Duration.ofMinutes(10);

    private record Remembered(String email, long untilNanos) {
    }

    private final MetricEngine engine;
    private final SlackIdentityStore store;
    private final Map<String, Remembered> emails = new ConcurrentHashMap<>();

    public SlackIdentity(MetricEngine engine) {
        this(engine, null);
    }

    /** With {@code store} (nullable): matches found by email are kept there, and matches found there are used. */
    public SlackIdentity(MetricEngine engine, SlackIdentityStore store) {
        this.engine = requireNonNull(engine, "engine is null");
        this.store = store;
    }

    public Optional<UserInfo> resolve(String slackUserId, MethodsClient client) {
        if (slackUserId == null || slackUserId.isBlank()) {
            return Optional.empty();
        }
        Optional<UserInfo> direct = engine.users().stream()
                .filter(u -> slackUserId.equals(u.slackUserId()) && u.active()).findFirst();
        if (direct.isPresent()) {
            return direct;
        }
        if (store != null) {
            Optional<UserInfo> kept = store.all().values().stream().filter(i -> slackUserId.equals(i.slackUserId()))
                    .findFirst().flatMap(i -> engine.user(i.userId())).filter(UserInfo::active);
            if (kept.isPresent()) {
                return kept;
            }
        }
        String email = email(slackUserId, client);
        if (email == null) {
            return Optional.empty();
        }
        Optional<UserInfo> user = engine.user(email).filter(UserInfo::active);
        if (store != null && user.isPresent()) {
            store.put(new SlackIdentityStore.Identity(user.get().userId(), email, slackUserId, SlackIdentityStore.BY_USERS_INFO,
                    java.time.Instant.now()));
        }
        return user;
    }

    private String email(String slackUserId, MethodsClient client) {
        Remembered r = emails.get(slackUserId);
        if (r != null && System.nanoTime() < r.untilNanos()) {
            return r.email();
        }
        String email = null;
        try {
            UsersInfoResponse info = client.usersInfo(q -> q.user(slackUserId));
            if (info.isOk() && info.getUser() != null && info.getUser().getProfile() != null) {
                email = info.getUser().getProfile().getEmail();
            } else {
                LOG.warn("users.info for {} failed: {} (the app needs the users:read.email scope)", slackUserId,
                        info.getError());
            }
        } catch (Exception e) {
            LOG.warn("users.info for {} failed: {}", slackUserId, e.toString());
            return null;
        }
        emails.put(slackUserId, new Remembered(email, System.nanoTime() + REMEMBER.toNanos()));
        return email;
    }
}
