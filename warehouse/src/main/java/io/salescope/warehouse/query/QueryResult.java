package io.salescope.warehouse.query;

import io.salescope.core.time.Period;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The answer to a {@link MetricQuery}: the figure (or why there is none), the breakdown
 * rows, the period it covers, the scope it was computed for, the definition used, and the
 * SQL that produced it.
 *
 * @param unit {@code money}, {@code ratio} (a fraction), {@code count}, {@code days} or
 *     {@code money_per_day}
 * @param period the resolved period, or null for a metric without one (open pipeline now)
 * @param value the figure; null when it has none (see {@code noValueReason}) or when the
 *     query is a breakdown
 * @param noValueReason why there is no value (a ratio with a zero denominator), in English
 * @param noValueReasonZh the same in Chinese
 * @param rows breakdown rows in the requested order (empty without group-by)
 * @param scope who the figure covers, e.g. "team 中国区 (with sub-teams)"
 * @param comparison the figure for the comparison period, if asked for
 * @param details extra figures: a forecast's interval (low, high), a formula's components
 * @param sql every statement run, in order
 * @param parameters the bound parameters of each statement, in the same order
 */
public record QueryResult(
        String metric,
        String unit,
        Period period,
        Double value,
        String noValueReason,
        String noValueReasonZh,
        List<Row> rows,
        Scope scope,
        Comparison comparison,
        Map<String, Object> details,
        List<String> sql,
        List<List<Object>> parameters) {

    public QueryResult {
        requireNonNull(metric, "metric is null");
        requireNonNull(unit, "unit is null");
        rows = rows == null ? List.of() : List.copyOf(rows);
        details = details == null ? Map.of() : Map.copyOf(details);
        sql = sql == null ? List.of() : List.copyOf(sql);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    public boolean hasValue() {
        return value != null;
    }

    /**
     * One breakdown row.
     *
     * @param key the group's identity (team id, user id, product name...)
     * @param label what users see
     * @param value null when the group's ratio has no denominator
     */
    public record Row(String key, String label, Double value, String noValueReason) {
    }

    /**
     * Who the figure covers.
     *
     * @param description English, e.g. "team DACH and the teams below it"
     * @param descriptionZh Chinese
     * @param defaulted true when the query named no rep, team or region and the asker's own
     *     scope applied
     */
    public record Scope(String description, String descriptionZh, boolean defaulted) {
    }

    /** The same figure for the comparison period. */
    public record Comparison(String kind, Period period, Double value, Double change, Double changeRatio) {
    }
}
