package io.salescope.ingest.profile;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.ColumnType;
import io.salescope.ingest.profile.YamlNode.ListNode;
import io.salescope.ingest.profile.YamlNode.MapNode;
import io.salescope.ingest.profile.YamlNode.Scalar;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How a profile fills one crm-export-v1 column, as written in the profile (see
 * {@code docs/sources.md} for the language). {@link #bind} resolves it against one source's
 * header into a {@link ValueExpr}.
 */
final class ValueSpec {

    static final Set<String> KEYS = Set.of("column", "value", "template", "cases", "else", "default", "optional",
            "null_if", "replace", "split", "part", "strip_prefix", "lower", "upper", "map", "otherwise", "lookup",
            "on_missing", "prefix", "suffix", "multiply", "divide", "invert", "format", "zone", "epoch", "if");
    private static final Pattern FIELD = Pattern.compile("\\{([^{}]+)}");
    /** Stands for the run's reporting currency in constants and defaults. */
    static final String REPORTING_CURRENCY = "$reporting_currency";

    final int line;
    final MapNode node;
    List<String> columns = List.of();
    String constant;
    String template;
    List<ValueSpec> cases = List.of();
    List<Condition> caseConditions = List.of();
    ValueSpec orElse;
    String defaultValue;
    boolean optional;
    List<String> nullIf = List.of();
    Map<String, String> replace = Map.of();
    String split;
    String part = "first";
    String stripPrefix;
    boolean lower;
    boolean upper;
    Map<String, String> map;
    boolean otherwiseSet;
    String otherwise;
    String lookup;
    boolean lookupKeepMissing = true;
    String prefix;
    String suffix;
    BigDecimal multiply;
    BigDecimal divide;
    boolean invert;
    List<String> formats;
    String zone;
    String epoch;

    private ValueSpec(int line, MapNode node) {
        this.line = line;
        this.node = node;
    }

    static ValueSpec parse(YamlNode node, ProfileContext where) {
        if (node instanceof Scalar s) {
            if (s.value() == null || s.value().isBlank()) {
                throw where.error(s.line(), "a column needs a source: a column name, or {value: ...}, {template: ...}, ...");
            }
            ValueSpec spec = new ValueSpec(s.line(), null);
            spec.columns = List.of(s.value());
            return spec;
        }
        if (!(node instanceof MapNode m)) {
            throw where.error(node.line(), "a column spec is a column name or a mapping such as {column: Amount}");
        }
        for (String key : m.entries().keySet()) {
            if (!KEYS.contains(key)) {
                throw where.error(m.lineOf(key), "unknown key '" + key + "' in a column spec; known keys: "
                        + new java.util.TreeSet<>(KEYS));
            }
        }
        ValueSpec spec = new ValueSpec(m.line(), m);
        int bases = 0;
        if (m.has("column")) {
            bases++;
            spec.columns = Condition.strings(m.get("column"), where);
            if (spec.columns.isEmpty()) {
                throw where.error(m.lineOf("column"), "column needs at least one name");
            }
        }
        if (m.has("value")) {
            bases++;
            spec.constant = scalar(m, "value", where);
        }
        if (m.has("template")) {
            bases++;
            spec.template = scalar(m, "template", where);
            if (spec.template == null || !FIELD.matcher(spec.template).find()) {
                throw where.error(m.lineOf("template"), "a template names columns in braces, e.g. \"{FirstName} {LastName}\"");
            }
        }
        if (m.has("cases")) {
            bases++;
            if (!(m.get("cases") instanceof ListNode list) || list.items().isEmpty()) {
                throw where.error(m.lineOf("cases"), "cases takes a list of column specs, each with an 'if' condition"
                        + " except the last, which may have none (the fallback)");
            }
            List<ValueSpec> values = new ArrayList<>();
            List<Condition> conditions = new ArrayList<>();
            for (YamlNode item : list.items()) {
                if (!(item instanceof MapNode im)) {
                    throw where.error(item.line(), "each case is a mapping: {if: {column: ..., in: [...]}, value: ...}");
                }
                conditions.add(im.has("if") ? Condition.parse(im.get("if"), where) : null);
                values.add(parse(im, where));
            }
            spec.cases = values;
            spec.caseConditions = conditions;
        }
        if (bases != 1) {
            throw where.error(m.line(), bases == 0
                    ? "the column spec has no source: give one of column, value, template or cases"
                    : "the column spec has more than one source: give only one of column, value, template and cases");
        }
        if (m.has("else")) {
            spec.orElse = parse(m.get("else"), where);
        }
        spec.defaultValue = m.has("default") ? scalar(m, "default", where) : null;
        spec.optional = bool(m, "optional", where);
        if (m.has("null_if")) {
            spec.nullIf = Condition.strings(m.get("null_if"), where);
        }
        if (m.has("replace")) {
            if (!(m.get("replace") instanceof MapNode r)) {
                throw where.error(m.lineOf("replace"), "replace takes a mapping of regular expression to replacement,"
                        + " e.g. {\" \\\\(.*\\\\)$\": \"\"}");
            }
            Map<String, String> replace = new LinkedHashMap<>();
            for (Map.Entry<String, YamlNode> e : r.entries().entrySet()) {
                try {
                    Pattern.compile(e.getKey());
                } catch (PatternSyntaxException x) {
                    throw where.error(r.lineOf(e.getKey()), "'" + e.getKey() + "' is not a regular expression: "
                            + x.getDescription());
                }
                String with = e.getValue() instanceof Scalar s ? s.value() : null;
                replace.put(e.getKey(), with == null ? "" : with);
            }
            spec.replace = replace;
        }
        if (m.has("split")) {
            spec.split = scalar(m, "split", where);
            if (spec.split == null || spec.split.isEmpty()) {
                throw where.error(m.lineOf("split"), "split takes the separator text, e.g. \";\" or \" \"");
            }
            if (m.has("part")) {
                spec.part = scalar(m, "part", where);
                if (spec.part == null || !spec.part.matches("first|last|rest|but_last|\\d+")) {
                    throw where.error(m.lineOf("part"), "part is first, last, rest, but_last or a 0-based index");
                }
            }
        } else if (m.has("part")) {
            throw where.error(m.lineOf("part"), "part goes with split");
        }
        spec.stripPrefix = m.has("strip_prefix") ? scalar(m, "strip_prefix", where) : null;
        spec.lower = bool(m, "lower", where);
        spec.upper = bool(m, "upper", where);
        if (m.has("map")) {
            if (!(m.get("map") instanceof MapNode mm)) {
                throw where.error(m.lineOf("map"), "map takes a mapping of source value to value, e.g."
                        + " {\"Closed Won\": Won}");
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (Map.Entry<String, YamlNode> e : mm.entries().entrySet()) {
                if (!(e.getValue() instanceof Scalar s)) {
                    throw where.error(mm.lineOf(e.getKey()), "map values are plain values");
                }
                String key = Lookup.normalize(e.getKey());
                if (map.containsKey(key)) {
                    throw where.error(mm.lineOf(e.getKey()), "'" + e.getKey() + "' is mapped twice (keys compare ignoring case)");
                }
                map.put(key, s.value());
            }
            spec.map = map;
        }
        if (m.has("otherwise")) {
            if (spec.map == null) {
                throw where.error(m.lineOf("otherwise"), "otherwise goes with map: the value for source values the map lacks");
            }
            spec.otherwiseSet = true;
            spec.otherwise = scalar(m, "otherwise", where);
        }
        spec.lookup = m.has("lookup") ? scalar(m, "lookup", where) : null;
        if (m.has("on_missing")) {
            String v = scalar(m, "on_missing", where);
            if (!"keep".equals(v) && !"null".equals(v)) {
                throw where.error(m.lineOf("on_missing"), "on_missing is keep (the value as it is) or null");
            }
            spec.lookupKeepMissing = "keep".equals(v);
        }
        spec.prefix = m.has("prefix") ? scalar(m, "prefix", where) : null;
        spec.suffix = m.has("suffix") ? scalar(m, "suffix", where) : null;
        spec.multiply = number(m, "multiply", where);
        spec.divide = number(m, "divide", where);
        if (spec.divide != null && spec.divide.signum() == 0) {
            throw where.error(m.lineOf("divide"), "divide by zero");
        }
        spec.invert = bool(m, "invert", where);
        if (m.has("format")) {
            spec.formats = Condition.strings(m.get("format"), where);
            for (String f : spec.formats) {
                checkPattern(f, where, m.lineOf("format"));
            }
        }
        spec.zone = m.has("zone") ? zone(scalar(m, "zone", where), where, m.lineOf("zone")) : null;
        if (m.has("epoch")) {
            spec.epoch = scalar(m, "epoch", where);
            if (!"millis".equals(spec.epoch) && !"seconds".equals(spec.epoch)) {
                throw where.error(m.lineOf("epoch"), "epoch is millis or seconds");
            }
        }
        return spec;
    }

    static void checkPattern(String pattern, ProfileContext where, int line) {
        try {
            java.time.format.DateTimeFormatter.ofPattern(pattern, java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw where.error(line, "'" + pattern + "' is not a date-time pattern (" + e.getMessage()
                    + "); write it like yyyy-MM-dd HH:mm:ss or MM/dd/yyyy");
        }
    }

    static String zone(String zone, ProfileContext where, int line) {
        try {
            return java.time.ZoneId.of(zone).getId();
        } catch (RuntimeException e) {
            throw where.error(line, "'" + zone + "' is not a time zone; use an IANA name such as UTC or Europe/Berlin");
        }
    }

    private static String scalar(MapNode m, String key, ProfileContext where) {
        if (!(m.get(key) instanceof Scalar s)) {
            throw where.error(m.lineOf(key), key + " takes a single value");
        }
        return s.value();
    }

    private static boolean bool(MapNode m, String key, ProfileContext where) {
        if (!m.has(key)) {
            return false;
        }
        String v = scalar(m, key, where);
        if (!"true".equalsIgnoreCase(v) && !"false".equalsIgnoreCase(v)) {
            throw where.error(m.lineOf(key), key + " is true or false");
        }
        return Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT));
    }

    private static BigDecimal number(MapNode m, String key, ProfileContext where) {
        if (!m.has(key)) {
            return null;
        }
        String v = scalar(m, key, where);
        try {
            return new BigDecimal(v == null ? "" : v.strip());
        } catch (NumberFormatException e) {
            throw where.error(m.lineOf(key), key + " takes a number, not '" + v + "'");
        }
    }

    /** The source fields the spec reads (for sources whose fields are what the profile names: JSON lines). */
    void fields(Consumer<String> sink) {
        columns.forEach(sink);
        if (template != null) {
            Matcher mt = FIELD.matcher(template);
            while (mt.find()) {
                sink.accept(mt.group(1).strip());
            }
        }
        for (int i = 0; i < cases.size(); i++) {
            cases.get(i).fields(sink);
            if (caseConditions.get(i) != null) {
                caseConditions.get(i).columns(sink);
            }
        }
        if (orElse != null) {
            orElse.fields(sink);
        }
    }

    /** What binding needs besides the header. */
    record Binding(ForeignHeader header, ProfileContext where, Column target, String tableName, Formats formats,
                   Map<String, Lookup> lookups, String reportingCurrency, Consumer<String> missing) {
    }

    /**
     * Resolves the spec against a source. Source columns the header lacks: fine when the spec
     * is optional or another of its columns is there; an error for a required contract column;
     * otherwise reported through {@code missing} and read as empty.
     */
    ValueExpr bind(Binding b) {
        ValueExpr e = new ValueExpr();
        boolean optionalHere = optional;
        if (!columns.isEmpty()) {
            List<Integer> found = new ArrayList<>();
            for (String c : columns) {
                b.header().indexOf(c).ifPresent(found::add);
            }
            if (found.isEmpty()) {
                missing(b, columns, optionalHere);
            }
            e.kind = ValueExpr.Kind.COLUMNS;
            e.columns = found.stream().mapToInt(Integer::intValue).toArray();
        } else if (constant != null || (node != null && node.has("value"))) {
            e.kind = ValueExpr.Kind.CONSTANT;
            e.constant = REPORTING_CURRENCY.equals(constant) ? b.reportingCurrency() : constant;
        } else if (template != null) {
            List<Object> pieces = new ArrayList<>();
            Matcher mt = FIELD.matcher(template);
            int at = 0;
            List<String> absent = new ArrayList<>();
            int present = 0;
            while (mt.find()) {
                if (mt.start() > at) {
                    pieces.add(template.substring(at, mt.start()));
                }
                String name = mt.group(1).strip();
                var index = b.header().indexOf(name);
                if (index.isPresent()) {
                    pieces.add(index.getAsInt());
                    present++;
                } else {
                    absent.add(name);
                }
                at = mt.end();
            }
            if (at < template.length()) {
                pieces.add(template.substring(at));
            }
            if (present == 0) {
                missing(b, absent, optionalHere);
            }
            e.kind = ValueExpr.Kind.TEMPLATE;
            e.template = pieces;
        } else if (!cases.isEmpty()) {
            e.kind = ValueExpr.Kind.CASES;
            List<ValueExpr> values = new ArrayList<>();
            List<Condition> conditions = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                values.add(cases.get(i).bind(b));
                conditions.add(caseConditions.get(i) == null ? null : caseConditions.get(i).bind(b.header(), b.where()));
            }
            e.caseValues = values;
            e.caseConditions = conditions;
        }
        Set<String> nulls = new HashSet<>();
        b.formats().nullValues().forEach(v -> nulls.add(v.toLowerCase(java.util.Locale.ROOT)));
        nullIf.forEach(v -> nulls.add(v.strip().toLowerCase(java.util.Locale.ROOT)));
        e.nullValues = Set.copyOf(nulls);
        e.replacePatterns = List.copyOf(replace.keySet());
        e.replacements = List.copyOf(replace.values());
        e.split = split;
        e.part = part;
        e.stripPrefix = stripPrefix;
        e.lower = lower;
        e.upper = upper;
        if (map != null) {
            Map<String, String> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(k, REPORTING_CURRENCY.equals(v) ? b.reportingCurrency() : v));
            e.map = m;
        }
        e.mapOtherwiseSet = otherwiseSet;
        e.mapOtherwise = otherwise;
        if (lookup != null) {
            e.lookup = b.lookups().get(lookup);
            if (e.lookup == null) {
                throw b.where().error(node == null ? line : node.lineOf("lookup"), "no lookup named '" + lookup
                        + "'; the profile's lookups are " + b.lookups().keySet());
            }
        }
        e.lookupKeepMissing = lookupKeepMissing;
        e.prefix = prefix;
        e.suffix = suffix;
        e.multiply = multiply;
        e.divide = divide;
        e.invert = invert;
        ColumnType type = b.target().type();
        String name = b.target().name();
        e.target = switch (type) {
            case DATE -> ValueExpr.Target.DATE;
            case TIMESTAMP -> ValueExpr.Target.TIMESTAMP;
            case BOOLEAN -> ValueExpr.Target.BOOLEAN;
            case INT, LONG, DOUBLE -> ValueExpr.Target.NUMBER;
            case STRING -> name.endsWith("_id") || name.equals("changed_by") || name.equals("created_by")
                    ? ValueExpr.Target.ID : ValueExpr.Target.TEXT;
        };
        if (e.target == ValueExpr.Target.DATE || e.target == ValueExpr.Target.TIMESTAMP) {
            List<String> patterns = formats != null ? formats
                    : e.target == ValueExpr.Target.DATE ? b.formats().dateFormats() : b.formats().timestampFormats();
            String z = zone != null ? zone : b.formats().timeZone();
            String ep = epoch != null ? epoch : b.formats().epoch();
            if (!patterns.isEmpty() || z != null || ep != null) {
                e.temporal = new Temporal(patterns, z, ep);
            }
        }
        e.trueValues = lowerSet(b.formats().trueValues());
        e.falseValues = lowerSet(b.formats().falseValues());
        e.salesforceIds = "salesforce".equals(b.formats().ids());
        e.defaultValue = REPORTING_CURRENCY.equals(defaultValue) ? b.reportingCurrency() : defaultValue;
        if (orElse != null) {
            e.orElse = orElse.bind(b);
        }
        return e;
    }

    private void missing(Binding b, List<String> names, boolean optionalHere) {
        if (optionalHere || defaultValue != null || orElse != null) {
            return;
        }
        String what = names.size() == 1 ? "column '" + names.get(0) + "'" : "any of the columns " + names;
        String target = b.tableName() + "." + b.target().name();
        if (b.target().required()) {
            throw b.where().error(line, b.where().source() + " has no " + what + ", which the profile maps to the"
                    + " required column " + target + "; its columns are " + b.header().names() + ". Fix the column name"
                    + " on this line, or give a value ({value: ...}) or a default");
        }
        b.missing().accept(b.where().source() + " has no " + what + " (" + b.where().profile() + ", line " + line
                + " maps it to " + target + "); " + b.target().name() + " stays empty. Mark the spec optional: true"
                + " if the export may lack it");
    }

    private static Set<String> lowerSet(List<String> values) {
        Set<String> out = new HashSet<>();
        values.forEach(v -> out.add(v.strip().toLowerCase(java.util.Locale.ROOT)));
        return Set.copyOf(out);
    }
}
