package io.salescope.ingest.profile;

import io.salescope.ingest.profile.YamlNode.MapNode;
import io.salescope.ingest.profile.YamlNode.Scalar;

import java.util.List;
import java.util.Set;

/**
 * A profile's {@code defaults}: how the foreign export writes values, applied to every column
 * unless its spec says otherwise.
 *
 * @param timeZone the zone of timestamps written without one (null: the ingest's default zone)
 * @param timestampFormats patterns for timestamps (empty: crm-export-v1's own formats)
 * @param dateFormats patterns for dates
 * @param trueValues extra spellings of true (v1 already reads true/false, 1/0, yes/no)
 * @param falseValues extra spellings of false
 * @param nullValues values that mean "empty" (Salesforce's null id {@code 000000000000000AAA})
 * @param ids {@code salesforce}: 15-character record ids in id columns become 18-character ones
 * @param epoch {@code millis} or {@code seconds}: numeric timestamps are epoch instants
 */
record Formats(String timeZone, List<String> timestampFormats, List<String> dateFormats, List<String> trueValues,
               List<String> falseValues, List<String> nullValues, String ids, String epoch) {

    static final Set<String> KEYS = Set.of("time_zone", "timestamp_formats", "date_formats", "true", "false",
            "null_values", "ids", "epoch");

    static final Formats NONE = new Formats(null, List.of(), List.of(), List.of(), List.of(), List.of(), null, null);

    static Formats parse(YamlNode node, ProfileContext where) {
        if (node == null) {
            return NONE;
        }
        if (!(node instanceof MapNode m)) {
            throw where.error(node.line(), "defaults is a mapping (time_zone, timestamp_formats, date_formats, true, false,"
                    + " null_values, ids, epoch)");
        }
        for (String key : m.entries().keySet()) {
            if (!KEYS.contains(key)) {
                throw where.error(m.lineOf(key), "unknown key '" + key + "' in defaults; known keys: "
                        + new java.util.TreeSet<>(KEYS));
            }
        }
        String zone = m.has("time_zone") ? ValueSpec.zone(text(m, "time_zone", where), where, m.lineOf("time_zone")) : null;
        List<String> ts = m.has("timestamp_formats") ? Condition.strings(m.get("timestamp_formats"), where) : List.of();
        ts.forEach(p -> ValueSpec.checkPattern(p, where, m.lineOf("timestamp_formats")));
        List<String> ds = m.has("date_formats") ? Condition.strings(m.get("date_formats"), where) : List.of();
        ds.forEach(p -> ValueSpec.checkPattern(p, where, m.lineOf("date_formats")));
        String ids = m.has("ids") ? text(m, "ids", where) : null;
        if (ids != null && !ids.equals("salesforce")) {
            throw where.error(m.lineOf("ids"), "ids is salesforce (15-character ids become 18-character ones) or absent");
        }
        String epoch = m.has("epoch") ? text(m, "epoch", where) : null;
        if (epoch != null && !epoch.equals("millis") && !epoch.equals("seconds")) {
            throw where.error(m.lineOf("epoch"), "epoch is millis or seconds");
        }
        return new Formats(zone, ts, ds,
                m.has("true") ? Condition.strings(m.get("true"), where) : List.of(),
                m.has("false") ? Condition.strings(m.get("false"), where) : List.of(),
                m.has("null_values") ? Condition.strings(m.get("null_values"), where) : List.of(),
                ids, epoch);
    }

    private static String text(MapNode m, String key, ProfileContext where) {
        if (!(m.get(key) instanceof Scalar s) || s.value() == null) {
            throw where.error(m.lineOf(key), key + " takes a single value");
        }
        return s.value();
    }
}
