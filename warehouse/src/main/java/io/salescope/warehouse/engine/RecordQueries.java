package io.salescope.warehouse.engine;

import io.salescope.warehouse.query.DealRecord;
import io.salescope.warehouse.query.TaskRecord;
import io.salescope.warehouse.query.WinScoreChanges;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The row reads behind {@link io.salescope.warehouse.query.WarehouseRecords}, over one snapshot. */
final class RecordQueries {

    private static final String DEAL_COLUMNS = "o.opportunity_id, o.name, a.name, o.owner_id, o.stage,"
            + " o.amount_converted, o.close_date, o.probability";

    private RecordQueries() {
    }

    static List<TaskRecord> openTasks(Snapshot s) {
        String sql = """
                SELECT t.task_id, t.owner_id, t.subject, t.due_at, t.status, t.priority, t.created_by, t.created_at,
                       t.modified_at, t.account_id, a.name, t.opportunity_id, o.name
                FROM tasks t
                LEFT JOIN accounts a ON a.account_id = t.account_id
                LEFT JOIN opportunities o ON o.opportunity_id = t.opportunity_id
                WHERE t.status = 'open' AND t.due_at IS NOT NULL AND t.owner_id IS NOT NULL
                ORDER BY t.task_id""";
        try (Connection c = s.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<TaskRecord> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new TaskRecord(rs.getString(1), rs.getString(2), rs.getString(3) == null ? "" : rs.getString(3),
                        instant(rs, 4), rs.getString(5), rs.getString(6), rs.getString(7), instant(rs, 8), instant(rs, 9),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)));
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the open tasks of warehouse version " + s.version + ": "
                    + e.getMessage(), e);
        }
    }

    static List<DealRecord> openDealsClosing(Snapshot s, LocalDate from, LocalDate to) {
        String sql = "SELECT " + DEAL_COLUMNS + """
                 FROM opportunities o LEFT JOIN accounts a ON a.account_id = o.account_id
                WHERE o.stage_category = 'open' AND o.close_date BETWEEN ? AND ?
                ORDER BY o.close_date, o.opportunity_id""";
        try (Connection c = s.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDate(1, Date.valueOf(from));
            ps.setDate(2, Date.valueOf(to));
            List<DealRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(deal(rs, 1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the deals closing " + from + ".." + to + ": " + e.getMessage(), e);
        }
    }

    static WinScoreChanges winScoreChanges(Snapshot s) {
        try (Connection c = s.connect()) {
            List<LocalDate> dates = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT DISTINCT as_of_date FROM win_score_history"
                         + " WHERE as_of_date IS NOT NULL ORDER BY as_of_date DESC LIMIT 2")) {
                while (rs.next()) {
                    dates.add(rs.getObject(1, LocalDate.class));
                }
            }
            if (dates.isEmpty()) {
                return WinScoreChanges.none();
            }
            if (dates.size() == 1) {
                return new WinScoreChanges(null, dates.get(0), List.of());
            }
            LocalDate latest = dates.get(0);
            LocalDate previous = dates.get(1);
            String sql = "SELECT " + DEAL_COLUMNS + """
                    , p.probability, l.probability
                    FROM win_score_history l
                    JOIN win_score_history p ON p.opportunity_id = l.opportunity_id AND p.as_of_date = ?
                    JOIN opportunities o ON o.opportunity_id = l.opportunity_id
                    LEFT JOIN accounts a ON a.account_id = o.account_id
                    WHERE l.as_of_date = ? AND o.stage_category = 'open'
                      AND l.probability IS NOT NULL AND p.probability IS NOT NULL""";
            List<WinScoreChanges.Change> changes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setDate(1, Date.valueOf(previous));
                ps.setDate(2, Date.valueOf(latest));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        changes.add(new WinScoreChanges.Change(deal(rs, 1), rs.getDouble(9), rs.getDouble(10)));
                    }
                }
            }
            changes.sort(Comparator.comparingDouble(WinScoreChanges.Change::change)
                    .thenComparing(ch -> ch.deal().opportunityId()));
            return new WinScoreChanges(previous, latest, changes);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read win_score_history of warehouse version " + s.version + ": "
                    + e.getMessage(), e);
        }
    }

    private static DealRecord deal(ResultSet rs, int first) throws SQLException {
        return new DealRecord(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2),
                rs.getString(first + 3), rs.getString(first + 4), nullableDouble(rs, first + 5),
                rs.getObject(first + 6, LocalDate.class), nullableDouble(rs, first + 7));
    }

    private static Double nullableDouble(ResultSet rs, int i) throws SQLException {
        // getObject, not getDouble + wasNull: DuckDB's JDBC driver does not always report a NULL through wasNull.
        Object v = rs.getObject(i);
        return v == null ? null : ((Number) v).doubleValue();
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
