package io.salescope.bot.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Owner of the {@code notifications} table: messages for one user that the web page lists
 * (reminders, digests, assignments). The reminders feature adds them; the service reads and marks them read.
 */
public final class NotificationStore {

    /** One notification; {@code textZh} and {@code link} may be null. */
    public record Notification(long id, String userId, Instant createdAt, String kind, String text, String textZh,
                               String link, Instant readAt) {
    }

    private final OpsStore store;

    public NotificationStore(OpsStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    public long add(String userId, String kind, String text, String textZh, String link, Instant at) {
        return store.transaction(c -> add(c, userId, kind, text, textZh, link, at));
    }

    /**
     * Adds a notification inside the caller's transaction, e.g. together with the reminder
     * ledger's record that it was delivered.
     */
    public long add(Connection c, String userId, String kind, String text, String textZh, String link, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notifications"
                + " (user_id, created_at, kind, text, text_zh, link) VALUES (?, ?, ?, ?, ?, ?) RETURNING notification_id")) {
            ps.setString(1, userId);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, kind);
            ps.setString(4, text);
            ps.setString(5, textZh);
            ps.setString(6, link);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A notification to add: {@code textZh} and {@code link} may be null. */
    public record New(String userId, String kind, String text, String textZh, String link) {
    }

    /**
     * Adds many notifications inside the caller's transaction (a tick's web reminders, with the
     * ledger's record that they were delivered), a hundred rows per statement.
     */
    public void addAll(Connection c, java.util.List<New> all, Instant at) throws SQLException {
        for (int from = 0; from < all.size(); from += 100) {
            java.util.List<New> part = all.subList(from, Math.min(all.size(), from + 100));
            StringBuilder sql = new StringBuilder("INSERT INTO notifications (user_id, created_at, kind, text, text_zh, link) VALUES ");
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (New n : part) {
                    ps.setString(p++, n.userId());
                    ps.setTimestamp(p++, Timestamp.from(at));
                    ps.setString(p++, n.kind());
                    ps.setString(p++, n.text());
                    ps.setString(p++, n.textZh());
                    ps.setString(p++, n.link());
                }
                ps.executeUpdate();
            }
        }
    }

    /** The store this class writes to (for callers that add notifications inside their own transaction). */
    public OpsStore store() {
        return store;
    }

    /** The user's latest notifications, newest first. */
    public List<Notification> latest(String userId, int limit) {
        return store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT notification_id, user_id, created_at, kind, text,"
                    + " text_zh, link, read_at FROM notifications WHERE user_id = ? ORDER BY created_at DESC,"
                    + " notification_id DESC LIMIT ?")) {
                ps.setString(1, userId);
                ps.setInt(2, limit);
                List<Notification> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp read = rs.getTimestamp(8);
                        out.add(new Notification(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                read == null ? null : read.toInstant()));
                    }
                }
                return out;
            }
        });
    }

    /** Marks the user's notification read; false when it is not theirs or does not exist. */
    public boolean markRead(String userId, long id, Instant at) {
        return store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE notification_id = ? AND user_id = ?")) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setLong(2, id);
                ps.setString(3, userId);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
