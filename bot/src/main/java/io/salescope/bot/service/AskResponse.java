package io.salescope.bot.service;

import java.util.List;
import java.util.Map;

/**
 * The body of a {@code POST /api/ask} answer (snake_case on the wire). A question not
 * understood has {@code understood = false}, the help in {@code answer} and, for a
 * clarification, the choices in {@code options}; the figure's fields are then null.
 *
 * @param language "en" or "zh", the question's language
 * @param understood whether a figure was computed
 * @param interpretation how the question was read, in its language
 * @param answer the answer (or refusal, or help) in the question's language
 * @param value the figure; null for a breakdown or when it has none (see answer / noValueReason)
 * @param unit money, ratio (a fraction: 0.625), count, days or money_per_day
 * @param sql the statements run, in order; their parameters in {@code parameters}
 */
public record AskResponse(
        String language,
        boolean understood,
        String question,
        String interpretation,
        String answer,
        String metric,
        String metricLabel,
        PeriodJson period,
        Double value,
        String unit,
        String currency,
        String noValueReason,
        List<RowJson> rows,
        String scope,
        Map<String, Object> comparison,
        Map<String, Object> details,
        List<String> sql,
        List<List<Object>> parameters,
        List<String> options,
        long warehouseVersion) {

    /** A period on the wire. */
    public record PeriodJson(String from, String to, String label, String name) {
    }

    /** One breakdown row. */
    public record RowJson(String label, Double value, String key) {
    }
}
