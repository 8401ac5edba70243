package io.salescope.ingest.profile;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.ingest.profile.YamlNode.ListNode;
import io.salescope.ingest.profile.YamlNode.MapNode;
import io.salescope.ingest.profile.YamlNode.Scalar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One mapping of a profile's table: where its records come from (files matching a pattern, a
 * database table or query, or rows written in the profile), which records count, and how each
 * crm-export-v1 column is filled.
 *
 * @param pattern file name or glob of a file source (matched ignoring case), or null
 * @param dbTable a database table of a JDBC source, or null
 * @param query a SQL query of a JDBC source, or null
 * @param rows rows written in the profile (a stage model), each column to value, or null
 * @param format csv or jsonl for file sources
 * @param label tells apart several mappings of one file to one table in reports
 * @param optional the export may lack the file (no error, the mapping is skipped)
 * @param columns contract column to spec, in profile order
 * @param modifiedColumn JDBC: the column whose growth marks changed rows (the watermark)
 * @param partitionColumn JDBC: a numeric or time column to split the read on
 * @param partitions JDBC: how many parallel reads
 */
record PartSpec(TableContract table, int line, String pattern, String dbTable, String query, List<Row> rows,
                String format, String label, boolean optional, Condition where, Condition deletedIf,
                Map<String, ValueSpec> columns, int columnsLine, String modifiedColumn, String partitionColumn,
                int partitions) {

    /** A row written in the profile. */
    record Row(int line, Map<String, String> values) {
    }

    static final Set<String> KEYS = Set.of("from", "rows", "format", "label", "optional", "where", "deleted_if",
            "columns", "modified_column", "partition");

    boolean jdbc() {
        return dbTable != null || query != null;
    }

    boolean inline() {
        return rows != null;
    }

    /** A short name for reports: the pattern, table or query, and the label. */
    String describe() {
        String base = pattern != null ? pattern : dbTable != null ? dbTable : query != null ? "query" : "profile rows";
        return label == null ? base : base + " [" + label + "]";
    }

    static PartSpec parse(TableContract table, YamlNode node, ProfileContext where, String defaultFormat) {
        if (!(node instanceof MapNode m)) {
            throw where.error(node.line(), "a mapping of " + table.name() + " is a mapping with from (or rows) and columns");
        }
        for (String key : m.entries().keySet()) {
            if (!KEYS.contains(key)) {
                throw where.error(m.lineOf(key), "unknown key '" + key + "' in the mapping of " + table.name()
                        + "; known keys: " + new java.util.TreeSet<>(KEYS));
            }
        }
        String label = text(m, "label", where);
        boolean optional = "true".equalsIgnoreCase(text(m, "optional", where));
        if (m.has("rows")) {
            if (m.has("from") || m.has("columns") || m.has("where")) {
                throw where.error(m.lineOf("rows"), "a mapping with rows takes its values from the profile: no from,"
                        + " columns or where");
            }
            return new PartSpec(table, m.line(), null, null, null, rows(table, m, where), "rows", label, false, null, null,
                    Map.of(), m.lineOf("rows"), null, null, 0);
        }
        String pattern = null;
        String dbTable = null;
        String query = null;
        YamlNode from = m.get("from");
        if (from instanceof Scalar s && s.value() != null && !s.value().isBlank()) {
            pattern = s.value().strip();
        } else if (from instanceof MapNode fm && (fm.has("table") || fm.has("query"))) {
            dbTable = text(fm, "table", where);
            query = text(fm, "query", where);
            if ((dbTable == null) == (query == null)) {
                throw where.error(fm.line(), "from takes one of table and query");
            }
            String identifier = "([A-Za-z_][A-Za-z0-9_$]*|\"[^\"]+\")";
            if (dbTable != null && !dbTable.matches(identifier + "(\\." + identifier + ")?")) {
                throw where.error(fm.lineOf("table"), "'" + dbTable + "' is not a table name (schema.table; quote mixed-case"
                        + " names as the database needs them: crm.\"Deals\"); for anything else write a query");
            }
        } else {
            throw where.error(from == null ? m.line() : from.line(), "the mapping of " + table.name() + " needs from:"
                    + " a file name or pattern (Opportunity.csv, *deals*.csv), {table: schema.table} or {query: ...},"
                    + " or rows");
        }
        String format = text(m, "format", where);
        format = format == null ? defaultFormat : format;
        if (!format.equals("csv") && !format.equals("jsonl")) {
            throw where.error(m.lineOf("format"), "format is csv or jsonl");
        }
        if (!(m.get("columns") instanceof MapNode cm)) {
            throw where.error(m.has("columns") ? m.get("columns").line() : m.line(), "the mapping of " + table.name()
                    + " needs columns: each crm-export-v1 column it fills, e.g. columns: {opportunity_id: Id}");
        }
        Map<String, ValueSpec> columns = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : cm.entries().entrySet()) {
            String name = e.getKey().strip().toLowerCase(java.util.Locale.ROOT);
            Column c = table.column(name).orElseThrow(() -> where.error(cm.lineOf(e.getKey()), table.name()
                    + " has no column '" + e.getKey() + "'; its columns are "
                    + table.sourceColumns().stream().map(Column::name).toList()));
            if (c.derived()) {
                throw where.error(cm.lineOf(e.getKey()), table.name() + "." + name + " is derived by ingest; it cannot be mapped");
            }
            columns.put(name, ValueSpec.parse(e.getValue(), where));
        }
        List<String> missing = new ArrayList<>();
        for (Column c : table.sourceColumns()) {
            if (c.required() && c.defaultValue() == null && !columns.containsKey(c.name())) {
                missing.add(table.name() + "." + c.name());
            }
        }
        if (table.name().equals(Tables.QUOTAS.name()) && !columns.containsKey("owner_id") && !columns.containsKey("team_id")) {
            missing.add("quotas.owner_id or quotas.team_id");
        }
        if (!missing.isEmpty()) {
            throw where.error(m.lineOf("columns"), "unmapped required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " - add " + (missing.size() > 1 ? "them" : "it") + " under tables."
                    + table.name() + ".columns (profile line " + m.lineOf("columns") + ")");
        }
        Condition whereCondition = m.has("where") ? Condition.parse(m.get("where"), where) : null;
        Condition deleted = m.has("deleted_if") ? Condition.parse(m.get("deleted_if"), where) : null;
        String modified = text(m, "modified_column", where);
        String partitionColumn = null;
        int partitions = 0;
        if (m.has("partition")) {
            if (!(m.get("partition") instanceof MapNode pm) || !pm.has("column")) {
                throw where.error(m.lineOf("partition"), "partition is {column: id, partitions: 8}");
            }
            partitionColumn = text(pm, "column", where);
            String n = text(pm, "partitions", where);
            try {
                partitions = n == null ? 0 : Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw where.error(pm.lineOf("partitions"), "partitions is a whole number");
            }
            if (partitions < 0 || partitions > 1000) {
                throw where.error(pm.lineOf("partitions"), "partitions is between 1 and 1000");
            }
        }
        if ((modified != null || partitionColumn != null) && dbTable == null && query == null) {
            throw where.error(m.lineOf(modified != null ? "modified_column" : "partition"),
                    "modified_column and partition apply to database tables (from: {table: ...})");
        }
        return new PartSpec(table, m.line(), pattern, dbTable, query, null, format, label, optional, whereCondition,
                deleted, columns, m.lineOf("columns"), modified, partitionColumn, partitions);
    }

    private static List<Row> rows(TableContract table, MapNode m, ProfileContext where) {
        if (!(m.get("rows") instanceof ListNode list) || list.items().isEmpty()) {
            throw where.error(m.lineOf("rows"), "rows takes a list of rows, e.g. - {stage: Prospecting, position: 1, ...}");
        }
        List<Row> out = new ArrayList<>();
        for (YamlNode item : list.items()) {
            if (!(item instanceof MapNode rm)) {
                throw where.error(item.line(), "a row is a mapping of column to value");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, YamlNode> e : rm.entries().entrySet()) {
                String name = e.getKey().strip().toLowerCase(java.util.Locale.ROOT);
                if (table.column(name).filter(c -> !c.derived()).isEmpty()) {
                    throw where.error(rm.lineOf(e.getKey()), table.name() + " has no column '" + e.getKey() + "'");
                }
                if (!(e.getValue() instanceof Scalar s)) {
                    throw where.error(rm.lineOf(e.getKey()), "row values are plain values");
                }
                values.put(name, s.value());
            }
            for (Column c : table.sourceColumns()) {
                if (c.required() && c.defaultValue() == null && values.get(c.name()) == null) {
                    throw where.error(rm.line(), "the row lacks the required column " + table.name() + "." + c.name());
                }
            }
            out.add(new Row(rm.line(), values));
        }
        return out;
    }

    static String text(MapNode m, String key, ProfileContext where) {
        if (!m.has(key)) {
            return null;
        }
        if (!(m.get(key) instanceof Scalar s)) {
            throw where.error(m.lineOf(key), key + " takes a single value");
        }
        return s.value();
    }
}
