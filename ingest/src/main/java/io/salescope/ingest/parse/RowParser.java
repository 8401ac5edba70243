package io.salescope.ingest.parse;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.ColumnType;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.ingest.source.SourceRecord;
import io.salescope.ingest.spark.ContractSchemas;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Types one source record by its table's contract (crm-export-v1): a row of the contract's
 * columns plus {@link #LINE}, and either {@link #QUARANTINE} (why the record is rejected, its
 * data columns null) or {@link #WARNINGS} (optional values that were dropped). Decides every
 * quarantine row-locally: missing or unparseable required values, values outside an allowed
 * list, unknown currencies and stages, quotas naming both or neither of owner and team, and
 * malformed records. Also derives the columns a row alone determines: dates of timestamps in
 * the default zone, the activity year, the quota id.
 */
public final class RowParser {

    public static final String LINE = "_line";
    public static final String QUARANTINE = "_quarantine";
    public static final String WARNINGS = "_warnings";

    /** Quarantine reason codes (Tables.QUARANTINE). */
    public static final String MISSING_REQUIRED = "missing_required";
    public static final String UNPARSEABLE = "unparseable";
    public static final String NOT_ALLOWED = "not_allowed";
    public static final String UNKNOWN_STAGE = "unknown_stage";
    public static final String BAD_CURRENCY = "bad_currency";
    public static final String QUOTA_OWNER_AND_TEAM = "quota_owner_and_team";
    public static final String MALFORMED_RECORD = "malformed_record";
    /**
     * Outcomes carried in {@link #QUARANTINE} that are not rejections: a record the source left
     * out, and a deletion (its key columns are set). Ingest counts them apart and never writes
     * them to the quarantine table.
     */
    public static final String FILTERED = "filtered";
    public static final String DELETED = "deleted";

    public static final StructType QUARANTINE_TYPE = new StructType()
            .add("column_name", DataTypes.StringType)
            .add("raw_value", DataTypes.StringType)
            .add("reason", DataTypes.StringType)
            .add("message", DataTypes.StringType)
            .add("raw_record", DataTypes.StringType);

    public static final StructType WARNING_TYPE = new StructType()
            .add("column_name", DataTypes.StringType)
            .add("raw_value", DataTypes.StringType)
            .add("message", DataTypes.StringType);

    /** Stands for a non-empty text value that was not copied because no one asked for it. */
    private static final UTF8String SKIPPED = UTF8String.fromString("");

    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private static final Map<String, String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .collect(Collectors.toUnmodifiableMap(z -> z.toLowerCase(Locale.ROOT), z -> z, (a, b) -> a));

    /** Derived date columns and the timestamp they are the local date of. */
    private static final Map<String, String> LOCAL_DATE_OF = Map.of(
            "created_date", "created_at", "changed_date", "changed_at", "occurred_date", "occurred_at");
    private static final Map<String, String> YEAR_OF = Map.of("occurred_year", "occurred_at");

    private enum Check { NONE, ALLOWED, CURRENCY, STAGE, TIME_ZONE }

    private enum Range { NONE, PERCENT, AT_LEAST_ONE, POSITIVE }

    private enum Derivation { NONE, LOCAL_DATE, YEAR, QUOTA_ID }

    /** How one contract column is read. */
    private static final class Spec {
        final Column column;
        final int field;
        final Check check;
        final Range range;
        final Derivation derivation;
        final int source;
        final Map<String, UTF8String> allowed = new HashMap<>();
        Object defaultValue;

        Spec(Column column, int field, Check check, Range range, Derivation derivation, int source) {
            this.column = column;
            this.field = field;
            this.check = check;
            this.range = range;
            this.derivation = derivation;
            this.source = source;
            column.allowed().forEach(a -> allowed.put(a.toLowerCase(Locale.ROOT), UTF8String.fromString(a)));
        }
    }

    private final TableContract table;
    private final HeaderBinding binding;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final Map<String, UTF8String> stages = new HashMap<>();
    private final String stageList;
    private final Spec[] specs;
    private final int width;
    private final int ownerIndex;
    private final int teamIndex;
    private final boolean[] copied;
    private final List<Object[]> problems = new ArrayList<>();
    private final List<InternalRow> warnings = new ArrayList<>();

    public RowParser(ParseSettings settings) {
        this(settings, null);
    }

    /**
     * @param emitted the columns of {@link #schema} that {@link #parse(SourceRecord, int[])} is
     *     asked for, or null for all; other plain text columns are checked but never copied
     */
    public RowParser(ParseSettings settings, int[] emitted) {
        requireNonNull(settings, "settings is null");
        this.binding = settings.binding();
        this.table = binding.table();
        this.zone = ZoneId.of(settings.zoneId());
        this.rules = zone.getRules();
        settings.stageNames().forEach((k, v) -> stages.put(k, UTF8String.fromString(v)));
        this.stageList = String.join(", ", settings.stageNames().values());
        List<Column> columns = table.columns();
        this.specs = new Spec[columns.size()];
        boolean stageTable = table.name().equals(Tables.OPPORTUNITIES.name())
                || table.name().equals(Tables.OPPORTUNITY_HISTORY.name());
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            Check check = !c.allowed().isEmpty() ? Check.ALLOWED
                    : c.name().equals("currency") ? Check.CURRENCY
                    : c.name().equals("stage") && stageTable ? Check.STAGE
                    : c.name().equals("time_zone") ? Check.TIME_ZONE
                    : Check.NONE;
            Range range = c.name().equals("probability") ? Range.PERCENT
                    : c.name().equals("position") ? Range.AT_LEAST_ONE
                    : c.name().equals("rate") && table.name().equals(Tables.EXCHANGE_RATES.name()) ? Range.POSITIVE
                    : Range.NONE;
            Derivation derivation = Derivation.NONE;
            int source = -1;
            if (c.derived()) {
                if (LOCAL_DATE_OF.containsKey(c.name()) && table.column(LOCAL_DATE_OF.get(c.name())).isPresent()) {
                    derivation = Derivation.LOCAL_DATE;
                    source = table.columnNames().indexOf(LOCAL_DATE_OF.get(c.name()));
                } else if (YEAR_OF.containsKey(c.name()) && table.column(YEAR_OF.get(c.name())).isPresent()) {
                    derivation = Derivation.YEAR;
                    source = table.columnNames().indexOf(YEAR_OF.get(c.name()));
                } else if (c.name().equals("quota_id")) {
                    derivation = Derivation.QUOTA_ID;
                }
            }
            specs[i] = new Spec(c, binding.fieldOf()[i], check, range, derivation, source);
            if (c.defaultValue() != null) {
                byte[] d = c.defaultValue().getBytes(StandardCharsets.UTF_8);
                specs[i].defaultValue = typed(specs[i], d, 0, d.length, false, null);
            }
        }
        this.width = columns.size() + 3;
        this.ownerIndex = table.columnNames().indexOf("owner_id");
        this.teamIndex = table.columnNames().indexOf("team_id");
        this.copied = new boolean[columns.size()];
        if (emitted == null) {
            Arrays.fill(copied, true);
        } else {
            for (int i : emitted) {
                if (i < columns.size()) {
                    copied[i] = true;
                }
            }
            // The quota id is built from these.
            List<String> names = table.columnNames();
            if (table.name().equals(Tables.QUOTAS.name())) {
                for (String n : List.of("owner_id", "team_id", "period_start", "period_end", "metric")) {
                    copied[names.indexOf(n)] = true;
                }
            }
        }
    }

    /** Parses {@code record} and returns only the given columns of {@link #schema}, in that order. */
    public InternalRow parse(SourceRecord record, int[] columns) {
        return project(parse(record), columns);
    }

    /** The given columns of a row {@link #parse(SourceRecord)} returned, in that order. */
    public InternalRow project(InternalRow full, int[] columns) {
        if (columns == null || columns.length == width) {
            return full;
        }
        Object[] out = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            int c = columns[i];
            out[i] = full.isNullAt(c) ? null : ((GenericInternalRow) full).genericGet(c);
        }
        return new GenericInternalRow(out);
    }

    /** The schema of parsed rows: the contract's columns, then line, quarantine and warnings. */
    public static StructType schema(TableContract table) {
        return ContractSchemas.schema(table)
                .add(LINE, DataTypes.LongType, false)
                .add(QUARANTINE, QUARANTINE_TYPE, true)
                .add(WARNINGS, DataTypes.createArrayType(WARNING_TYPE, false), true);
    }

    public InternalRow parse(SourceRecord record) {
        Object[] values = new Object[width];
        values[width - 3] = record.line();
        problems.clear();
        warnings.clear();
        if (record.disposition() == SourceRecord.Disposition.FILTERED) {
            values[width - 2] = SKIPPED_FILTERED;
            return new GenericInternalRow(values);
        }
        if (record.malformedReason() != null) {
            return quarantine(values, record, null, null, MALFORMED_RECORD, record.malformedReason());
        }
        if (record.disposition() == SourceRecord.Disposition.DELETED) {
            return deletion(values, record);
        }
        if (record.fieldCount() != binding.fieldCount()) {
            return quarantine(values, record, null, null, MALFORMED_RECORD, "the record has " + record.fieldCount()
                    + " field" + (record.fieldCount() == 1 ? "" : "s") + " but the header has " + binding.fieldCount()
                    + " (a missing or extra comma, or a quote that is not closed?)");
        }
        for (int i = 0; i < specs.length; i++) {
            Spec spec = specs[i];
            if (spec.column.derived()) {
                continue;
            }
            if (spec.field < 0) {
                values[i] = spec.defaultValue;
                continue;
            }
            byte[] b = record.bytes();
            int s = ValueParsers.trimStart(b, record.start(spec.field), record.end(spec.field));
            int e = ValueParsers.trimEnd(b, s, record.end(spec.field));
            if (s == e) {
                values[i] = spec.defaultValue;
                if (values[i] == null && spec.column.required()) {
                    problem(spec, record, MISSING_REQUIRED, spec.column.name() + " is required but empty");
                }
                continue;
            }
            if (!copied[i] && spec.column.type() == ColumnType.STRING && spec.check == Check.NONE) {
                // Not asked for and nothing to check beyond being non-empty: skip the copy.
                values[i] = SKIPPED;
                continue;
            }
            values[i] = typed(spec, b, s, e, record.escaped(spec.field), record);
        }
        rowRules(values, record);
        if (!problems.isEmpty()) {
            Object[] first = problems.get(0);
            String message = problems.stream().map(p -> (String) p[3]).collect(Collectors.joining("; "));
            return quarantine(values, record, (String) first[0], (String) first[1], (String) first[2], message);
        }
        derive(values);
        if (!warnings.isEmpty()) {
            values[width - 1] = new GenericArrayData(warnings.toArray());
        }
        return new GenericInternalRow(values);
    }

    /**
     * A deletion: only the key columns are read. A key that is missing or does not parse
     * quarantines the record as usual; a table whose key is derived cannot take deletions.
     */
    private InternalRow deletion(Object[] values, SourceRecord record) {
        for (String key : table.key()) {
            int i = table.columnNames().indexOf(key);
            Spec spec = specs[i];
            if (spec.column.derived()) {
                return quarantine(values, record, key, null, NOT_ALLOWED, table.name()
                        + " rows cannot be deleted by a source: their key " + key + " is derived");
            }
            int s = spec.field < 0 ? 0 : ValueParsers.trimStart(record.bytes(), record.start(spec.field), record.end(spec.field));
            int e = spec.field < 0 ? 0 : ValueParsers.trimEnd(record.bytes(), s, record.end(spec.field));
            if (s == e) {
                problem(spec, record, MISSING_REQUIRED, key + " is required but empty");
            } else {
                values[i] = typed(spec, record.bytes(), s, e, record.escaped(spec.field), record);
            }
        }
        if (!problems.isEmpty()) {
            Object[] first = problems.get(0);
            String message = problems.stream().map(p -> (String) p[3]).collect(Collectors.joining("; "));
            return quarantine(values, record, (String) first[0], (String) first[1], (String) first[2], message);
        }
        values[width - 2] = SKIPPED_DELETED;
        return new GenericInternalRow(values);
    }

    private static final InternalRow SKIPPED_FILTERED = skipped(FILTERED);
    private static final InternalRow SKIPPED_DELETED = skipped(DELETED);

    private static InternalRow skipped(String reason) {
        return new GenericInternalRow(new Object[] {null, null, UTF8String.fromString(reason), UTF8String.fromString(reason),
                UTF8String.EMPTY_UTF8});
    }

    /** Parses a non-empty trimmed value; on failure records a problem or warning and returns null. */
    private Object typed(Spec spec, byte[] b, int s, int e, boolean escaped, SourceRecord record) {
        Column c = spec.column;
        ColumnType type = c.type();
        Object value = switch (type) {
            case STRING -> null;
            case BOOLEAN -> ValueParsers.parseBoolean(b, s, e);
            case INT -> ValueParsers.parseInt(b, s, e);
            case LONG -> ValueParsers.parseLong(b, s, e);
            case DOUBLE -> ValueParsers.parseDouble(b, s, e);
            case DATE -> ValueParsers.parseDate(b, s, e);
            case TIMESTAMP -> ValueParsers.parseTimestamp(b, s, e, zone, rules);
        };
        if (type != ColumnType.STRING) {
            if (value == null) {
                fail(spec, record, UNPARSEABLE, "'" + raw(b, s, e, escaped) + "' is not " + expected(type));
                return null;
            }
            return checkRange(spec, value, record, b, s, e, escaped);
        }
        switch (spec.check) {
            case ALLOWED -> {
                UTF8String v = spec.allowed.get(lower(b, s, e, escaped));
                if (v == null) {
                    fail(spec, record, NOT_ALLOWED, "'" + raw(b, s, e, escaped) + "' is not one of "
                            + String.join(", ", c.allowed()));
                }
                return v;
            }
            case CURRENCY -> {
                String code = raw(b, s, e, escaped).toUpperCase(Locale.ROOT);
                if (code.length() != 3 || !CURRENCIES.contains(code)) {
                    fail(spec, record, BAD_CURRENCY, "'" + raw(b, s, e, escaped)
                            + "' is not an ISO 4217 currency code (such as USD, EUR, CNY)");
                    return null;
                }
                return UTF8String.fromString(code);
            }
            case STAGE -> {
                UTF8String v = stages.get(lower(b, s, e, escaped));
                if (v == null) {
                    fail(spec, record, UNKNOWN_STAGE, "'" + raw(b, s, e, escaped) + "' is not a stage of the stage model ("
                            + stageList + "); add it to stages.csv or correct the row");
                }
                return v;
            }
            case TIME_ZONE -> {
                String z = ZONES.get(lower(b, s, e, escaped));
                if (z == null) {
                    fail(spec, record, UNPARSEABLE, "'" + raw(b, s, e, escaped)
                            + "' is not an IANA time zone (such as Asia/Shanghai or Europe/Berlin)");
                    return null;
                }
                return UTF8String.fromString(z);
            }
            default -> {
                return utf8(b, s, e, escaped);
            }
        }
    }

    private Object checkRange(Spec spec, Object value, SourceRecord record, byte[] b, int s, int e, boolean escaped) {
        String problem = switch (spec.range) {
            case NONE -> null;
            case PERCENT -> ((Number) value).doubleValue() < 0 || ((Number) value).doubleValue() > 100
                    ? "is outside 0-100" : null;
            case AT_LEAST_ONE -> ((Number) value).doubleValue() < 1 ? "is less than 1 (1 = the first)" : null;
            case POSITIVE -> ((Number) value).doubleValue() <= 0 ? "is not above 0" : null;
        };
        if (problem == null) {
            return value;
        }
        fail(spec, record, NOT_ALLOWED, "'" + raw(b, s, e, escaped) + "' " + problem);
        return null;
    }

    /** Rules over several columns. */
    private void rowRules(Object[] values, SourceRecord record) {
        if (table.name().equals(Tables.QUOTAS.name())) {
            boolean owner = values[ownerIndex] != null;
            boolean team = values[teamIndex] != null;
            if (owner == team) {
                String message = owner
                        ? "a quota row must name exactly one of owner_id and team_id; this one names both"
                        : "a quota row must name exactly one of owner_id and team_id; this one names neither";
                int field = specs[owner ? teamIndex : ownerIndex].field;
                problems.add(new Object[] {owner ? "team_id" : "owner_id",
                        field < 0 ? "" : fieldText(record, field), QUOTA_OWNER_AND_TEAM, message});
            }
        } else if (table.name().equals(Tables.EXCHANGE_RATES.name())) {
            int from = table.columnNames().indexOf("valid_from");
            int to = table.columnNames().indexOf("valid_to");
            if (values[from] != null && values[to] != null && (Integer) values[to] <= (Integer) values[from]) {
                problems.add(new Object[] {"valid_to", fieldText(record, specs[to].field), NOT_ALLOWED,
                        "valid_to " + LocalDate.ofEpochDay((Integer) values[to]) + " is not after valid_from "
                                + LocalDate.ofEpochDay((Integer) values[from]) + " (valid_to is exclusive)"});
            }
        }
    }

    private void derive(Object[] values) {
        for (int i = 0; i < specs.length; i++) {
            Spec spec = specs[i];
            switch (spec.derivation) {
                case LOCAL_DATE -> values[i] = values[spec.source] == null ? null
                        : ValueParsers.localEpochDay((Long) values[spec.source], rules);
                case YEAR -> values[i] = values[spec.source] == null ? null
                        : LocalDate.ofEpochDay(ValueParsers.localEpochDay((Long) values[spec.source], rules)).getYear();
                case QUOTA_ID -> values[i] = UTF8String.fromString(quotaId(values));
                default -> {
                }
            }
        }
    }

    private String quotaId(Object[] values) {
        List<String> names = table.columnNames();
        Object owner = values[ownerIndex];
        String who = owner != null ? "user:" + owner : "team:" + values[teamIndex];
        return who + "|" + LocalDate.ofEpochDay((Integer) values[names.indexOf("period_start")])
                + "|" + LocalDate.ofEpochDay((Integer) values[names.indexOf("period_end")])
                + "|" + values[names.indexOf("metric")];
    }

    /** A required column's problem quarantines the row; an optional one's becomes a warning and a null. */
    private void fail(Spec spec, SourceRecord record, String reason, String what) {
        if (record == null) {
            throw new IllegalStateException("the default of " + table.name() + "." + spec.column.name()
                    + " does not parse: " + what);
        }
        if (spec.column.required()) {
            problem(spec, record, reason, spec.column.name() + " " + what);
        } else {
            warnings.add(new GenericInternalRow(new Object[] {
                    UTF8String.fromString(spec.column.name()),
                    UTF8String.fromString(fieldText(record, spec.field)),
                    UTF8String.fromString(spec.column.name() + " " + what + "; stored as null")}));
        }
    }

    private void problem(Spec spec, SourceRecord record, String reason, String message) {
        problems.add(new Object[] {spec.column.name(), fieldText(record, spec.field), reason, message});
    }

    private InternalRow quarantine(Object[] values, SourceRecord record, String column, String raw, String reason,
                                   String message) {
        Arrays.fill(values, 0, width - 3, null);
        values[width - 2] = new GenericInternalRow(new Object[] {
                column == null ? null : UTF8String.fromString(column),
                raw == null ? null : UTF8String.fromString(raw),
                UTF8String.fromString(reason),
                UTF8String.fromString(message),
                UTF8String.fromString(record.rawText())});
        values[width - 1] = null;
        return new GenericInternalRow(values);
    }

    private static String expected(ColumnType type) {
        return switch (type) {
            case BOOLEAN -> "a boolean (true/false, 1/0, yes/no)";
            case INT, LONG -> "a whole number";
            case DOUBLE -> "a number ('.' as decimal point, no thousands separators)";
            case DATE -> "a date (YYYY-MM-DD)";
            case TIMESTAMP -> "a timestamp (YYYY-MM-DDTHH:MM:SS with optional fraction and zone, or YYYY-MM-DD)";
            case STRING -> "text";
        };
    }

    /** The field exactly as written: unescaped, untrimmed. */
    private static String fieldText(SourceRecord record, int field) {
        return raw(record.bytes(), record.start(field), record.end(field), record.escaped(field));
    }

    private static String raw(byte[] b, int s, int e, boolean escaped) {
        String text = new String(b, s, e - s, StandardCharsets.UTF_8);
        return escaped ? text.replace("\"\"", "\"") : text;
    }

    private static String lower(byte[] b, int s, int e, boolean escaped) {
        return raw(b, s, e, escaped).toLowerCase(Locale.ROOT);
    }

    private static UTF8String utf8(byte[] b, int s, int e, boolean escaped) {
        byte[] bytes;
        if (escaped) {
            bytes = raw(b, s, e, true).getBytes(StandardCharsets.UTF_8);
        } else {
            bytes = Arrays.copyOfRange(b, s, e);
        }
        UTF8String u = UTF8String.fromBytes(bytes);
        return ValueParsers.isAscii(bytes, 0, bytes.length) || u.isValid() ? u : u.makeValid();
    }
}
