package io.salescope.warehouse.engine;

import io.salescope.core.time.Granularity;
import io.salescope.core.time.Period;
import io.salescope.core.time.PeriodNames;
import io.salescope.core.time.Periods;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.catalog.MetricCatalog.Fact;
import io.salescope.warehouse.catalog.MetricCatalog.Metric;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.PermissionException;
import io.salescope.warehouse.query.QueryException;
import io.salescope.warehouse.query.QueryResult;
import io.salescope.warehouse.query.TeamInfo;
import io.salescope.warehouse.query.UserInfo;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One query against one snapshot: validation, scoping, SQL, and assembling the result. */
final class Execution {

    private static final String NONE_LABEL = "(none)";
    private static final int MAX_LISTED_CHOICES = 40;

    private final Snapshot s;
    private final MetricCatalog catalog;
    private final Periods periods;
    private final ZoneId zone;
    private final String currency;
    private final List<String> sqlRun = new ArrayList<>();
    private final List<List<Object>> paramsRun = new ArrayList<>();

    private OwnerScope scope;
    private Map<String, List<String>> filters;
    private Map<String, String> options;
    private UserInfo asker;

    Execution(Snapshot s, MetricCatalog catalog, Periods periods, ZoneId zone, String currency) {
        this.s = s;
        this.catalog = catalog;
        this.periods = periods;
        this.zone = zone;
        this.currency = currency;
    }

    /** A computed figure: the whole, and per group when grouped. */
    private record Computed(Double value, Double num, Double den, Map<String, Cell> groups, Map<String, Object> details) {
    }

    private record Cell(String key, String label, Double value, Double num, Double den) {
    }

    /** How rows are grouped: a dimension, and for "team" the teams to list. */
    private record Group(String dimension, List<String> teams) {
    }

    QueryResult run(MetricQuery q) {
        Metric m = catalog.metric(q.metric()).orElseThrow(() -> new QueryException(
                "unknown metric '" + q.metric() + "'; the catalog has: " + String.join(", ", catalog.metricNames()),
                catalog.metricNames()));
        asker = DuckDbMetricEngine.findUser(s, q.asker()).orElseThrow(() -> new PermissionException(
                "'" + q.asker() + "' is not a user of this warehouse, so no figures can be shown",
                "'" + q.asker() + "' 不是此数据仓库的用户，无法查看数据"));
        if (q.groupBy().size() > 1) {
            throw new QueryException("break a figure down by one dimension at a time; got " + q.groupBy());
        }
        String groupDim = q.groupBy().isEmpty() ? null : q.groupBy().get(0);
        if (groupDim != null && !m.dimensions().contains(groupDim)) {
            throw new QueryException("metric '" + m.name() + "' cannot be broken down by '" + groupDim
                    + "'; it can be by: " + String.join(", ", m.dimensions()), m.dimensions());
        }
        filters = canonicalFilters(m, q.filters());
        options = canonicalOptions(m, q.options());
        scope = OwnerScope.resolve(s, asker,
                filters.getOrDefault("rep", List.of()), filters.getOrDefault("team", List.of()),
                filters.getOrDefault("region", List.of()));
        Period period = resolvePeriod(m, q.period());
        Group group = groupDim == null ? null : new Group(groupDim, "team".equals(groupDim) ? groupTeams() : List.of());

        Computed c;
        String noValueEn = null;
        String noValueZh = null;
        if (m.requiresOpenPeriod() && period != null && period.isOver(periods.today())) {
            c = new Computed(null, null, null, Map.of(), Map.of());
            noValueEn = PeriodNames.name(period, "en", fiscalStart()) + " is over; " + m.label().en().toLowerCase(Locale.ROOT)
                    + " applies only to periods not yet over";
            noValueZh = PeriodNames.name(period, "zh", fiscalStart()) + "已经结束；" + m.label().zh() + "只适用于尚未结束的期间";
        } else {
            c = compute(m, period, group);
            if (group == null && c.value() == null && c.groups().isEmpty()) {
                noValueEn = reason(m, period, "en");
                noValueZh = reason(m, period, "zh");
            }
        }
        List<QueryResult.Row> rows = group == null && c.groups().isEmpty() ? List.of() : rows(m, period, c, q);
        QueryResult.Comparison comparison = null;
        if (q.compareTo() != MetricQuery.Comparison.NONE && period != null && !m.requiresOpenPeriod()) {
            Period other = q.compareTo() == MetricQuery.Comparison.YEAR_AGO
                    ? periods.calendar().yearAgo(period) : periods.calendar().previous(period);
            Computed o = compute(m, other, null);
            Double change = c.value() == null || o.value() == null ? null : c.value() - o.value();
            Double ratio = change == null || o.value() == 0 ? null : change / Math.abs(o.value());
            comparison = new QueryResult.Comparison(
                    q.compareTo() == MetricQuery.Comparison.YEAR_AGO ? "year_ago" : "previous_period",
                    other, o.value(), change, ratio);
        }
        Map<String, Object> details = new LinkedHashMap<>(c.details());
        details.put("currency", currency);
        details.put("version", s.version);
        return new QueryResult(m.name(), m.unit(), period, group == null ? c.value() : null, noValueEn, noValueZh,
                rows, scope.describe(), comparison, details, sqlRun, paramsRun);
    }

