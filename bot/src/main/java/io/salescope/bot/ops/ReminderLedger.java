package io.salescope.bot.ops;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Owner of the {@code reminder_ledger} table: every reminder and digest the scheduler took on,
 * keyed by {@code reminder_key} (task, kind, due date and slot, or kind, recipient and slot for
 * digests), so each is sent at most once across restarts, concurrent ticks and processes.
 *
 * <h2>States</h2>
 * <ul>
 *   <li>{@code sending}: claimed by the process whose {@code claim_token} it holds, which keeps
 *       {@code claimed_at} fresh while the delivery waits or runs ({@link #heartbeat}). A claim
 *       not refreshed for the stale timeout belongs to a process that died: another may take it
 *       over, marked {@code uncertain} because the dead process may have reached Slack.</li>
 *   <li>{@code sent}: delivered; final.</li>
 *   <li>{@code failed}: the last attempt failed; tried again from {@code next_attempt_at}.
 *       {@code uncertain} means the attempt may have reached Slack (a timeout), so the next one
 *       first looks for the message in the channel's history.</li>
 *   <li>{@code cancelled}: no longer wanted (the task was done or cancelled, its due date
 *       changed, or a newer reminder of it superseded this one); final.</li>
 * </ul>
 * Nothing is claimed twice: a new row is inserted with {@code ON CONFLICT DO NOTHING} and only
 * the rows actually inserted are returned, and a row is taken over only by an update whose
 * condition on its state (and staleness) still holds, inside one transaction.
 *
 * <p>Bulk work (a tick may claim tens of thousands of reminders) goes through a temporary
 * table filled by DuckDB's appender, then one set-based statement.
 */
public final class ReminderLedger {

    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    /** A delivery the scheduler wants sent now. {@code taskId} and {@code dueAt} are null for digests. */
    public record Entry(String key, String kind, String taskId, Instant dueAt, String slot, String userId,
                        String channel, Instant sendAt) {
        public Entry {
            requireNonNull(key, "key is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(slot, "slot is null");
            requireNonNull(channel, "channel is null");
            requireNonNull(sendAt, "sendAt is null");
        }
    }

    /** A ledger row. */
    public record Row(String key, String kind, String taskId, Instant dueAt, String slot, String userId, String channel,
                      Instant sendAt, String state, int attempts, String claimToken, Instant claimedAt,
                      Instant nextAttemptAt, boolean uncertain, String lastError, Instant sentAt, String deliveredVia,
                      String slackChannel, String slackTs) {
    }

    /** A delivery this process now owns: {@code attempts} made so far; {@code uncertain}: check Slack first. */
    public record Claim(String key, int attempts, boolean uncertain) {
    }

    /**
     * One tick's claims.
     *
     * @param fresh deliveries not in the ledger yet (as far as the caller knows)
     * @param retries keys of failed rows that are wanted again
     * @param recoveries keys of sending rows whose claim may be stale
     * @param cancellations keys of failed or stale rows no longer wanted, with the reason
     * @param staleBefore a sending row claimed before this instant is stale
     */
    public record ClaimRequest(List<Entry> fresh, Collection<String> retries, Collection<String> recoveries,
                               Map<String, String> cancellations, String token, Instant now, Instant staleBefore) {
        public ClaimRequest {
            fresh = List.copyOf(fresh);
            retries = List.copyOf(retries);
            recoveries = List.copyOf(recoveries);
            cancellations = Map.copyOf(cancellations);
            requireNonNull(token, "token is null");
            requireNonNull(now, "now is null");
            requireNonNull(staleBefore, "staleBefore is null");
        }
    }

    /** How a delivery attempt ended. */
    public sealed interface Outcome permits Sent, Failed {
        String key();
    }

    /** Delivered; {@code via} is slack or web, the Slack fields null for the web. */
    public record Sent(String key, Instant at, String via, String slackChannel, String slackTs) implements Outcome {
    }

    /** Not delivered; tried again from {@code nextAttemptAt}. */
    public record Failed(String key, String token, Instant at, String error, Instant nextAttemptAt, boolean uncertain)
            implements Outcome {
    }

    private static final String COLUMNS = "reminder_key, kind, task_id, due_at, slot, user_id, channel, send_at, state,"
            + " attempts, claim_token, claimed_at, next_attempt_at, uncertain, last_error, sent_at, delivered_via,"
            + " slack_channel, slack_ts";

    private final OpsStore store;

    public ReminderLedger(OpsStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** Keys of the rows planned to go at or after {@code since}. */
    public Set<String> keysSince(Instant since) {
        return store.transaction(c -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT reminder_key FROM reminder_ledger WHERE send_at >= ?")) {
                OpsTime.bind(ps, 1, since);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** Rows still in play: sending or failed. */
    public List<Row> pending() {
        return store.transaction(c -> select(c, "WHERE state IN ('sending', 'failed') ORDER BY send_at, reminder_key", -1));
    }

    /** Rows in {@code state} (all when null), latest planned first. */
    public List<Row> rows(String state, int limit) {
        return store.transaction(c -> {
            if (state == null) {
                return select(c, "ORDER BY send_at DESC, reminder_key LIMIT ?", limit);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM reminder_ledger WHERE state = ? ORDER BY send_at DESC, reminder_key LIMIT ?")) {
                ps.setString(1, state);
                ps.setInt(2, limit);
                return rows(ps);
            }
        });
    }

    public Optional<Row> row(String key) {
        return store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM reminder_ledger WHERE reminder_key = ?")) {
                ps.setString(1, key);
                return rows(ps).stream().findFirst();
            }
        });
    }

    /** Row counts by state. */
    public Map<String, Long> countsByState() {
        return store.transaction(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT state, count(*) FROM reminder_ledger GROUP BY state ORDER BY state")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    /**
     * Claims, in one transaction: inserts the fresh entries (those already present are left
     * alone), takes over the failed rows due for another attempt and the stale sending rows,
     * and cancels the rows no longer wanted. Returns what this process must now deliver.
     */
    public List<Claim> claim(ClaimRequest r) {
        if (r.fresh().isEmpty() && r.retries().isEmpty() && r.recoveries().isEmpty() && r.cancellations().isEmpty()) {
            return List.of();
        }
        return store.transaction(c -> {
            List<Claim> out = new ArrayList<>();
            if (!r.fresh().isEmpty()) {
                createFresh(c, r.fresh());
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO reminder_ledger (reminder_key, kind, task_id, due_at, slot, user_id, channel, send_at,
                            state, attempts, claim_token, claimed_at, next_attempt_at, uncertain, created_at, updated_at)
                        SELECT reminder_key, kind, task_id, due_at, slot, user_id, channel, send_at,
                            'sending', 0, ?, ?, NULL, false, ?, ?
                        FROM claim_fresh ON CONFLICT DO NOTHING RETURNING reminder_key""")) {
                    ps.setString(1, r.token());
                    OpsTime.bind(ps, 2, r.now());
                    OpsTime.bind(ps, 3, r.now());
                    OpsTime.bind(ps, 4, r.now());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Claim(rs.getString(1), 0, false));
                        }
                    }
                }
            }
            if (!r.retries().isEmpty()) {
                keys(c, "claim_retry", r.retries());
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE reminder_ledger SET state = 'sending', claim_token = ?, claimed_at = ?, updated_at = ?
                        FROM claim_retry k
                        WHERE reminder_ledger.reminder_key = k.reminder_key AND reminder_ledger.state = 'failed'
                          AND reminder_ledger.next_attempt_at <= ?
                        RETURNING reminder_ledger.reminder_key, reminder_ledger.attempts, reminder_ledger.uncertain""")) {
                    ps.setString(1, r.token());
                    OpsTime.bind(ps, 2, r.now());
                    OpsTime.bind(ps, 3, r.now());
                    OpsTime.bind(ps, 4, r.now());
                    claims(ps, out);
                }
            }
            if (!r.recoveries().isEmpty()) {
                keys(c, "claim_recover", r.recoveries());
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE reminder_ledger SET claim_token = ?, claimed_at = ?, uncertain = true, updated_at = ?,
                            last_error = 'taken over from a claim not refreshed since ' || strftime(claimed_at, '%Y-%m-%dT%H:%M:%SZ')
                        FROM claim_recover k
                        WHERE reminder_ledger.reminder_key = k.reminder_key AND reminder_ledger.state = 'sending'
                          AND reminder_ledger.claimed_at < ? AND reminder_ledger.claim_token <> ?
                        RETURNING reminder_ledger.reminder_key, reminder_ledger.attempts, reminder_ledger.uncertain""")) {
                    ps.setString(1, r.token());
                    OpsTime.bind(ps, 2, r.now());
                    OpsTime.bind(ps, 3, r.now());
                    OpsTime.bind(ps, 4, r.staleBefore());
                    ps.setString(5, r.token());
                    claims(ps, out);
                }
            }
            if (!r.cancellations().isEmpty()) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TEMP TABLE claim_cancel (reminder_key VARCHAR, reason VARCHAR)");
                }
                try (DuckDBAppender a = appender(c, "claim_cancel")) {
                    for (Map.Entry<String, String> e : r.cancellations().entrySet()) {
                        a.beginRow();
                        a.append(e.getKey());
                        a.append(e.getValue());
                        a.endRow();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE reminder_ledger SET state = 'cancelled', last_error = k.reason, updated_at = ?
                        FROM claim_cancel k
                        WHERE reminder_ledger.reminder_key = k.reminder_key
                          AND (reminder_ledger.state = 'failed'
                               OR (reminder_ledger.state = 'sending' AND reminder_ledger.claimed_at < ?))""")) {
                    OpsTime.bind(ps, 1, r.now());
                    OpsTime.bind(ps, 2, r.staleBefore());
                    ps.executeUpdate();
                }
            }
            return out;
        });
    }

    /** Keeps this process's claims fresh while their deliveries wait or run. */
    public int heartbeat(String token, Instant now) {
        return store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE reminder_ledger SET claimed_at = ? WHERE claim_token = ? AND state = 'sending'")) {
                OpsTime.bind(ps, 1, now);
                ps.setString(2, token);
                return ps.executeUpdate();
            }
        });
    }

    /** Records how deliveries ended, in one transaction. */
    public void record(Collection<? extends Outcome> outcomes) {
        if (!outcomes.isEmpty()) {
            store.transaction(c -> {
                record(c, outcomes);
                return null;
            });
        }
    }

    /**
     * Records outcomes inside the caller's transaction, e.g. together with the web
     * notifications they stand for, so a web delivery is exactly once.
     */
    public void record(Connection c, Collection<? extends Outcome> outcomes) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TEMP TABLE ledger_outcomes (reminder_key VARCHAR, token VARCHAR, ok BOOLEAN, at_time TIMESTAMPTZ,
                        via VARCHAR, slack_channel VARCHAR, slack_ts VARCHAR, error VARCHAR,
                        next_attempt_at TIMESTAMPTZ, uncertain BOOLEAN)""");
        }
        try (DuckDBAppender a = appender(c, "ledger_outcomes")) {
            for (Outcome o : outcomes) {
                a.beginRow();
                a.append(o.key());
                if (o instanceof Sent s) {
                    a.appendNull();
                    a.append(true);
                    a.append(OpsTime.utc(s.at()));
                    a.append(s.via());
                    a.append(s.slackChannel());
                    a.append(s.slackTs());
                    a.appendNull();
                    a.appendNull();
                    a.append(false);
                } else {
                    Failed f = (Failed) o;
                    a.append(f.token());
                    a.append(false);
                    a.append(OpsTime.utc(f.at()));
                    a.appendNull();
                    a.appendNull();
                    a.appendNull();
                    a.append(f.error());
                    a.append(OpsTime.utc(f.nextAttemptAt()));
                    a.append(f.uncertain());
                }
                a.endRow();
            }
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("""
                    UPDATE reminder_ledger SET state = 'sent', attempts = attempts + 1, sent_at = o.at_time,
                        delivered_via = o.via, slack_channel = o.slack_channel, slack_ts = o.slack_ts,
                        last_error = NULL, uncertain = false, next_attempt_at = NULL, updated_at = o.at_time
                    FROM ledger_outcomes o
                    WHERE reminder_ledger.reminder_key = o.reminder_key AND o.ok AND reminder_ledger.state <> 'sent'""");
            st.executeUpdate("""
                    UPDATE reminder_ledger SET state = 'failed', attempts = attempts + 1, last_error = o.error,
                        next_attempt_at = o.next_attempt_at, uncertain = o.uncertain, updated_at = o.at_time
                    FROM ledger_outcomes o
                    WHERE reminder_ledger.reminder_key = o.reminder_key AND NOT o.ok
                      AND reminder_ledger.state = 'sending' AND reminder_ledger.claim_token = o.token""");
            st.execute("DROP TABLE ledger_outcomes");
        }
    }

    /** Forgets final rows (sent, cancelled) planned before {@code before}; they can never be wanted again. */
    public int prune(Instant before) {
        return store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM reminder_ledger WHERE state IN ('sent', 'cancelled') AND send_at < ?")) {
                OpsTime.bind(ps, 1, before);
                return ps.executeUpdate();
            }
        });
    }

    private static void createFresh(Connection c, List<Entry> fresh) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TEMP TABLE claim_fresh (reminder_key VARCHAR, kind VARCHAR, task_id VARCHAR,
                        due_at TIMESTAMPTZ, slot VARCHAR, user_id VARCHAR, channel VARCHAR, send_at TIMESTAMPTZ)""");
        }
        Set<String> seen = new HashSet<>();
        try (DuckDBAppender a = appender(c, "claim_fresh")) {
            for (Entry e : fresh) {
                if (!seen.add(e.key())) {
                    continue;
                }
                a.beginRow();
                a.append(e.key());
                a.append(e.kind());
                a.append(e.taskId());
                a.append(OpsTime.utc(e.dueAt()));
                a.append(e.slot());
                a.append(e.userId());
                a.append(e.channel());
                a.append(OpsTime.utc(e.sendAt()));
                a.endRow();
            }
        }
    }

    private static void keys(Connection c, String table, Collection<String> keys) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE " + table + " (reminder_key VARCHAR)");
        }
        try (DuckDBAppender a = appender(c, table)) {
            for (String k : new LinkedHashSet<>(keys)) {
                a.beginRow();
                a.append(k);
                a.endRow();
            }
        }
    }

    private static DuckDBAppender appender(Connection c, String tempTable) throws SQLException {
        return c.unwrap(DuckDBConnection.class).createAppender("temp", "main", tempTable);
    }

    private static void claims(PreparedStatement ps, List<Claim> out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Claim(rs.getString(1), rs.getInt(2), rs.getBoolean(3)));
            }
        }
    }

    private static List<Row> select(Connection c, String tail, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM reminder_ledger " + tail)) {
            if (limit >= 0) {
                ps.setInt(1, limit);
            }
            return rows(ps);
        }
    }

    private static List<Row> rows(PreparedStatement ps) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), OpsTime.read(rs, 4), rs.getString(5),
                        rs.getString(6), rs.getString(7), OpsTime.read(rs, 8), rs.getString(9), rs.getInt(10),
                        rs.getString(11), OpsTime.read(rs, 12), OpsTime.read(rs, 13), rs.getBoolean(14), rs.getString(15),
                        OpsTime.read(rs, 16), rs.getString(17), rs.getString(18), rs.getString(19)));
            }
        }
        return out;
    }
}
