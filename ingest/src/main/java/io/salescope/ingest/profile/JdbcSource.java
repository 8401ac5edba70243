package io.salescope.ingest.profile;

import com.fasterxml.jackson.core.type.TypeReference;
import io.salescope.core.SalescopeException;
import io.salescope.core.contract.TableContract;
import io.salescope.core.json.Json;
import io.salescope.core.progress.Progress;
import io.salescope.ingest.parse.ParseSettings;
import io.salescope.ingest.parse.RowParser;
import io.salescope.ingest.source.ExportSource;
import io.salescope.ingest.source.SourceContext;
import io.salescope.ingest.source.SourceEntity;
import io.salescope.ingest.source.SourceRecord;
import io.salescope.ingest.source.TypedLoader;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.AccumulatorV2;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

/**
 * A CRM's relational database read through Spark's JDBC source and a {@link MappingProfile}
 * whose mappings name tables or queries. Each mapping is read in parallel (split on its
 * {@code partition} column between the column's minimum and maximum), its rows mapped and typed
 * by the same {@link RowParser} as export files, so quarantine, dedupe, merge and reports are
 * the same.
 *
 * <p>Incremental: a mapping with a {@code modified_column} reads only rows whose value is
 * above the watermark the warehouse keeps for it (minus {@link #OVERLAP} for timestamps, so
 * rows committed late with an earlier time are not missed; the merge by key makes the overlap
 * harmless). The new watermark is the greatest value among the rows actually read, published
 * with the version in the manifest property {@value #WATERMARKS}; a run that publishes nothing
 * leaves it where it was. Rows matching {@code deleted_if} (soft deletes) remove their key from
 * the warehouse. Hard deletes are not seen incrementally: run with {@code --full} now and then.
 */
public final class JdbcSource implements ExportSource {

    public static final String WATERMARKS = "source_watermarks";
    public static final String ENV_USER = "SALESCOPE_JDBC_USER";
    public static final String ENV_PASSWORD = "SALESCOPE_JDBC_PASSWORD";
    /** How far back of the watermark a timestamp read starts. */
    public static final Duration OVERLAP = Duration.ofMinutes(5);

    private final MappingProfile profile;
    private final String url;
    private final Map<String, String> env;
    private final Progress progress;
    private SourceContext context;
    private Map<String, Lookup> lookups = Map.of();
    private Map<String, String> previous = Map.of();
    private final Map<String, WatermarkAccumulator> reached = new LinkedHashMap<>();
    private final Map<String, Boolean> numeric = new LinkedHashMap<>();

    public JdbcSource(MappingProfile profile, String url, Map<String, String> env, Progress progress) {
        this.profile = requireNonNull(profile, "profile is null");
        this.url = requireNonNull(url, "url is null");
        this.env = Map.copyOf(env);
        this.progress = requireNonNull(progress, "progress is null");
        if (!profile.jdbc()) {
            throw new SalescopeException(profile.origin() + " maps files, not database tables; give the export folder"
                    + " instead of " + location() + " (a database profile maps from: {table: ...} or {query: ...})");
        }
    }

    /** The URL without secrets, for reports. */
    @Override
    public String location() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public void open(SourceContext context) {
        this.context = context;
        try (Connection c = DriverManager.getConnection(url, connectionProperties())) {
            progress.message("  connected to " + c.getMetaData().getDatabaseProductName() + " "
                    + c.getMetaData().getDatabaseProductVersion());
        } catch (SQLException e) {
            throw new SalescopeException("cannot connect to " + location() + ": " + e.getMessage() + " (check the URL,"
                    + " that the server accepts connections from here, and the user and password: "
                    + userEnv() + " / " + passwordEnv() + ")", e);
        }
        if (!context.full()) {
            previous = watermarks(context.property(WATERMARKS).orElse(null)).getOrDefault(location(), Map.of());
        }
        lookups = Lookups.build(profile, context, pattern -> java.util.Optional.empty(),
                m -> progress.message("  " + m));
    }

