package io.salescope.bot.ops;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Owner of the {@code task_changes} table: what people did to tasks in chat or on the web
 * page (done, snooze, reopen), appended and never rewritten, so it doubles as the audit trail.
 * The current state of a task is its warehouse row with these changes laid over it
 * ({@link io.salescope.bot.tasks.TaskBook} decides how).
 */
public final class TaskChangeStore {

    public static final String DONE = "done";
    public static final String SNOOZE = "snooze";
    public static final String REOPEN = "reopen";

    /**
     * One change. {@code snoozeUntil} is set for a snooze: the moment asked for (one hour or
     * one day after the click), before any working-hours adjustment.
     */
    public record Change(long id, String taskId, String action, Instant changedAt, String changedBy,
                         Instant snoozeUntil, String via) {
        public Change {
            requireNonNull(taskId, "taskId is null");
            requireNonNull(action, "action is null");
            requireNonNull(changedAt, "changedAt is null");
            requireNonNull(changedBy, "changedBy is null");
            requireNonNull(via, "via is null");
        }
    }

    private final OpsStore store;

    public TaskChangeStore(OpsStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    public Change add(String taskId, String action, Instant changedAt, String changedBy, Instant snoozeUntil, String via) {
        if (!List.of(DONE, SNOOZE, REOPEN).contains(action)) {
            throw new IllegalArgumentException("unknown task change '" + action + "'");
        }
        return store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO task_changes (task_id, action, changed_at,"
                    + " changed_by, snooze_until, via) VALUES (?, ?, ?, ?, ?, ?) RETURNING change_id")) {
                ps.setString(1, taskId);
                ps.setString(2, action);
                OpsTime.bind(ps, 3, changedAt);
                ps.setString(4, changedBy);
                OpsTime.bind(ps, 5, snoozeUntil);
                ps.setString(6, via);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Change(rs.getLong(1), taskId, action, changedAt, changedBy, snoozeUntil, via);
                }
            }
        });
    }

    /** Every change, oldest first. */
    public List<Change> all() {
        return store.transaction(this::all);
    }

    /** Every change, oldest first, inside the caller's transaction. */
    public List<Change> all(java.sql.Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY changed_at, change_id")) {
            return read(ps);
        }
    }

    /** The changes of one task, oldest first. */
    public List<Change> of(String taskId) {
        return store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE task_id = ? ORDER BY changed_at, change_id")) {
                ps.setString(1, taskId);
                return read(ps);
            }
        });
    }

    private static final String SELECT = "SELECT change_id, task_id, action, changed_at, changed_by, snooze_until, via"
            + " FROM task_changes";

    private static List<Change> read(PreparedStatement ps) throws SQLException {
        List<Change> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Change(rs.getLong(1), rs.getString(2), rs.getString(3), OpsTime.read(rs, 4),
                        rs.getString(5), OpsTime.read(rs, 6), rs.getString(7)));
            }
        }
        return out;
    }
}
