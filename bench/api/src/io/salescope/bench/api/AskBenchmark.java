package io.salescope.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salescope.bench.common.Args;
import io.salescope.bench.common.Askers;
import io.salescope.bench.common.BenchStats;
import io.salescope.bench.common.Machine;
import io.salescope.bot.auth.TokenStore;
import io.salescope.bot.ops.OpsStore;
import io.salescope.bot.service.Interpretation;
import io.salescope.bot.service.Interpreters;
import io.salescope.bot.service.QuestionInterpreter;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.store.LocalStorage;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.engine.DuckDbMetricEngine;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.QueryResult;
import io.salescope.warehouse.query.TeamInfo;
import io.salescope.warehouse.query.UserInfo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The question-answering benchmark (not a test): starts the real service
 * ({@code salescope serve}) on a data directory, logs in an executive, a manager and a rep with
 * tokens issued in its operational store, and times {@code POST /api/ask} over HTTP for a fixed
 * mix of English and Chinese questions. Beside it, in this process: the same questions parsed
 * by the bot's interpreter into structured queries (checked to produce the SQL the service
 * reported) and those queries timed on an engine of their own over the same data.
 *
 * <pre>
 * AskBenchmark --data DIR --launcher PATH [--label NAME] [--rounds N] [--warmup N] [--today DATE] [--out FILE]
 * </pre>
 */