    private String userEnv() {
        return profile.connection() != null && profile.connection().userEnv() != null
                ? profile.connection().userEnv() : ENV_USER;
    }

    private String passwordEnv() {
        return profile.connection() != null && profile.connection().passwordEnv() != null
                ? profile.connection().passwordEnv() : ENV_PASSWORD;
    }

    private Properties connectionProperties() {
        Properties p = new Properties();
        if (profile.connection() != null) {
            profile.connection().properties().forEach((k, v) -> {
                if (v != null) {
                    p.setProperty(k, v);
                }
            });
        }
        String user = env.get(userEnv());
        String password = env.get(passwordEnv());
        if (user != null && !user.isBlank()) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    @Override
    public Map<TableContract, String> discover() {
        Map<TableContract, String> out = new LinkedHashMap<>();
        profile.tables().forEach((table, parts) -> out.put(table, String.join(", ",
                parts.stream().map(PartSpec::describe).toList())));
        return out;
    }

    @Override
    public List<String> ignored() {
        return List.of();
    }

    @Override
    public SourceEntity plan(TableContract table, Progress.Step step) {
        return planParts(table, step).get(0);
    }

    @Override
    public List<SourceEntity> planParts(TableContract table, Progress.Step step) {
        List<SourceEntity> out = new ArrayList<>();
        for (PartSpec part : profile.tables().getOrDefault(table, List.of())) {
            if (part.inline()) {
                ProfileRows.Split split = ProfileRows.split(part.rows());
                out.add(new SourceEntity(table, "profile " + profile.name(), ProfileRows.header(part.rows()),
                        part.rows().size(), 0, List.of(split), new ProfileRows.Opener(), null, List.of()));
                continue;
            }
            out.add(database(table, part));
        }
        return out;
    }

    private String key(TableContract table, PartSpec part) {
        return table.name() + " <- " + part.describe();
    }

    private SourceEntity database(TableContract table, PartSpec part) {
        SparkSession spark = context.spark();
        String base = part.dbTable() != null ? part.dbTable() : "(" + part.query() + ") AS salescope_query";
        // The columns and their types, from a read that fetches no rows.
        Dataset<Row> probe = read(spark, "(SELECT * FROM " + base + " WHERE 1 = 0) AS salescope_probe", Map.of(), part);
        ForeignHeader header = new ForeignHeader(List.of(probe.columns()));
        String sourceName = part.describe();
        List<SourceEntity.PlanNote> notes = new ArrayList<>();
        RecordMapping mapping = ProfileSource.bindMapping(profile, context.config().reportingCurrency(), lookups, table,
                part, header, sourceName, notes, -1);
        Set<String> needed = new LinkedHashSet<>();
        part.columns().values().forEach(s -> s.fields(f -> header.indexOf(f).ifPresent(i -> needed.add(header.names().get(i)))));
        if (part.where() != null) {
            part.where().columns(f -> header.indexOf(f).ifPresent(i -> needed.add(header.names().get(i))));
        }
        if (part.deletedIf() != null) {
            part.deletedIf().columns(f -> header.indexOf(f).ifPresent(i -> needed.add(header.names().get(i))));
        }
        var dialect = org.apache.spark.sql.jdbc.JdbcDialects.get(url);
        String watermarkColumn = null;
        String condition = null;
        String key = key(table, part);
        if (part.modifiedColumn() != null) {
            watermarkColumn = column(header, part.modifiedColumn(), part, "modified_column");
            needed.add(watermarkColumn);
            DataType type = probe.schema().apply(watermarkColumn).dataType();
            boolean isNumber = type instanceof org.apache.spark.sql.types.IntegralType;
            if (!isNumber && !type.equals(DataTypes.TimestampType) && !type.equals(DataTypes.TimestampNTZType)) {
                throw new SalescopeException(profile.origin() + ", line " + part.line() + ": modified_column "
                        + watermarkColumn + " is " + type.simpleString() + "; a watermark is a timestamp or a whole number");
            }
            numeric.put(key, isNumber);
            String mark = previous.get(key);
            if (mark != null) {
                String column = dialect.quoteIdentifier(watermarkColumn);
                if (!changedSince(base, column + " > " + literal(mark, isNumber, Duration.ZERO))) {
                    // Nothing past the watermark: the table stays as the warehouse has it, unread.
                    progress.message("  " + key + ": no rows changed after " + mark);
                    Dataset<Row> none = spark.createDataFrame(List.of(), RowParser.schema(table));
                    return new SourceEntity(table, sourceName, mapping.header(), 0, 0, List.of(), null,
                            (s, settings) -> none, notes);
                }
                condition = column + " > " + literal(mark, isNumber, OVERLAP);
            }
        }
        String from = condition == null ? base
                : "(SELECT * FROM " + base + " WHERE " + condition + ") AS salescope_changed";
        Map<String, String> partitioning = new LinkedHashMap<>();
        if (part.partitionColumn() != null && part.partitions() != 1) {
            String partitionColumn = column(header, part.partitionColumn(), part, "partition column");
            Object[] bounds = bounds(from, dialect.quoteIdentifier(partitionColumn));
            if (bounds != null) {
                int n = part.partitions() > 0 ? part.partitions() : 2 * spark.sparkContext().defaultParallelism();
                partitioning.put("partitionColumn", partitionColumn);
                partitioning.put("lowerBound", bounds[0].toString());
                partitioning.put("upperBound", bounds[1].toString());
                partitioning.put("numPartitions", String.valueOf(n));
            }
        }
        // Read only the columns the mapping uses, spelt as the database spells them.
        List<String> columns = header.names().stream().filter(needed::contains).toList();
        Dataset<Row> rows = read(spark, from, partitioning, part)
                .select(columns.stream().map(c -> col("`" + c + "`")).toArray(org.apache.spark.sql.Column[]::new));
        WatermarkAccumulator acc = null;
        if (watermarkColumn != null) {
            acc = new WatermarkAccumulator();
            spark.sparkContext().register(acc, "watermark " + key);
            reached.put(key, acc);
        }
        int watermarkIndex = watermarkColumn == null ? -1 : columns.indexOf(watermarkColumn);
        TypedLoader loader = new Loader(rows, mapping, List.copyOf(header.names()), columns, watermarkIndex, acc);
        progress.message("  " + key + ": " + (condition == null ? "all rows" : "rows changed after "
                + previous.get(key) + (Boolean.TRUE.equals(numeric.get(key)) ? ""
                : " (less " + OVERLAP.toMinutes() + " minutes' overlap)"))
                + (partitioning.isEmpty() ? "" : ", " + partitioning.get("numPartitions") + " parallel reads on "
                + part.partitionColumn()));
        return new SourceEntity(table, sourceName, mapping.header(), -1, 0, List.of(), null, loader, notes);
    }

    private Dataset<Row> read(SparkSession spark, String dbtable, Map<String, String> extra, PartSpec part) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("url", url);
        options.put("dbtable", dbtable);
        options.put("fetchsize", "10000");
        connectionProperties().forEach((k, v) -> options.put((String) k, (String) v));
        options.putAll(extra);
        try {
            return spark.read().format("jdbc").options(options).load();
        } catch (Exception e) {
            throw new SalescopeException("cannot read " + part.describe() + " from " + location() + " (" + profile.origin()
                    + ", line " + part.line() + "): " + rootMessage(e), e);
        }
    }

