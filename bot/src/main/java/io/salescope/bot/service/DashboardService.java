package io.salescope.bot.service;

import io.salescope.core.time.Period;
import io.salescope.core.time.PeriodNames;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.QueryException;
import io.salescope.warehouse.query.QueryResult;
import io.salescope.warehouse.query.UserInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The dashboard's figures, each computed by the engine as the asker (so scoped to what they
 * may see, exactly as a question would be). Payloads are plain maps, snake_case on the wire.
 */
public final class DashboardService {

    public static final String DEFAULT_PERIOD = "this_quarter";

    private final MetricEngine engine;
    private final int fiscalStartMonth;

    public DashboardService(MetricEngine engine, int fiscalStartMonth) {
        this.engine = requireNonNull(engine, "engine is null");
        this.fiscalStartMonth = fiscalStartMonth;
    }

    /**
     * Share of the opportunities created in the period that reached each stage, in stage
     * order: the open stages and the stage after them (won); the lost stage is left out. Open
     * stages are those holding open pipeline now, as the engine exposes no stage categories.
     */
    public Map<String, Object> funnel(UserInfo asker, String period) {
        QueryResult r = engine.execute(MetricQuery.builder("stage_conversion", asker.userId())
                .period(orDefault(period)).build());
        Set<String> open = openStages(asker);
        int lastOpen = -1;
        for (int i = 0; i < r.rows().size(); i++) {
            if (open.contains(r.rows().get(i).label())) {
                lastOpen = i;
            }
        }
        int end = lastOpen < 0 ? r.rows().size() : Math.min(r.rows().size(), lastOpen + 2);
        List<Map<String, Object>> stages = new ArrayList<>();
        for (QueryResult.Row row : r.rows().subList(0, end)) {
            stages.add(row(row.label(), row.value()));
        }
        Map<String, Object> out = header(r);
        out.put("stages", stages);
        out.put("no_value_reason", stages.stream().allMatch(s -> s.get("value") == null) ? r.noValueReason() : null);
        return out;
    }

    /** Bookings, quota and attainment per direct sub-team (per rep for a team without sub-teams, or for a rep). */
    public Map<String, Object> bookingsVsQuota(UserInfo asker, String period) {
        String p = orDefault(period);
        String by = "rep".equals(asker.role()) ? null : "team";
        QueryResult bookings = breakdown("bookings", asker, p, by);
        if ("team".equals(by) && bookings.rows().isEmpty()) {
            by = "rep";
            bookings = breakdown("bookings", asker, p, by);
        }
        QueryResult quota = breakdown("quota", asker, p, by);
        Map<String, Object> out = header(bookings);
        out.put("by", by == null ? "self" : by);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (by == null) {
            rows.add(bvq(asker.name(), bookings.value(), quota.value()));
        } else {
            Map<String, Double> quotaByKey = new LinkedHashMap<>();
            for (QueryResult.Row q : quota.rows()) {
                quotaByKey.put(q.key(), q.value());
            }
            for (QueryResult.Row b : bookings.rows()) {
                rows.add(bvq(b.label(), b.value(), quotaByKey.get(b.key())));
            }
        }
        out.put("rows", rows);
        return out;
    }

    /** The bookings forecast for the current and next quarter with its 80% interval, or why there is none. */
    public Map<String, Object> forecast(UserInfo asker) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> periods = new ArrayList<>();
        String message = null;
        for (String p : List.of("this_quarter", "next_quarter")) {
            try {
                QueryResult r = engine.execute(MetricQuery.builder("forecast", asker.userId()).period(p).build());
                Map<String, Object> e = new LinkedHashMap<>(period(r.period()));
                e.put("value", r.value());
                e.put("low", r.details().get("low"));
                e.put("high", r.details().get("high"));
                e.put("closed_so_far", r.details().get("closed_so_far"));
                e.put("as_of_date", r.details().get("as_of_date"));
                e.put("scope", r.scope() == null ? null : r.scope().description());
                e.put("scope_zh", r.scope() == null ? null : r.scope().descriptionZh());
                periods.add(e);
            } catch (QueryException e) {
                message = e.getMessage();
            }
        }
        out.put("available", !periods.isEmpty());
        out.put("interval", "80%");
        out.put("periods", periods);
        out.put("message", periods.isEmpty() ? message : null);
        return out;
    }

    /** Open pipeline (amount) per stage, in stage order. */
    public Map<String, Object> pipelineByStage(UserInfo asker) {
        QueryResult amounts = breakdown("open_pipeline", asker, null, "stage");
        Map<String, Object> out = header(amounts);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> order = engine.dimensionValues().getOrDefault("stage", List.of());
        List<QueryResult.Row> sorted = new ArrayList<>(amounts.rows());
        sorted.sort(java.util.Comparator.comparingInt(r -> {
            int i = order.indexOf(r.label());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        for (QueryResult.Row r : sorted) {
            rows.add(row(r.label(), r.value()));
        }
        out.put("rows", rows);
        return out;
    }

    private QueryResult breakdown(String metric, UserInfo asker, String period, String by) {
        MetricQuery.Builder b = MetricQuery.builder(metric, asker.userId()).period(period);
        if (by != null) {
            b.groupBy(by);
        }
        return engine.execute(b.build());
    }

    private Set<String> openStages(UserInfo asker) {
        Set<String> out = new HashSet<>();
        try {
            engine.execute(MetricQuery.builder("open_pipeline", asker.userId()).groupBy("stage").build())
                    .rows().forEach(row -> out.add(row.label()));
        } catch (QueryException e) {
            // No open pipeline to tell the stages apart: show every stage.
        }
        return out;
    }

    private Map<String, Object> header(QueryResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", r.metric());
        out.put("unit", r.unit());
        out.put("period", r.period() == null ? null : period(r.period()));
        out.put("scope", r.scope() == null ? null : r.scope().description());
        out.put("scope_zh", r.scope() == null ? null : r.scope().descriptionZh());
        out.put("warehouse_version", engine.version());
        return out;
    }

    private Map<String, Object> period(Period p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", p.from().toString());
        out.put("to", p.to().toString());
        out.put("label", p.label());
        out.put("name", PeriodNames.name(p, "en", fiscalStartMonth));
        out.put("name_zh", PeriodNames.name(p, "zh", fiscalStartMonth));
        return out;
    }

    private static Map<String, Object> row(String label, Double value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", label);
        out.put("value", value);
        return out;
    }

    private static Map<String, Object> bvq(String label, Double bookings, Double quota) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", label);
        out.put("bookings", bookings == null ? 0.0 : bookings);
        out.put("quota", quota);
        out.put("attainment", quota == null || quota == 0 || bookings == null ? null : bookings / quota);
        return out;
    }

    private static String orDefault(String period) {
        return period == null || period.isBlank() ? DEFAULT_PERIOD : period.trim();
    }
}
