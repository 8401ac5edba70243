package io.salescope.bot.ops;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Owner of the {@code chat_tasks} table: tasks created in chat ("assign Bob: call ACME, due
 * Friday"), which the CRM does not know. Their ids are {@code CT-} and a number, so they never
 * collide with the CRM's. Whether one is done lives in {@link TaskChangeStore}, as for CRM tasks.
 */
public final class ChatTaskStore {

    public static final String ID_PREFIX = "CT-";

    /** A task created in chat; {@code via} is slack, web or cli, {@code requestText} what was typed. */
    public record ChatTask(String taskId, String ownerId, String subject, Instant dueAt, String priority,
                           String createdBy, Instant createdAt, String via, String requestText) {
        public ChatTask {
            requireNonNull(taskId, "taskId is null");
            requireNonNull(ownerId, "ownerId is null");
            requireNonNull(subject, "subject is null");
            requireNonNull(dueAt, "dueAt is null");
            requireNonNull(createdBy, "createdBy is null");
            requireNonNull(createdAt, "createdAt is null");
            requireNonNull(via, "via is null");
        }
    }

    private final OpsStore store;

    public ChatTaskStore(OpsStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** Stores a new task and returns it with its id. */
    public ChatTask create(String ownerId, String subject, Instant dueAt, String priority, String createdBy,
                           Instant createdAt, String via, String requestText) {
        return store.transaction(c -> {
            long n;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT nextval('chat_task_ids')")) {
                rs.next();
                n = rs.getLong(1);
            }
            ChatTask t = new ChatTask(ID_PREFIX + n, ownerId, subject, dueAt, priority, createdBy, createdAt, via,
                    requestText);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO chat_tasks (task_id, owner_id, subject, due_at,"
                    + " priority, created_by, created_at, via, request_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, t.taskId());
                ps.setString(2, t.ownerId());
                ps.setString(3, t.subject());
                OpsTime.bind(ps, 4, t.dueAt());
                ps.setString(5, t.priority());
                ps.setString(6, t.createdBy());
                OpsTime.bind(ps, 7, t.createdAt());
                ps.setString(8, t.via());
                ps.setString(9, t.requestText());
                ps.executeUpdate();
            }
            return t;
        });
    }

    /** Every chat-created task, by id. */
    public List<ChatTask> all() {
        return store.transaction(this::all);
    }

    /** Every chat-created task, inside the caller's transaction (to read them with other tables at once). */
    public List<ChatTask> all(java.sql.Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY created_at, task_id")) {
            return read(ps);
        }
    }

    public OpsStore store() {
        return store;
    }

    public Optional<ChatTask> find(String taskId) {
        return store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE task_id = ?")) {
                ps.setString(1, taskId);
                return read(ps).stream().findFirst();
            }
        });
    }

    private static final String SELECT = "SELECT task_id, owner_id, subject, due_at, priority, created_by, created_at,"
            + " via, request_text FROM chat_tasks";

    private static List<ChatTask> read(PreparedStatement ps) throws SQLException {
        List<ChatTask> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ChatTask(rs.getString(1), rs.getString(2), rs.getString(3), OpsTime.read(rs, 4),
                        rs.getString(5), rs.getString(6), OpsTime.read(rs, 7), rs.getString(8), rs.getString(9)));
            }
        }
        return out;
    }
}