    private String column(ForeignHeader header, String name, PartSpec part, String what) {
        int i = header.indexOf(name).orElseThrow(() -> new SalescopeException(profile.origin() + ", line " + part.line()
                + ": " + what + " '" + name + "' is not a column of " + part.describe() + "; its columns are "
                + header.names()));
        return header.names().get(i);
    }

    /**
     * A watermark as SQL: a whole number, or a timestamp written with its zone (less
     * {@code overlap}) so that no session time zone can shift it. Our own value, never user text.
     */
    private static String literal(String mark, boolean number, Duration overlap) {
        return number ? String.valueOf(Long.parseLong(mark))
                : "TIMESTAMP WITH TIME ZONE '" + Instant.parse(mark).minus(overlap).toString().replace('T', ' ')
                .replace("Z", "+00:00") + "'";
    }

    /** Whether any row of {@code from} meets {@code condition}. */
    private boolean changedSince(String from, String condition) {
        String sql = "SELECT 1 FROM " + from + " WHERE " + condition + " FETCH FIRST 1 ROWS ONLY";
        try (Connection c = DriverManager.getConnection(url, connectionProperties());
             PreparedStatement st = c.prepareStatement(sql);
             ResultSet rs = st.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            throw new SalescopeException("cannot query " + from + " on " + location() + ": " + e.getMessage(), e);
        }
    }

