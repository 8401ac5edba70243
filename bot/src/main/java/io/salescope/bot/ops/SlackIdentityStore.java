package io.salescope.bot.ops;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Owner of {@code slack_identities} (which Slack user a warehouse user is, when the CRM does
 * not say: found with {@code users.lookupByEmail} or {@code users.info}; a row without a
 * Slack id remembers that a look-up found nobody) and {@code slack_dm_channels} (the direct
 * message channel of a Slack user, so {@code conversations.open} is called once per person).
 */
public final class SlackIdentityStore {

    public static final String BY_EMAIL = "lookup_by_email";
    public static final String BY_USERS_INFO = "users_info";

    /** A mapping; {@code slackUserId} null means "looked up at {@code checkedAt}, not found". */
    public record Identity(String userId, String email, String slackUserId, String source, Instant checkedAt) {
        public Identity {
            requireNonNull(userId, "userId is null");
            requireNonNull(source, "source is null");
            requireNonNull(checkedAt, "checkedAt is null");
        }
    }

    private final OpsStore store;

    public SlackIdentityStore(OpsStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** Every stored mapping, by warehouse user id. */
    public Map<String, Identity> all() {
        return store.transaction(c -> {
            Map<String, Identity> out = new LinkedHashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT user_id, email, slack_user_id, source, checked_at FROM slack_identities ORDER BY user_id")) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Identity(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), OpsTime.read(rs, 5)));
                }
            }
            return out;
        });
    }

    /** Stores (or replaces) a mapping. */
    public void put(Identity identity) {
        putAll(java.util.List.of(identity));
    }

    /** Stores (or replaces) mappings, in one transaction. */
    public void putAll(java.util.Collection<Identity> identities) {
        if (identities.isEmpty()) {
            return;
        }
        store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO slack_identities"
                    + " (user_id, email, slack_user_id, source, checked_at) VALUES (?, ?, ?, ?, ?)")) {
                for (Identity identity : identities) {
                    ps.setString(1, identity.userId());
                    ps.setString(2, identity.email());
                    ps.setString(3, identity.slackUserId());
                    ps.setString(4, identity.source());
                    OpsTime.bind(ps, 5, identity.checkedAt());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Forgets a user's mapping (e.g. Slack said the user no longer exists). */
    public void forget(String userId) {
        store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM slack_identities WHERE user_id = ?")) {
                ps.setString(1, userId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The DM channel opened for a Slack user, if any. */
    public Optional<String> dmChannel(String slackUserId) {
        return store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT channel_id FROM slack_dm_channels WHERE slack_user_id = ?")) {
                ps.setString(1, slackUserId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Every known DM channel, by Slack user id. */
    public Map<String, String> dmChannels() {
        return store.transaction(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT slack_user_id, channel_id FROM slack_dm_channels")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    public void putDmChannel(String slackUserId, String channelId, Instant at) {
        putDmChannels(Map.of(slackUserId, channelId), at);
    }

    /** Remembers DM channels (Slack user id → channel id), in one transaction. */
    public void putDmChannels(Map<String, String> channels, Instant at) {
        if (channels.isEmpty()) {
            return;
        }
        store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO slack_dm_channels"
                    + " (slack_user_id, channel_id, opened_at) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, String> e : channels.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, e.getValue());
                    OpsTime.bind(ps, 3, at);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }
}
