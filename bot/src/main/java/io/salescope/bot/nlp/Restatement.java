package io.salescope.bot.nlp;

import io.salescope.core.time.Periods;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.UserInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A query said back in the question's language, e.g. "Bookings · top 3 by rep · region Europe ·
 * 2025 (2025-01-01 – 2025-12-31)", so the asker sees exactly what was answered.
 */
final class Restatement {

    private Restatement() {
    }

    static String of(MetricQuery q, String language, Vocabulary v, Periods periods, UserInfo asker) {
        boolean zh = Messages.zh(language);
        MetricCatalog.Metric metric = v.catalog().metric(q.metric()).orElseThrow();
        List<String> parts = new ArrayList<>();
        String label = metric.label().in(language);
        String from = q.options().get("from_stage");
        String stage = q.options().get("stage");
        if (stage != null) {
            label += zh
                    ? (from != null ? "（" + from + " → " + stage + "）" : "（到达 " + stage + "）")
                    : (from != null ? " (" + from + " → " + stage + ")" : " (reaching " + stage + ")");
        }
        parts.add(label);
        if (!q.groupBy().isEmpty()) {
            String dim = v.dimensionLabel(q.groupBy().get(0), language);
            boolean asc = q.order() == MetricQuery.Order.ASC;
            if (q.limit() != null) {
                parts.add(zh ? "按" + dim + (asc ? "倒数" : "前") + q.limit() + "名" : (asc ? "bottom " : "top ") + q.limit() + " by " + dim);
            } else if (q.order() == MetricQuery.Order.LABEL) {
                parts.add(zh ? "按" + dim + "拆分" : "by " + dim);
            } else {
                parts.add(zh ? "按" + dim + (asc ? "从低到高" : "从高到低") : "by " + dim + (asc ? ", lowest first" : ", highest first"));
            }
        }
        List<String> scope = new ArrayList<>();
        for (Map.Entry<String, List<String>> f : q.filters().entrySet()) {
            for (String value : f.getValue()) {
                boolean me = "rep".equals(f.getKey()) && asker != null
                        && (value.equalsIgnoreCase(String.valueOf(asker.email())) || value.equalsIgnoreCase(asker.userId()));
                if (me) {
                    scope.add(zh ? "你本人" : "you");
                } else {
                    scope.add(v.dimensionLabel(f.getKey(), language) + " " + value);
                }
            }
        }
        if (!scope.isEmpty()) {
            parts.add((zh ? "" : "for ") + String.join(zh ? "，" : ", ", scope));
        }
        if (q.period() != null) {
            parts.add(PeriodText.describe(periods.parse(q.period()), language));
        } else if (!metric.takesPeriod() || "optional".equals(metric.period())) {
            parts.add(zh ? "截至目前" : "as of now");
        } else if (metric.defaultPeriod() != null) {
            parts.add(PeriodText.describe(periods.parse(metric.defaultPeriod()), language) + (zh ? "（默认期间）" : " (default period)"));
        }
        switch (q.compareTo()) {
            case PREVIOUS_PERIOD -> parts.add(zh ? "环比上一期" : "compared with the previous period");
            case YEAR_AGO -> parts.add(zh ? "同比去年同期" : "compared with the same period a year earlier");
            default -> {
            }
        }
        return String.join(" · ", parts);
    }
}