    private int fiscalStart() {
        return periods.calendar().startMonth();
    }

    private String reason(Metric m, Period p, String lang) {
        String template = m.noValue() == null
                ? ("zh".equals(lang) ? "{period}没有可计算的数据" : "no data to compute it from in {period}")
                : m.noValue().in(lang);
        String name = p == null ? ("zh".equals(lang) ? "目前" : "now") : PeriodNames.name(p, lang, fiscalStart());
        return template.replace("{period}", name);
    }

    // ---------------------------------------------------------------- validation

    private Map<String, List<String>> canonicalFilters(Metric m, Map<String, List<String>> raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : raw.entrySet()) {
            String dim = e.getKey();
            if (e.getValue().isEmpty()) {
                continue;
            }
            if (!catalog.dimensions().containsKey(dim)) {
                List<String> known = List.copyOf(catalog.dimensions().keySet());
                throw new QueryException("unknown dimension '" + dim + "'; dimensions are: " + String.join(", ", known), known);
            }
            if (MetricCatalog.TIME_DIMENSIONS.contains(dim)) {
                throw new QueryException("to choose a " + dim + ", give a period (e.g. 2026-03 or 2026-Q1), not a filter");
            }
            if (!m.dimensions().contains(dim)) {
                throw new QueryException("metric '" + m.name() + "' cannot be filtered by '" + dim
                        + "'; it can be by: " + String.join(", ", m.dimensions()), m.dimensions());
            }
            List<String> values = new ArrayList<>();
            for (String v : e.getValue()) {
                values.add(canonicalValue(dim, v));
            }
            out.put(dim, List.copyOf(new LinkedHashSet<>(values)));
        }
        return out;
    }

    /** The value as stored (user and team ids for rep and team), or an error listing valid ones. */
    private String canonicalValue(String dim, String raw) {
        String v = raw == null ? "" : raw.trim();
        switch (dim) {
            case "rep": {
                return DuckDbMetricEngine.findUser(s, v).map(UserInfo::userId).orElseThrow(() ->
                        unknownValue(dim, raw, s.users.values().stream().map(UserInfo::name).toList()));
            }
            case "team": {
                for (TeamInfo t : s.teams.values()) {
                    if (t.teamId().equals(v) || (t.name() != null && t.name().equalsIgnoreCase(v))) {
                        return t.teamId();
                    }
                }
                throw unknownValue(dim, raw, s.teams.values().stream().map(TeamInfo::name).toList());
            }
            default: {
                if (v.equalsIgnoreCase(NONE_LABEL)) {
                    return NONE_LABEL;
                }
                List<String> known = s.dimensionValues.getOrDefault(dim, List.of());
                for (String k : known) {
                    if (k.equalsIgnoreCase(v)) {
                        return k;
                    }
                }
                throw unknownValue(dim, raw, known);
            }
        }
    }

    private QueryException unknownValue(String dim, String raw, List<String> known) {
        List<String> shown = known.size() > MAX_LISTED_CHOICES ? known.subList(0, MAX_LISTED_CHOICES) : known;
        return new QueryException("no " + dim.replace('_', ' ') + " called '" + raw + "'; valid values"
                + (known.size() > shown.size() ? " include" : " are") + ": " + String.join(", ", shown), known);
    }

    private Map<String, String> canonicalOptions(Metric m, Map<String, String> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            if (!m.options().contains(e.getKey())) {
                throw new QueryException("metric '" + m.name() + "' takes no option '" + e.getKey() + "'"
                        + (m.options().isEmpty() ? "" : "; its options are: " + String.join(", ", m.options())), m.options());
            }
            if (e.getKey().endsWith("stage")) {
                Snapshot.Stage st = s.stage(e.getValue()).orElseThrow(() ->
                        unknownValue("stage", e.getValue(), s.stages.stream().map(Snapshot.Stage::name).toList()));
                out.put(e.getKey(), st.name());
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private Period resolvePeriod(Metric m, String text) {
        if (!m.takesPeriod()) {
            return null;
        }
        if (text == null || text.isBlank()) {
            if ("optional".equals(m.period()) || m.defaultPeriod() == null) {
                return null;
            }
            return periods.parse(m.defaultPeriod());
        }
        try {
            return periods.parse(text);
        } catch (IllegalArgumentException e) {
            throw new QueryException(e.getMessage(), Periods.EXAMPLES);
        }
    }

    /** The teams a "by team" breakdown lists: the direct sub-teams of the team in scope. */
    private List<String> groupTeams() {
        String scopeTeam = null;
        if (scope.teamIds().size() == 1) {
            scopeTeam = scope.teamIds().get(0);
        } else if (scope.region() != null) {
            List<String> tops = s.topTeamsOfRegion(scope.region());
            if (tops.size() != 1) {
                return tops;
            }
            scopeTeam = tops.get(0);
        } else if (!scope.everyone() && asker.teamId() != null && s.teams.containsKey(asker.teamId())) {
            scopeTeam = asker.teamId();
        }
        if (scopeTeam == null) {
            if (s.rootTeams.size() == 1) {
                scopeTeam = s.rootTeams.get(0);
            } else {
                return s.rootTeams;
            }
        }
        List<String> children = s.childTeams.getOrDefault(scopeTeam, List.of());
        return children.isEmpty() ? List.of(scopeTeam) : children;
    }

    // ---------------------------------------------------------------- computing

    private Computed compute(Metric m, Period p, Group g) {
        return switch (m.kind()) {
            case "simple" -> fact(m, p, g);
            case "funnel" -> funnel(m, p, g);
            case "quota" -> quota(p, g);
            case "formula" -> formula(m, p, g);
            case "forecast" -> forecast(p, g);
            default -> throw new IllegalStateException("metric kind " + m.kind());
        };
    }

    private Map<String, Object> named(Period p) {
        Map<String, Object> named = new HashMap<>();
        if (p != null) {
            named.put("from", p.from().toString());
            named.put("to", p.to().toString());
        }
        named.put("now", periods.today().atStartOfDay(zone).toOffsetDateTime().toString());
        named.put("zone", zone.getId());
        return named;
    }

    /** FROM, joins and WHERE shared by fact and funnel queries. */
    private void fromWhere(Sql sql, Metric m, Fact fact, Period p, Group g) {
        Map<String, Object> named = named(p);
        Set<String> joins = new LinkedHashSet<>();
        for (String dim : filters.keySet()) {
            addJoin(fact, dim, joins);
        }
        if (g != null) {
            addJoin(fact, g.dimension(), joins);
        }
        sql.append(" FROM ").append(fact.table()).append(" f");
        // The owner's user and team rows, only when something reads them: joining them to every
        // fact row costs as much as the rest of a simple query at scale.
        if ((g != null && MetricCatalog.OWNER_DIMENSIONS.contains(g.dimension())) || readsOwnerRows(m, fact, joins)) {
            sql.append(" LEFT JOIN users ou ON ou.user_id = ").append(fact.owner());
            sql.append(" LEFT JOIN teams ot ON ot.team_id = ou.team_id");
        }
        if (g != null && "team".equals(g.dimension())) {
            sql.append(" JOIN team_tree tt ON tt.team_id = ou.team_id AND tt.ancestor_id IN ").list(g.teams());
            sql.append(" JOIN teams gt ON gt.team_id = tt.ancestor_id");
        }
        for (String j : joins) {
            sql.append(" ").append(fact.joins().get(j));
        }
        sql.append(" WHERE TRUE");
        if (m.where() != null && "simple".equals(m.kind())) {
            sql.append(" AND (").fragment(m.where(), named).append(")");
        }
        if (p != null) {
            sql.append(" AND ").fragment(m.time(), named).append(" BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)",
                    p.from().toString(), p.to().toString());
        }
        if (!scope.everyone()) {
            sql.append(" AND ").append(fact.owner()).append(" IN ").list(scope.users());
        }
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            String dim = f.getKey();
            if (MetricCatalog.OWNER_DIMENSIONS.contains(dim)) {
                continue; // rep, team and region are applied through the scope's owner set
            }
            String expr = fact.dimensions().get(dim).expr();
            List<String> values = f.getValue().stream().filter(v -> !NONE_LABEL.equals(v))
                    .map(v -> v.toLowerCase(Locale.ROOT)).toList();
            boolean none = f.getValue().contains(NONE_LABEL);
            sql.append(" AND (");
            if (!values.isEmpty()) {
                sql.append("lower(CAST(").append(expr).append(" AS VARCHAR)) IN ").list(values);
            }
            if (none) {
                sql.append(values.isEmpty() ? "" : " OR ").append(expr).append(" IS NULL");
            }
            sql.append(")");
        }
        if (g != null && "rep".equals(g.dimension())) {
            sql.append(" AND ou.role = 'rep'");
        }
    }

    private static final java.util.regex.Pattern OWNER_ROWS = java.util.regex.Pattern.compile("\\bo[ut]\\.");

    /** Whether the metric's or the joined dimensions' SQL names the owner's rows ({@code ou.}, {@code ot.}). */
    private static boolean readsOwnerRows(Metric m, Fact fact, Set<String> joins) {
        List<String> texts = new ArrayList<>(java.util.Arrays.asList(m.time(), m.where(), m.value(), m.numerator(),
                m.denominator()));
        joins.forEach(j -> texts.add(fact.joins().get(j)));
        fact.dimensions().values().forEach(d -> texts.add(d.expr()));
        return texts.stream().anyMatch(t -> t != null && OWNER_ROWS.matcher(t).find());
    }

    private static void addJoin(Fact fact, String dim, Set<String> joins) {
        MetricCatalog.FactDimension fd = fact.dimensions().get(dim);
        if (fd != null && fd.join() != null) {
            joins.add(fd.join());
        }
    }

    /** SQL for the group's key and label. */
    private String groupKey(Metric m, Fact fact, Group g) {
        return switch (g.dimension()) {
            case "rep" -> fact.owner() + " AS k, ou.name AS l";
            case "team" -> "gt.team_id AS k, gt.name AS l";
            case "region" -> "coalesce(ot.region, '" + NONE_LABEL + "') AS k, coalesce(ot.region, '" + NONE_LABEL + "') AS l";
            case "month" -> bucket("strftime(" + m.time() + ", '%Y-%m')");
            case "week" -> bucket("strftime(" + m.time() + ", '%G-W%V')");
            case "year" -> bucket(fiscalYear(m.time()));
            case "quarter" -> bucket(fiscalYear(m.time()) + " || '-Q' || CAST((((month(" + m.time() + ") - "
                    + fiscalStart() + " + 12) % 12) // 3 + 1) AS VARCHAR)");
            default -> {
                String expr = "coalesce(CAST(" + fact.dimensions().get(g.dimension()).expr() + " AS VARCHAR), '" + NONE_LABEL + "')";
                yield expr + " AS k, " + expr + " AS l";
            }
        };
    }

    private static String bucket(String expr) {
        return expr + " AS k, " + expr + " AS l";
    }

    /** The fiscal year (named by its ending calendar year) of a date expression, as text. */
    private String fiscalYear(String dateExpr) {
        int start = fiscalStart();
        return start == 1 ? "CAST(year(" + dateExpr + ") AS VARCHAR)"
                : "CAST(year(" + dateExpr + ") + CASE WHEN month(" + dateExpr + ") >= " + start + " THEN 1 ELSE 0 END AS VARCHAR)";
    }

    private Computed fact(Metric m, Period p, Group g) {
        Fact fact = catalog.facts().get(m.fact());
        Sql sql = new Sql().append("SELECT ");
        if (g != null) {
            sql.append(groupKey(m, fact, g)).append(", ");
        }
        Map<String, Object> named = named(p);
        if (m.isRatio()) {
            sql.append("(").fragment(m.numerator(), named).append(") AS num, (").fragment(m.denominator(), named).append(") AS den");
        } else {
            sql.append("(").fragment(m.value(), named).append(") AS v");
        }
        fromWhere(sql, m, fact, p, g);
        if (g != null) {
            sql.append(" GROUP BY k, l");
        }
        int values = m.isRatio() ? 2 : 1;
        List<Object[]> rows = run(sql, (g != null ? 2 : 0) + values);
        if (g == null) {
            Object[] r = rows.isEmpty() ? new Object[values] : rows.get(0);
            return whole(m, r[0], values > 1 ? r[1] : null);
        }
        Map<String, Cell> groups = new LinkedHashMap<>();
        for (Object[] r : rows) {
            String key = String.valueOf(r[0]);
            String label = r[1] == null ? key : String.valueOf(r[1]);
            Computed one = whole(m, r[2], values > 1 ? r[3] : null);
            groups.put(key, new Cell(key, label, one.value(), one.num(), one.den()));
        }
        return new Computed(null, null, null, groups, Map.of());
    }

    /** A value (or a numerator and denominator) read from a result row. */
    private static Computed whole(Metric m, Object first, Object second) {
        if (m.isRatio()) {
            double num = number(first);
            double den = number(second);
            return new Computed(den == 0 ? null : num / den, num, den, Map.of(), Map.of());
        }
        return new Computed(number(first), null, null, Map.of(), Map.of());
    }

    private static double number(Object o) {
        return o == null ? 0.0 : ((Number) o).doubleValue();
    }

    private Computed funnel(Metric m, Period p, Group g) {
        Fact fact = catalog.facts().get(m.fact());
        String to = options.get("stage");
        String from = options.get("from_stage");
        if (from != null && to == null) {
            throw new QueryException("stage_conversion with from_stage also needs stage (the stage reached)");
        }
        if (to == null && g != null && !"stage".equals(g.dimension())) {
            throw new QueryException("name the stage to convert to (option stage) when breaking stage conversion down by "
                    + g.dimension());
        }
        boolean byStage = to == null;
        boolean bits = s.stageBits();
        Sql sql = new Sql().append("WITH cohort AS (SELECT f.opportunity_id, f.stage_category");
        if (bits) {
            sql.append(", f.reached_stages");
        }
        if (g != null && !byStage) {
            sql.append(", ").append(groupKey(m, fact, g));
        }
        fromWhere(sql, m, fact, p, byStage ? null : g);
        sql.append(")");
        if (!bits) {
            sql.append(", visited AS (SELECT DISTINCT h.opportunity_id, lower(h.stage) AS stage FROM opportunity_history h"
                    + " WHERE h.opportunity_id IN (SELECT opportunity_id FROM cohort)"
                    + " UNION SELECT f.opportunity_id, lower(f.stage) FROM opportunities f"
                    + " WHERE f.opportunity_id IN (SELECT opportunity_id FROM cohort))");
        }
        if (byStage) {
            sql.append(" SELECT st.stage AS k, st.stage AS l, count(*) FILTER (WHERE (st.category = 'open' AND c.stage_category = 'won')"
                    + (bits ? " OR (c.reached_stages & st.bit) <> 0"
                            : " OR EXISTS (SELECT 1 FROM visited v WHERE v.opportunity_id = c.opportunity_id AND v.stage = lower(st.stage))")
                    + ") AS num, count(*) AS den FROM cohort c CROSS JOIN stage_bits st GROUP BY st.stage, st.position ORDER BY st.position");
            List<Object[]> rows = run(sql, 4);
            Map<String, Cell> groups = new LinkedHashMap<>();
            for (Object[] r : rows) {
                double num = number(r[2]);
                double den = number(r[3]);
                groups.put(String.valueOf(r[0]), new Cell(String.valueOf(r[0]), String.valueOf(r[1]),
                        den == 0 ? null : num / den, num, den));
            }
            if (g == null) {
                return new Computed(null, null, null, groups, Map.of("funnel", true));
            }
            return new Computed(null, null, null, groups, Map.of());
        }
        sql.append(" SELECT ");
        if (g != null) {
            sql.append("k, l, ");
        }
        sql.append("count(*) FILTER (WHERE ");
        reached(sql, to);
        sql.append(") AS num, ");
        if (from != null) {
            sql.append("count(*) FILTER (WHERE ");
            reached(sql, from);
            sql.append(")");
        } else {
            sql.append("count(*)");
        }
        sql.append(" AS den FROM cohort c");
        if (g != null) {
            sql.append(" GROUP BY k, l");
        }
        List<Object[]> rows = run(sql, g != null ? 4 : 2);
        if (g == null) {
            Object[] r = rows.isEmpty() ? new Object[2] : rows.get(0);
            double num = number(r[0]);
            double den = number(r[1]);
            return new Computed(den == 0 ? null : num / den, num, den, Map.of(), Map.of("stage", to,
                    "from_stage", from == null ? "(created)" : from));
        }
        Map<String, Cell> groups = new LinkedHashMap<>();
        for (Object[] r : rows) {
            double num = number(r[2]);
            double den = number(r[3]);
            groups.put(String.valueOf(r[0]), new Cell(String.valueOf(r[0]), String.valueOf(r[1]),
                    den == 0 ? null : num / den, num, den));
        }
        return new Computed(null, null, null, groups, Map.of());
    }

    /** "c reached stage X": it was ever at X (history or now); a won deal reached every open stage. */
    private void reached(Sql sql, String stageName) {
        Snapshot.Stage st = s.stage(stageName).orElseThrow();
        if ("open".equals(st.category())) {
            sql.append("c.stage_category = 'won' OR ");
        }
        if (st.bit() != null && s.stageBits()) {
            sql.append("(c.reached_stages & ?) <> 0", st.bit());
        } else {
            sql.append("EXISTS (SELECT 1 FROM visited v WHERE v.opportunity_id = c.opportunity_id AND v.stage = ?)",
                    st.name().toLowerCase(Locale.ROOT));
        }
    }

    private Computed quota(Period p, Group g) {
        Sql sql = new Sql().append("SELECT owner_id, team_id, amount_converted FROM quotas"
                        + " WHERE coalesce(metric, 'bookings') = 'bookings' AND amount_converted IS NOT NULL"
                        + " AND period_start >= CAST(? AS DATE) AND period_end <= CAST(? AS DATE)",
                p.from().toString(), p.to().toString());
        List<Object[]> rows = run(sql, 3);
        Map<String, Double> byUser = new HashMap<>();
        Map<String, Double> byTeam = new HashMap<>();
        for (Object[] r : rows) {
            double amount = number(r[2]);
            if (r[0] != null) {
                byUser.merge((String) r[0], amount, Double::sum);
            } else if (r[1] != null) {
                byTeam.merge((String) r[1], amount, Double::sum);
            }
        }
        if (g == null) {
            double total;
            if (scope.everyone()) {
                total = s.rootTeams.isEmpty() ? byUser.values().stream().mapToDouble(Double::doubleValue).sum()
                        : s.rootTeams.stream().mapToDouble(t -> teamQuota(t, byUser, byTeam)).sum();
            } else if (!scope.teamIds().isEmpty()) {
                total = scope.teamIds().stream().mapToDouble(t -> teamQuota(t, byUser, byTeam)).sum();
            } else if (scope.region() != null) {
                total = s.topTeamsOfRegion(scope.region()).stream().mapToDouble(t -> teamQuota(t, byUser, byTeam)).sum();
            } else {
                total = scope.users().stream().mapToDouble(u -> byUser.getOrDefault(u, 0.0)).sum();
            }
            return new Computed(total, null, null, Map.of(), Map.of());
        }
        Map<String, Cell> groups = new LinkedHashMap<>();
        switch (g.dimension()) {
            case "rep" -> {
                for (UserInfo u : s.users.values()) {
                    boolean inScope = scope.everyone() || scope.users().contains(u.userId());
                    if (inScope && "rep".equals(u.role()) && byUser.containsKey(u.userId())) {
                        groups.put(u.userId(), new Cell(u.userId(), u.name(), byUser.get(u.userId()), null, null));
                    }
                }
            }
            case "team" -> {
                for (String t : g.teams()) {
                    groups.put(t, new Cell(t, s.teams.get(t).name(), teamQuota(t, byUser, byTeam), null, null));
                }
            }
            case "region" -> {
                Set<String> regions = new java.util.TreeSet<>();
                for (UserInfo u : s.users.values()) {
                    if ((scope.everyone() || scope.users().contains(u.userId())) && u.region() != null) {
                        regions.add(u.region());
                    }
                }
                for (String r : regions) {
                    double q = s.topTeamsOfRegion(r).stream().mapToDouble(t -> teamQuota(t, byUser, byTeam)).sum();
                    groups.put(r, new Cell(r, r, q, null, null));
                }
            }
            default -> throw new QueryException("quota cannot be broken down by " + g.dimension());
        }
        return new Computed(null, null, null, groups, Map.of());
    }

    /** A team's quota: its own rows for the period if any, else its members' (all teams below it too). */
    private double teamQuota(String teamId, Map<String, Double> byUser, Map<String, Double> byTeam) {
        if (byTeam.containsKey(teamId)) {
            return byTeam.get(teamId);
        }
        return s.usersInTeam(teamId).stream().mapToDouble(u -> byUser.getOrDefault(u, 0.0)).sum();
    }

    private Computed formula(Metric m, Period p, Group g) {
        Map<String, Computed> parts = new LinkedHashMap<>();
        Map<String, Metric> metrics = new HashMap<>();
        for (Map.Entry<String, MetricCatalog.Component> e : m.components().entrySet()) {
            Metric cm = catalog.metric(e.getValue().metric()).orElseThrow();
            String cp = e.getValue().period();
            Period period = cp == null ? p : "none".equals(cp) ? null : periods.parse(cp);
            parts.put(e.getKey(), compute(cm, period, g));
            metrics.put(e.getKey(), cm);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        if (g == null) {
            Map<String, Double> values = new HashMap<>();
            parts.forEach((k, c) -> {
                values.put(k, c.value());
                details.put(metrics.get(k).name(), c.value());
            });
            return new Computed(Formula.evaluate(m.expression(), values), null, null, Map.of(), details);
        }
        Set<String> keys = new LinkedHashSet<>();
        Map<String, String> labels = new HashMap<>();
        for (Computed c : parts.values()) {
            for (Cell cell : c.groups().values()) {
                keys.add(cell.key());
                labels.putIfAbsent(cell.key(), cell.label());
            }
        }
        Map<String, Cell> groups = new LinkedHashMap<>();
        for (String key : keys) {
            Map<String, Double> values = new HashMap<>();
            parts.forEach((k, c) -> {
                Cell cell = c.groups().get(key);
                boolean additive = Set.of("money", "count").contains(metrics.get(k).unit())
                        && !metrics.get(k).isRatio();
                values.put(k, cell != null ? cell.value() : additive ? Double.valueOf(0.0) : null);
            });
            groups.put(key, new Cell(key, labels.get(key), Formula.evaluate(m.expression(), values), null, null));
        }
        return new Computed(null, null, null, groups, details);
    }

    private Computed forecast(Period p, Group g) {
        if (!s.tables.contains("forecast_bookings") || count("SELECT count(*) FROM forecast_bookings") == 0) {
            throw new QueryException("no forecast has been published yet: run 'salescope forecast' (or 'salescope run')");
        }
        if (p == null || (p.granularity() != Granularity.MONTH && p.granularity() != Granularity.QUARTER) || p.toDate()) {
            throw new QueryException("forecasts are made per month and per quarter; ask for a month or a quarter"
                    + " (e.g. this_quarter, next_month, 2026-Q3)");
        }
        String scopeType;
        List<String> ids;
        if (g != null) {
            if ("team".equals(g.dimension())) {
                scopeType = "team";
                ids = g.teams();
            } else if ("rep".equals(g.dimension())) {
                scopeType = "rep";
                ids = s.users.values().stream().filter(u -> "rep".equals(u.role()))
                        .filter(u -> scope.everyone() || scope.users().contains(u.userId())).map(UserInfo::userId).toList();
            } else {
                throw new QueryException("the forecast can be broken down by team or rep");
            }
        } else if (scope.everyone()) {
            scopeType = "company";
            ids = null;
        } else if (scope.teamIds().size() == 1) {
            scopeType = "team";
            ids = scope.teamIds();
        } else if (scope.users().size() == 1 && scope.region() == null) {
            scopeType = "rep";
            ids = List.copyOf(scope.users());
        } else {
            throw new QueryException("the forecast is available for the whole company, one team or one rep");
        }
        Sql sql = new Sql().append("SELECT coalesce(scope_id, ''), forecast, low, high, closed_so_far, expected_open,"
                        + " expected_new, CAST(as_of_date AS VARCHAR), model_version FROM forecast_bookings"
                        + " WHERE period_start = CAST(? AS DATE) AND period_end = CAST(? AS DATE) AND scope_type = ?",
                p.from().toString(), p.to().toString(), scopeType);
        if (ids != null) {
            sql.append(" AND scope_id IN ").list(ids);
        }
        List<Object[]> rows = run(sql, 9);
        if (rows.isEmpty()) {
            throw new QueryException("the published forecast does not cover " + PeriodNames.name(p, "en", fiscalStart())
                    + " for this scope; it covers the current and next months and quarters as of its run");
        }
        if (g == null) {
            Object[] r = rows.get(0);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("low", number(r[2]));
            details.put("high", number(r[3]));
            details.put("closed_so_far", number(r[4]));
            details.put("expected_open", number(r[5]));
            details.put("expected_new", number(r[6]));
            details.put("as_of_date", r[7]);
            details.put("model_version", r[8]);
            return new Computed(number(r[1]), null, null, Map.of(), details);
        }
        Map<String, Cell> groups = new LinkedHashMap<>();
        for (Object[] r : rows) {
            String id = (String) r[0];
            String label = "team".equals(scopeType) ? s.teams.get(id).name()
                    : s.users.containsKey(id) ? s.users.get(id).name() : id;
            groups.put(id, new Cell(id, label, number(r[1]), null, null));
        }
        return new Computed(null, null, null, groups, Map.of());
    }

    // ---------------------------------------------------------------- rows and SQL

    private List<QueryResult.Row> rows(Metric m, Period p, Computed c, MetricQuery q) {
        List<Cell> cells = new ArrayList<>(c.groups().values());
        Comparator<Cell> byLabel = Comparator.comparing(cell -> cell.label() == null ? "" : cell.label(),
                String.CASE_INSENSITIVE_ORDER);
        boolean funnelOrder = Boolean.TRUE.equals(c.details().get("funnel"));
        switch (q.order()) {
            case DESC -> cells.sort(Comparator.comparing((Cell cell) -> cell.value() == null)
                    .thenComparing(cell -> cell.value() == null ? 0 : -cell.value()).thenComparing(byLabel));
            case ASC -> cells.sort(Comparator.comparing((Cell cell) -> cell.value() == null)
                    .thenComparing(cell -> cell.value() == null ? 0 : cell.value()).thenComparing(byLabel));
            case LABEL -> {
                if (!funnelOrder) {
                    cells.sort(byLabel);
                }
            }
        }
        if (q.limit() != null) {
            if (q.order() != MetricQuery.Order.LABEL) {
                cells.removeIf(cell -> cell.value() == null);
            }
            cells = cells.subList(0, Math.min(q.limit(), cells.size()));
        }
        List<QueryResult.Row> out = new ArrayList<>();
        for (Cell cell : cells) {
            out.add(new QueryResult.Row(cell.key(), cell.label(), cell.value(),
                    cell.value() == null ? reason(m, p, "en") : null));
        }
        return out;
    }

    private long count(String sql) {
        List<Object[]> rows = run(new Sql().append(sql), 1);
        return rows.isEmpty() ? 0 : (long) number(rows.get(0)[0]);
    }

    private List<Object[]> run(Sql sql, int columns) {
        sqlRun.add(sql.text());
        paramsRun.add(sql.params());
        List<Object[]> out = new ArrayList<>();
        Snapshot.Session session = null;
        try {
            session = s.session();
            PreparedStatement ps = session.prepare(sql.text());
            List<Object> params = sql.params();
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    out.add(row);
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (session != null) {
                session.discard();
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("query failed: " + e.getMessage() + "\nSQL: " + sql.text(), e);
        }
        session.release();
        return out;
    }
}
