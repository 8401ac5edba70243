package io.salescope.bench.warehouse;

import io.salescope.bench.common.Args;
import io.salescope.bench.common.Askers;
import io.salescope.bench.common.BenchStats;
import io.salescope.bench.common.DirectDuckDb;
import io.salescope.bench.common.Machine;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.store.LocalStorage;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.engine.DuckDbMetricEngine;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.QueryResult;
import io.salescope.warehouse.query.TeamInfo;
import io.salescope.warehouse.query.UserInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * The warehouse benchmark (not a test): a fixed mix of catalog queries asked by an executive,
 * a manager and a rep through {@link DuckDbMetricEngine}, each followed (or preceded) by the
 * SQL the engine reported it ran, with the same parameters, run directly over a separate
 * in-memory DuckDB loaded from the same Parquet files. Reports p50/p99 of both and their ratio,
 * with the machine and load, and the build report of the measured warehouse version.
 *
 * <pre>
 * QueryBenchmark --data DIR [--label NAME] [--rounds N] [--warmup N] [--today DATE] [--out FILE]
 * </pre>
 */
public final class QueryBenchmark {

    /** One query of the mix: a name and how to build it for an asker. */
    record Shape(String name, Function<String, MetricQuery> build) {
    }

    record Case(String shape, String role, MetricQuery query) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.options(args);
        Path data = Path.of(Args.required(opts, "data")).toAbsolutePath().normalize();
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "20"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "3"));
        LocalDate today = LocalDate.parse(opts.getOrDefault("today", "2026-06-30"));
        String label = opts.getOrDefault("label", data.getFileName().toString());
        StringBuilder report = new StringBuilder();

        SalescopeConfig config = new SalescopeConfig(data.toString(), "USD", ZoneId.of("UTC"), 1,
                Optional.of(today), 10);
        LocalStorage storage = LocalStorage.forDataDir(data.toString());
        VersionStore versions = new VersionStore(storage);
        long version = versions.currentVersion().orElseThrow(() -> new IllegalStateException(
                "no published warehouse version in " + data + ": ingest and build it first"));
        VersionManifest manifest = versions.manifest(version);

        line(report, "# Warehouse query benchmark: " + label);
        line(report, Machine.describe());
        line(report, "load average at start: " + Machine.loadAverage());
        line(report, "data: " + data + ", version " + version + " (" + manifest.kind() + ", run " + manifest.runId()
                + "), reference date " + today);
        line(report, "rows: " + rowCounts(manifest));
        line(report, buildReport(data, manifest));

        long t0 = System.nanoTime();
        DuckDbMetricEngine engine = new DuckDbMetricEngine(config, storage, MetricCatalog.forDataDir(storage.root()));
        engine.refresh();
        long engineLoad = System.nanoTime() - t0;
        t0 = System.nanoTime();
        DirectDuckDb direct = DirectDuckDb.load(storage, manifest);
        long directLoad = System.nanoTime() - t0;
        // A database of its own for the prepared-once runs: sharing one would let them run right
        // after the prepared-each-time run of the same SQL on the same, freshly cached data.
        DirectDuckDb prepared = DirectDuckDb.load(storage, manifest);
        line(report, String.format(Locale.ROOT, "loading the version into memory: engine %.1f s, a direct baseline database %.1f s (two are loaded)",
                engineLoad / 1e9, directLoad / 1e9));

        Map<String, UserInfo> askers = Askers.of(engine);
        askers.forEach((role, u) -> line(report, "asker " + role + ": " + u.name() + " <" + u.email() + ">, team "
                + u.teamName() + " (" + u.teamId() + ")"));
        List<Case> cases = new ArrayList<>();
        for (Shape shape : shapes(engine)) {
            for (Map.Entry<String, UserInfo> a : askers.entrySet()) {
                cases.add(new Case(shape.name(), a.getKey(), shape.build().apply(a.getValue().email())));
            }
        }

        // Check the mix once: every query must answer, and the direct SQL must give the same rows.
        Map<Case, QueryResult> first = new LinkedHashMap<>();
        for (Case c : cases) {
            QueryResult r;
            try {
                r = engine.execute(c.query());
            } catch (RuntimeException e) {
                throw new IllegalStateException("query " + c.shape() + " as " + c.role() + " failed: " + e.getMessage(), e);
            }
            first.put(c, r);
            direct.checkSame(r, c.shape() + " as " + c.role());
        }
        line(report, cases.size() + " queries in the mix (" + cases.size() / askers.size() + " shapes x "
                + askers.size() + " askers); " + first.values().stream().mapToInt(r -> r.sql().size()).sum()
                + " SQL statements per round; direct results checked equal to the engine's");

        Random random = new Random(42);
        String[] ways = {"engine", "direct", "prepared"};
        Map<String, BenchStats> all = new LinkedHashMap<>();
        Map<String, Map<String, BenchStats>> byShape = new LinkedHashMap<>();
        for (String w : ways) {
            all.put(w, new BenchStats());
            byShape.put(w, new LinkedHashMap<>());
        }
        Map<String, Integer> statements = new LinkedHashMap<>();
        first.forEach((c, r) -> statements.put(c.shape(), r.sql().size()));
        List<Case> order = new ArrayList<>(cases);
        for (int round = 0; round < warmup + rounds; round++) {
            Collections.shuffle(order, random);
            boolean measured = round >= warmup;
            for (int i = 0; i < order.size(); i++) {
                Case c = order.get(i);
                QueryResult r = first.get(c);
                // Rotate which of the three goes first, so none always runs on another's warm cache.
                for (int k = 0; k < ways.length; k++) {
                    String way = ways[(i + round + k) % ways.length];
                    long nanos;
                    if (way.equals("engine")) {
                        long s = System.nanoTime();
                        engine.execute(c.query());
                        nanos = System.nanoTime() - s;
                    } else {
                        nanos = way.equals("prepared") ? prepared.time(r, true) : direct.time(r, false);
                    }
                    if (measured) {
                        all.get(way).add(nanos);
                        byShape.get(way).computeIfAbsent(c.shape(), x -> new BenchStats()).add(nanos);
                    }
                }
            }
        }
        BenchStats e = all.get("engine");
        BenchStats d = all.get("direct");
        BenchStats p = all.get("prepared");
        line(report, "");
        line(report, String.format(Locale.ROOT, "%d rounds after %d warm-up rounds: %d timed queries each way",
                rounds, warmup, e.count()));
        line(report, "| | p50 ms | p90 ms | p99 ms | max ms | mean ms |");
        line(report, "|---|---:|---:|---:|---:|---:|");
        line(report, "| engine (`DuckDbMetricEngine.execute`) | " + e.row() + " |");
        line(report, "| same SQL directly in DuckDB, prepared each time | " + d.row() + " |");
        line(report, "| same SQL directly in DuckDB, prepared once and reused | " + p.row() + " |");
        line(report, ratioRow("ratio engine / direct (prepared each time)", e, d));
        line(report, ratioRow("ratio engine / direct (prepared once)", e, p));
        line(report, "");
        line(report, "per query shape (3 askers each):");
        line(report, "| shape | statements | engine p50 ms | direct p50 ms | prepared-once p50 ms | engine/direct | engine/prepared | engine p99 ms |");
        line(report, "|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String shape : byShape.get("engine").keySet()) {
            BenchStats es = byShape.get("engine").get(shape);
            BenchStats ds = byShape.get("direct").get(shape);
            BenchStats ps = byShape.get("prepared").get(shape);
            line(report, String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |", shape,
                    statements.getOrDefault(shape, 0), es.p(50), ds.p(50), ps.p(50), es.p(50) / ds.p(50),
                    es.p(50) / ps.p(50), es.p(99)));
        }
        line(report, "");
        line(report, "load average at end: " + Machine.loadAverage());
        engine.close();
        direct.close();
        prepared.close();
        System.out.print(report);
        if (opts.containsKey("out")) {
            Path out = Path.of(opts.get("out"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
        }
    }

    /** The fixed mix: metrics of every kind, periods, breakdowns, rankings, comparisons, filters. */
    static List<Shape> shapes(DuckDbMetricEngine engine) {
        Map<String, List<String>> values = engine.dimensionValues();
        String industry = firstValue(values, "industry");
        String stage = values.get("stage").size() > 2 ? values.get("stage").get(2) : firstValue(values, "stage");
        String fromStage = firstValue(values, "stage");
        List<Shape> s = new ArrayList<>();
        s.add(new Shape("bookings this_quarter", a -> q("bookings", a).period("this_quarter").build()));
        s.add(new Shape("bookings last_quarter by team", a -> q("bookings", a).period("last_quarter").groupBy("team").build()));
        s.add(new Shape("bookings ytd top 5 reps", a -> q("bookings", a).period("ytd").groupBy("rep").top(5).build()));
        s.add(new Shape("bookings 2026-Q2 industry filter by product_family", a -> q("bookings", a).period("2026-Q2")
                .filter("industry", industry).groupBy("product_family").build()));
        s.add(new Shape("win_rate last_quarter by region", a -> q("win_rate", a).period("last_quarter").groupBy("region").build()));
        s.add(new Shape("win_rate last_quarter vs previous", a -> q("win_rate", a).period("last_quarter")
                .compareTo(MetricQuery.Comparison.PREVIOUS_PERIOD).build()));
        s.add(new Shape("win_rate_by_value last_12_months by segment", a -> q("win_rate_by_value", a)
                .period("last_12_months").groupBy("segment").build()));
        s.add(new Shape("avg_deal_size 2025 vs year ago", a -> q("avg_deal_size", a).period("2025")
                .compareTo(MetricQuery.Comparison.YEAR_AGO).build()));
        s.add(new Shape("sales_cycle last_quarter by product", a -> q("sales_cycle", a).period("last_quarter").groupBy("product").build()));
        s.add(new Shape("lost_deals last_quarter top 3 lost_reason", a -> q("lost_deals", a).period("last_quarter")
                .groupBy("lost_reason").top(3).build()));
        s.add(new Shape("new_pipeline this_year by month", a -> q("new_pipeline", a).period("this_year").groupBy("month").build()));
        s.add(new Shape("open_pipeline by stage", a -> q("open_pipeline", a).groupBy("stage").build()));
        s.add(new Shape("weighted_pipeline this_quarter by forecast_category", a -> q("weighted_pipeline", a)
                .period("this_quarter").groupBy("forecast_category").build()));
        s.add(new Shape("quota this_year by rep", a -> q("quota", a).period("this_year").groupBy("rep").build()));
        s.add(new Shape("quota_attainment last_quarter by team", a -> q("quota_attainment", a).period("last_quarter")
                .groupBy("team").build()));
        s.add(new Shape("pipeline_coverage this_quarter", a -> q("pipeline_coverage", a).period("this_quarter").build()));
        s.add(new Shape("stage_conversion last_quarter (funnel)", a -> q("stage_conversion", a).period("last_quarter").build()));
        s.add(new Shape("stage_conversion " + fromStage + " to " + stage + " ytd by source", a -> q("stage_conversion", a)
                .period("ytd").option("from_stage", fromStage).option("stage", stage).groupBy("source").build()));
        s.add(new Shape("lead_conversion_rate last_quarter by source", a -> q("lead_conversion_rate", a)
                .period("last_quarter").groupBy("source").build()));
        s.add(new Shape("activities last_month by activity_type", a -> q("activities", a).period("last_month")
                .groupBy("activity_type").build()));
        s.add(new Shape("overdue_tasks bottom 3 reps", a -> q("overdue_tasks", a).groupBy("rep").bottom(3).build()));
        s.add(new Shape("sales_velocity", a -> q("sales_velocity", a).build()));
        return s;
    }

    private static String ratioRow(String name, BenchStats a, BenchStats b) {
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f |", name, a.p(50) / b.p(50),
                a.p(90) / b.p(90), a.p(99) / b.p(99), a.p(100) / b.p(100), a.mean() / b.mean());
    }

    private static MetricQuery.Builder q(String metric, String asker) {
        return MetricQuery.builder(metric, asker);
    }

    private static String firstValue(Map<String, List<String>> values, String dim) {
        List<String> v = values.getOrDefault(dim, List.of());
        if (v.isEmpty()) {
            throw new IllegalStateException("the warehouse has no " + dim + " values for the query mix");
        }
        return v.get(0);
    }

    private static String rowCounts(VersionManifest m) {
        StringBuilder b = new StringBuilder();
        for (String t : List.of("opportunities", "opportunity_history", "activities", "tasks", "leads", "accounts", "users")) {
            m.table(t).ifPresent(e -> b.append(b.isEmpty() ? "" : ", ").append(t).append(' ')
                    .append(String.format(Locale.ROOT, "%,d", e.rows())));
        }
        return b.toString();
    }

    /**
     * The latest successful build at or below the measured version (its report under runs/),
     * with per-mart times.
     */
    static String buildReport(Path data, VersionManifest m) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode best = null;
        Path runs = data.resolve("runs");
        if (Files.isDirectory(runs)) {
            try (java.util.stream.Stream<Path> list = Files.list(runs)) {
                for (Path run : list.sorted().toList()) {
                    Path report = run.resolve("report.json");
                    if (!Files.isRegularFile(report)) {
                        continue;
                    }
                    com.fasterxml.jackson.databind.JsonNode r = json.readTree(report.toFile());
                    if ("build".equals(r.path("kind").asText()) && "succeeded".equals(r.path("status").asText())
                            && r.path("version").asLong() <= m.version()
                            && (best == null || r.path("version").asLong() > best.path("version").asLong())) {
                        best = r;
                    }
                }
            }
        }
        if (best == null) {
            return "build: no successful build report under " + runs;
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "build %s (version %d, %s .. %s): %.1f s in the job; marts:", best.path("run_id").asText(),
                best.path("version").asLong(), best.path("started_at").asText(), best.path("finished_at").asText(),
                best.path("elapsed_millis").asLong() / 1000.0));
        for (com.fasterxml.jackson.databind.JsonNode mart : best.path("marts")) {
            b.append(String.format(Locale.ROOT, " %s %,d rows %.1f s;", mart.path("name").asText(),
                    mart.path("rows").asLong(), mart.path("elapsed_millis").asLong() / 1000.0));
        }
        return b.toString();
    }

    static void line(StringBuilder b, String s) {
        b.append(s).append('\n');
    }
}