public final class AskBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVING = Pattern.compile("serving warehouse version (\\d+) at (http://\\S+)");
    private static final Pattern ACCESS = Pattern.compile("POST /api/ask (\\d{3}) ([0-9.]+)ms");
    /** Server-side times of the requests (the service's access log), while measuring. */
    private static final BenchStats SERVER = new BenchStats();
    private static volatile boolean measuring;

    record Asker(String role, UserInfo user, String token) {
    }

    record Case(String question, Asker asker) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.options(args);
        Path data = Path.of(Args.required(opts, "data")).toAbsolutePath().normalize();
        Path launcher = Path.of(Args.required(opts, "launcher")).toAbsolutePath();
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "20"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "3"));
        LocalDate today = LocalDate.parse(opts.getOrDefault("today", "2026-06-30"));
        String label = opts.getOrDefault("label", data.getFileName().toString());
        StringBuilder report = new StringBuilder();

        SalescopeConfig config = new SalescopeConfig(data.toString(), "USD", ZoneId.of("UTC"), 1,
                Optional.of(today), 10);
        LocalStorage storage = LocalStorage.forDataDir(data.toString());
        DuckDbMetricEngine engine = new DuckDbMetricEngine(config, storage, MetricCatalog.forDataDir(storage.root()));
        engine.refresh();
        QuestionInterpreter interpreter = Interpreters.standard(engine, config.reportingCurrency());

        line(report, "# Question answering benchmark: " + label);
        line(report, Machine.describe());
        line(report, "load average at start: " + Machine.loadAverage());
        line(report, "data: " + data + ", warehouse version " + engine.version() + ", reference date " + today);

        // Tokens, issued in the service's operational store before the service opens it.
        List<Asker> askers = new ArrayList<>();
        OpsStore ops = OpsStore.open(data);
        TokenStore tokens = new TokenStore(ops, Clock.systemUTC());
        for (Map.Entry<String, UserInfo> a : Askers.of(engine).entrySet()) {
            UserInfo u = a.getValue();
            askers.add(new Asker(a.getKey(), u, tokens.issue(u.userId(), u.email(), Duration.ofHours(6), "ask benchmark").token()));
            line(report, "asker " + a.getKey() + ": " + u.name() + " <" + u.email() + ">, team " + u.teamName());
        }
        List<String> questions = questions(engine);
        List<Case> cases = new ArrayList<>();
        for (String q : questions) {
            for (Asker a : askers) {
                cases.add(new Case(q, a));
            }
        }

        // The structured query behind each question, as the service's interpreter reads it.
        Map<Case, MetricQuery> queries = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Case c : cases) {
            Interpretation i = interpreter.interpret(c.question(), c.asker().user());
            if (i instanceof Interpretation.Understood u) {
                try {
                    engine.execute(u.query());
                    queries.put(c, u.query());
                } catch (RuntimeException e) {
                    problems.add(c.question() + " as " + c.asker().role() + ": " + e.getMessage());
                }
            } else {
                problems.add(c.question() + " as " + c.asker().role() + ": not understood: " + i);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the question mix must be answerable by every asker; these are not:\n  "
                    + String.join("\n  ", problems));
        }

        Process service = startService(launcher, data, today);
        try {
            String base = awaitServing(service);
            line(report, "service: " + launcher + " serve (reminders off), " + base);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            URI ask = URI.create(base + "api/ask");

            // Check: every answer is a 200 whose SQL is the SQL the in-process engine runs.
            for (Case c : cases) {
                JsonNode r = post(http, ask, c);
                QueryResult local = engine.execute(queries.get(c));
                List<String> sql = new ArrayList<>();
                r.path("sql").forEach(s -> sql.add(s.asText()));
                if (!sql.equals(local.sql())) {
                    throw new IllegalStateException("'" + c.question() + "' as " + c.asker().role()
                            + ": the service ran other SQL than the engine here: " + sql + " vs " + local.sql());
                }
            }
            long zh = questions.stream().filter(q -> q.codePoints().anyMatch(cp ->
                    Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)).count();
            line(report, String.format(Locale.ROOT, "%d questions (%d English, %d Chinese) x %d askers = %d requests per round;"
                    + " every answer checked: HTTP 200, understood, and the same SQL as the structured query here",
                    questions.size(), questions.size() - zh, zh, askers.size(), cases.size()));

            Random random = new Random(42);
            BenchStats httpAll = new BenchStats();
            BenchStats engineAll = new BenchStats();
            BenchStats parseAll = new BenchStats();
            Map<String, BenchStats> httpByLang = new LinkedHashMap<>();
            List<Case> order = new ArrayList<>(cases);
            for (int round = 0; round < warmup + rounds; round++) {
                Collections.shuffle(order, random);
                boolean measured = round >= warmup;
                measuring = measured;
                for (Case c : order) {
                    long s = System.nanoTime();
                    post(http, ask, c);
                    long httpNanos = System.nanoTime() - s;
                    s = System.nanoTime();
                    engine.execute(queries.get(c));
                    long engineNanos = System.nanoTime() - s;
                    s = System.nanoTime();
                    interpreter.interpret(c.question(), c.asker().user());
                    long parseNanos = System.nanoTime() - s;
                    if (measured) {
                        httpAll.add(httpNanos);
                        engineAll.add(engineNanos);
                        parseAll.add(parseNanos);
                        String lang = c.question().chars().anyMatch(ch -> ch > 0x2E80) ? "Chinese" : "English";
                        httpByLang.computeIfAbsent(lang, k -> new BenchStats()).add(httpNanos);
                    }
                }
            }
            Thread.sleep(500); // the last access-log lines
            measuring = false;
            line(report, "");
            line(report, String.format(Locale.ROOT, "%d rounds after %d warm-up rounds: %d timed requests",
                    rounds, warmup, httpAll.count()));
            line(report, "| | p50 ms | p90 ms | p99 ms | max ms | mean ms |");
            line(report, "|---|---:|---:|---:|---:|---:|");
            line(report, "| `POST /api/ask` over HTTP (client-side, whole request) | " + httpAll.row() + " |");
            synchronized (SERVER) {
                line(report, "| ... of which in the service (its access log, " + SERVER.count() + " requests) | "
                        + SERVER.row() + " |");
            }
            for (Map.Entry<String, BenchStats> e : httpByLang.entrySet()) {
                line(report, "| ... " + e.getKey() + " questions | " + e.getValue().row() + " |");
            }
            line(report, "| engine only, same structured queries (in process) | " + engineAll.row() + " |");
            line(report, "| parsing only (question to structured query, in process) | " + parseAll.row() + " |");
            line(report, String.format(Locale.ROOT, "| ratio /api/ask / engine only | %.2f | %.2f | %.2f | | %.2f |",
                    httpAll.p(50) / engineAll.p(50), httpAll.p(90) / engineAll.p(90), httpAll.p(99) / engineAll.p(99),
                    httpAll.mean() / engineAll.mean()));
            line(report, "");
            line(report, "load average at end: " + Machine.loadAverage());
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
            for (Asker a : askers) {
                tokens.revoke(a.token());
            }
            engine.close();
        }
        System.out.print(report);
        if (opts.containsKey("out")) {
            Path out = Path.of(opts.get("out"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
        }
    }

    private static JsonNode post(HttpClient http, URI uri, Case c) throws Exception {
        String body = JSON.writeValueAsString(Map.of("question", c.question()));
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + c.asker().token())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (res.statusCode() != 200) {
            throw new IllegalStateException("POST /api/ask '" + c.question() + "' as " + c.asker().role() + ": HTTP "
                    + res.statusCode() + " " + res.body());
        }
        JsonNode node = JSON.readTree(res.body());
        if (!node.path("understood").asBoolean()) {
            throw new IllegalStateException("'" + c.question() + "' as " + c.asker().role() + " not understood: " + res.body());
        }
        return node;
    }

    private static Process startService(Path launcher, Path data, LocalDate today) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--data", data.toString(), "--today", today.toString(),
                "serve", "--port", "0");
        pb.environment().put("SALESCOPE_REMINDERS", "off");
        pb.redirectErrorStream(true);
        return pb.start();
    }

    /** The service's base URL from its first lines, echoing them; fails if it exits first. */
    private static String awaitServing(Process service) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8));
        String base = null;
        StringBuilder seen = new StringBuilder();
        String l;
        while (base == null && (l = out.readLine()) != null) {
            System.err.println("[service] " + l);
            seen.append(l).append('\n');
            Matcher m = SERVING.matcher(l);
            if (m.find()) {
                base = m.group(2);
            }
        }
        if (base == null) {
            throw new IllegalStateException("the service stopped before serving:\n" + seen);
        }
        Thread drain = new Thread(() -> {
            try {
                String x;
                while ((x = out.readLine()) != null) {
                    Matcher m = ACCESS.matcher(x);
                    if (m.find()) {
                        if (measuring) {
                            synchronized (SERVER) {
                                SERVER.add((long) (Double.parseDouble(m.group(2)) * 1e6));
                            }
                        }
                    } else {
                        System.err.println("[service] " + x);
                    }
                }
            } catch (java.io.IOException ignored) {
                // The service stopped.
            }
        }, "service-output");
        drain.setDaemon(true);
        drain.start();
        return base.endsWith("/") ? base : base + "/";
    }

    /** The fixed mix: English and Chinese, metrics, periods, breakdowns, rankings, comparisons, "my". */
    static List<String> questions(DuckDbMetricEngine engine) {
        Map<String, List<String>> values = engine.dimensionValues();
        String product = values.get("product").get(0);
        String source = values.get("source").get(0);
        return List.of(
                "Total closed-won revenue this quarter?",
                "Split last quarter's bookings by team.",
                "Name the top 5 reps by bookings this year.",
                "What was my win rate in the previous quarter?",
                "Win rate last quarter vs the quarter before",
                "Open pipeline by stage",
                "How many new opportunities were created last month?",
                "Quota attainment last quarter by team",
                "What's my pipeline coverage for this quarter?",
                "Lead conversion rate last quarter by source",
                product + " bookings last quarter",
                "Total weighted pipeline right now",
                "本季度的成交金额是多少？",
                "上个季度各团队的赢单率",
                "今年成交金额前五的销售",
                "我上个月新增的管道金额",
                "上季度赢单率环比",
                "2026年第一季度赢单的平均销售周期是几天？",
                "上个月各类活动分别有多少条？",
                "今年来自 " + source + " 的线索转化率是多少？");
    }

    static void line(StringBuilder b, String s) {
        b.append(s).append('\n');
    }
}
