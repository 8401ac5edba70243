package io.salescope.bot.ops;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * Owner of the {@code slack_events} table: the ids of Slack events already taken on, so an
 * event Slack retries (it retries when the ack seemed late) is answered once, across restarts.
 */
public final class SlackEventLedger {

    private final OpsStore store;

    public SlackEventLedger(OpsStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** Records the event; true the first time this id is seen, false for a repeat. */
    public boolean firstSighting(String eventId, String kind, Instant at) {
        return store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM slack_events WHERE event_id = ?")) {
                ps.setString(1, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO slack_events (event_id, received_at, kind) VALUES (?, ?, ?)")) {
                ps.setString(1, eventId);
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setString(3, kind);
                ps.executeUpdate();
            }
            return true;
        });
    }

    /** Forgets events older than {@code before}; Slack stops retrying after about an hour. */
    public int prune(Instant before) {
        return store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM slack_events WHERE received_at < ?")) {
                ps.setTimestamp(1, Timestamp.from(before));
                return ps.executeUpdate();
            }
        });
    }
}