    /** The partition column's range among the rows to read, or null when there are none. */
    private Object[] bounds(String from, String quotedColumn) {
        String sql = "SELECT min(" + quotedColumn + "), max(" + quotedColumn + ") FROM " + from;
        try (Connection c = DriverManager.getConnection(url, connectionProperties());
             PreparedStatement st = c.prepareStatement(sql);
             ResultSet rs = st.executeQuery()) {
            if (!rs.next() || rs.getObject(1) == null) {
                return null;
            }
            return new Object[] {bound(rs.getObject(1)), bound(rs.getObject(2))};
        } catch (SQLException e) {
            throw new SalescopeException("cannot find the range of " + quotedColumn + " in " + from + " on " + location()
                    + ": " + e.getMessage(), e);
        }
    }

    private static Object bound(Object v) {
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime().toString().replace('T', ' ');
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return Timestamp.from(o.toInstant()).toLocalDateTime().toString().replace('T', ' ');
        }
        return v;
    }

    @Override
    public Map<String, String> properties() {
        Map<String, Map<String, String>> all = new TreeMap<>(watermarks(context.property(WATERMARKS).orElse(null)));
        Map<String, String> mine = new TreeMap<>(previous);
        reached.forEach((key, acc) -> {
            if (!acc.isZero()) {
                long v = acc.value();
                String mark = numeric.getOrDefault(key, false) ? String.valueOf(v)
                        : Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000), Math.floorMod(v, 1_000_000) * 1000L).toString();
                String before = mine.get(key);
                if (before == null || compare(before, mark, numeric.getOrDefault(key, false)) < 0) {
                    mine.put(key, mark);
                }
            }
        });
        all.put(location(), mine);
        return Map.of(WATERMARKS, new String(Json.write(all), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static int compare(String a, String b, boolean number) {
        return number ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : Instant.parse(a).compareTo(Instant.parse(b));
    }

    static Map<String, Map<String, String>> watermarks(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return Json.mapper().readValue(json, new TypeReference<Map<String, Map<String, String>>>() { });
        } catch (IOException e) {
            throw new SalescopeException("the warehouse's source watermarks cannot be read (" + e.getMessage()
                    + "); they are in the current version's manifest, property " + WATERMARKS, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Reads a mapping's rows through Spark's JDBC source, maps and types them in the tasks. */
    private static final class Loader implements TypedLoader {
        private final Dataset<Row> rows;
        private final RecordMapping mapping;
        private final List<String> header;
        private final List<String> columns;
        private final int watermarkIndex;
        private final WatermarkAccumulator acc;

        Loader(Dataset<Row> rows, RecordMapping mapping, List<String> header, List<String> columns, int watermarkIndex,
               WatermarkAccumulator acc) {
            this.rows = rows;
            this.mapping = mapping;
            this.header = header;
            this.columns = columns;
            this.watermarkIndex = watermarkIndex;
            this.acc = acc;
        }

        @Override
        public Dataset<Row> load(SparkSession spark, ParseSettings settings) {
            StructType schema = RowParser.schema(settings.binding().table());
            int[] positions = new int[header.size()];
            java.util.Arrays.fill(positions, -1);
            for (int i = 0; i < columns.size(); i++) {
                positions[header.indexOf(columns.get(i))] = i;
            }
            return rows.mapPartitions(new TypeRows(mapping, settings, schema, positions, columns, watermarkIndex, acc),
                    Encoders.row(schema));
        }
    }

    /** Maps and types one partition of database rows. */
    private record TypeRows(RecordMapping mapping, ParseSettings settings, StructType schema, int[] positions,
                            List<String> columns, int watermarkIndex, WatermarkAccumulator acc)
            implements MapPartitionsFunction<Row, Row> {

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            RowParser parser = new RowParser(settings);
            TextRecord foreign = new TextRecord();
            scala.Function1<Object, Object> toRow = CatalystTypeConverters.createToScalaConverter(schema);
            String[] values = new String[positions.length];
            long partition = org.apache.spark.TaskContext.getPartitionId();
            return new Iterator<>() {
                private long line;
                private long max = Long.MIN_VALUE;

                @Override
                public boolean hasNext() {
                    boolean more = input.hasNext();
                    if (!more && acc != null && max != Long.MIN_VALUE) {
                        acc.add(max);
                        max = Long.MIN_VALUE;
                    }
                    return more;
                }

                @Override
                public Row next() {
                    Row r = input.next();
                    StringBuilder raw = new StringBuilder();
                    for (int i = 0; i < positions.length; i++) {
                        values[i] = positions[i] < 0 ? null : text(r.get(positions[i]));
                    }
                    for (int i = 0; i < columns.size(); i++) {
                        if (i > 0) {
                            raw.append(", ");
                        }
                        raw.append(columns.get(i)).append('=').append(text(r.get(i)) == null ? "" : text(r.get(i)));
                    }
                    if (watermarkIndex >= 0 && !r.isNullAt(watermarkIndex)) {
                        Object w = r.get(watermarkIndex);
                        Instant at = w instanceof Timestamp t ? t.toInstant() : w instanceof Instant i ? i : null;
                        long v = at != null ? at.getEpochSecond() * 1_000_000L + at.getNano() / 1000 : ((Number) w).longValue();
                        max = Math.max(max, v);
                    }
                    line++;
                    foreign.set(values, (partition << 40) + line, raw.toString(), null, SourceRecord.Disposition.DATA);
                    InternalRow typed = parser.parse(mapping.map(foreign));
                    return (Row) toRow.apply(typed);
                }
            };
        }

        private static String text(Object v) {
            if (v == null) {
                return null;
            }
            if (v instanceof Timestamp t) {
                return t.toInstant().toString();
            }
            if (v instanceof java.time.Instant i) {
                return i.toString();
            }
            if (v instanceof BigDecimal d) {
                return d.toPlainString();
            }
            if (v instanceof byte[]) {
                return null;
            }
            return v.toString();
        }
    }

    /** The greatest watermark value the tasks read (a maximum: repeated task runs do no harm). */
    static final class WatermarkAccumulator extends AccumulatorV2<Long, Long> {
        private long max = Long.MIN_VALUE;

        @Override
        public boolean isZero() {
            return max == Long.MIN_VALUE;
        }

        @Override
        public AccumulatorV2<Long, Long> copy() {
            WatermarkAccumulator c = new WatermarkAccumulator();
            c.max = max;
            return c;
        }

        @Override
        public void reset() {
            max = Long.MIN_VALUE;
        }

        @Override
        public void add(Long v) {
            max = Math.max(max, v);
        }

        @Override
        public void merge(AccumulatorV2<Long, Long> other) {
            max = Math.max(max, ((WatermarkAccumulator) other).max);
        }

        @Override
        public Long value() {
            return max;
        }
    }
}
