package io.salescope.bench.reminders;

import io.salescope.bot.ops.OpsStore;
import io.salescope.bot.reminders.ReminderScheduler;
import io.salescope.bot.reminders.ReminderSettings;
import io.salescope.bot.reminders.Reminders;
import io.salescope.bot.slack.SlackSettings;
import io.salescope.bot.testing.DevFixtureWarehouse;
import io.salescope.bot.testing.FakeSlackApi;
import io.salescope.bot.testing.MutableClock;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.LocalStorage;
import io.salescope.ingest.generate.CrmGenerator;
import io.salescope.ingest.generate.GenerateSettings;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.engine.DuckDbMetricEngine;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The reminder scheduler at scale: the demo generator's company at scale 100, its open tasks
 * topped up to 100,000, the operational store on disk, and a fake Slack Web API on loopback.
 * Measures the time of a scheduler tick (planning and claiming) and how fast the claimed
 * reminders reach the fake Slack when each channel is paced to one message per second.
 *
 * <pre>
 * bench/reminders/run.sh [--scale 100] [--open-tasks 100000] [--workers 4] [--pace-ms 1000] [--fresh]
 * </pre>
 */
public final class RemindersBenchmark {

    static final LocalDate TODAY = LocalDate.parse("2026-06-30");

    public static void main(String[] args) throws Exception {
        Map<String, String> a = args(args);
        double scale = Double.parseDouble(a.getOrDefault("scale", "100"));
        int openTasks = Integer.parseInt(a.getOrDefault("open-tasks", "100000"));
        int workers = Integer.parseInt(a.getOrDefault("workers", "4"));
        long paceMs = Long.parseLong(a.getOrDefault("pace-ms", "1000"));
        Path work = Path.of(a.getOrDefault("work", "bench/reminders/target/work")).toAbsolutePath();
        boolean fresh = a.containsKey("fresh");

        Path export = work.resolve("export-" + (int) scale);
        Path data = work.resolve("data-" + (int) scale + "-" + openTasks);
        long t0 = System.nanoTime();
        if (fresh || !Files.isRegularFile(export.resolve("tasks.csv"))) {
            System.out.printf("generating the demo export at scale %s into %s%n", scale, export);
            new CrmGenerator(new GenerateSettings(export, scale, 42, TODAY, false, 1, "USD"), Progress.none()).generate();
            // Reminders read users, teams, tasks, accounts and deals; the big optional files only slow the load.
            for (String f : List.of("activities.csv", "opportunity_history.csv", "leads.csv", "contacts.csv")) {
                Files.deleteIfExists(export.resolve(f));
            }
        }
        int generatedOpen = topUpOpenTasks(export, openTasks);
        if (fresh || !Files.isDirectory(data.resolve("warehouse"))) {
            deleteTree(data);
            DevFixtureWarehouse.publish(export, data);
        }
        deleteTree(data.resolve("ops"));
        System.out.printf("set-up in %.0f s%n", (System.nanoTime() - t0) / 1e9);

        SalescopeConfig config = SalescopeConfig.defaults().withDataDir(data.toString()).withToday(TODAY);
        Instant start = Instant.parse("2026-07-01T08:00:00Z");
        MutableClock clock = new MutableClock(start);
        ReminderSettings settings = ReminderSettings.defaults(ZoneId.of("UTC")).withEnabled(false)
                .withSlack(Duration.ofMillis(paceMs), Duration.ofSeconds(10), workers);
        try (FakeSlackApi slack = new FakeSlackApi();
             DuckDbMetricEngine engine = new DuckDbMetricEngine(config, new LocalStorage(data), MetricCatalog.forDataDir(data));
             Reminders reminders = Reminders.create(settings, clock, OpsStore.open(data), engine,
                     Optional.of(new SlackSettings("xoxb-bench", "secret", slack.apiUrl())), "USD")) {
            ReminderScheduler scheduler = reminders.scheduler();
            int users = engine.users().size();
            long slackUsers = engine.users().stream().filter(u -> u.active() && u.slackUserId() != null).count();
            System.out.printf("%,d open tasks (%,d from the generator), %,d users (%,d with a Slack id)%n",
                    engine.openTasks().size(), generatedOpen, users, slackUsers);

            List<String> rows = new ArrayList<>();
            ReminderScheduler.TickReport first = scheduler.tick();
            rows.add(row("first tick at " + first.at() + " (cold: loads the open tasks)", first));
            Burst burst = burst(slack, scheduler, first);
            for (int i = 1; i <= 10; i++) {
                clock.set(start.plus(Duration.ofMinutes(i)));
                rows.add(row("steady tick +" + i + " min", scheduler.tick()));
            }
            scheduler.awaitIdle(Duration.ofMinutes(10));
            clock.set(Instant.parse("2026-07-02T01:00:00Z"));
            slack.clear();
            ReminderScheduler.TickReport asia = scheduler.tick();
            rows.add(row("tick at " + asia.at() + " (09:00 in Asia)", asia));
            Burst second = burst(slack, scheduler, asia);

            System.out.println();
            System.out.println("| tick | open tasks | current | claimed | planning | claiming |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
            System.out.println();
            System.out.println("| burst | reminders to Slack | messages | channels | most messages in one channel | seconds"
                    + " | messages/s | reminders/s | min gap in one channel |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            System.out.println(burst.row("2026-07-01T08:00Z"));
            System.out.println(second.row("2026-07-02T01:00Z"));
            System.out.println();
            System.out.println("ledger: " + reminders.ledger().countsByState());
            System.out.println("settings: pace " + paceMs + " ms per channel, " + workers + " Slack workers, bundles of "
                    + settings.bundleSize());
            System.out.println(machine());
        }
    }

    /** Waits for the claimed deliveries to reach the fake Slack; what it took. */
    private static Burst burst(FakeSlackApi slack, ReminderScheduler scheduler, ReminderScheduler.TickReport tick)
            throws InterruptedException {
        long begin = System.nanoTime();
        if (!scheduler.awaitIdle(Duration.ofHours(2))) {
            throw new IllegalStateException("deliveries still pending after two hours");
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        List<FakeSlackApi.Posted> posted = slack.posted();
        Map<String, Long> last = new HashMap<>();
        long minGap = Long.MAX_VALUE;
        for (FakeSlackApi.Posted p : posted) {
            Long previous = last.put(p.channel(), p.atNanos());
            if (previous != null) {
                minGap = Math.min(minGap, p.atNanos() - previous);
            }
        }
        int keys = posted.stream().mapToInt(p -> p.keys().size()).sum();
        long busiest = posted.stream().collect(java.util.stream.Collectors.groupingBy(FakeSlackApi.Posted::channel,
                java.util.stream.Collectors.counting())).values().stream().mapToLong(Long::longValue).max().orElse(0);
        return new Burst(tick.claimed(), keys, posted.size(), last.size(), (int) busiest, seconds, minGap);
    }

    record Burst(int claimed, int reminders, int messages, int channels, int busiest, double seconds, long minGapNanos) {
        String row(String label) {
            return String.format(Locale.ROOT, "| %s | %,d (claimed %,d) | %,d | %,d | %,d | %.1f | %.1f | %.1f | %s |", label,
                    reminders, claimed, messages, channels, busiest, seconds, messages / seconds, reminders / seconds,
                    minGapNanos == Long.MAX_VALUE ? "-" : String.format(Locale.ROOT, "%.3f s", minGapNanos / 1e9));
        }
    }

    private static String row(String label, ReminderScheduler.TickReport r) {
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d ms | %,d ms |", label, r.openTasks(), r.current(),
                r.claimed(), r.planning().toMillis(), r.claiming().toMillis());
    }

    /**
     * Adds open tasks to the export until it has {@code target}: copies of its open tasks (same
     * owners and subjects, new ids), due at seeded random moments from 40 days before to 20 days
     * after the reference date, so most of them have a current reminder. Returns how many open
     * tasks the generator made.
     */
    static int topUpOpenTasks(Path export, int target) throws Exception {
        Path tasks = export.resolve("tasks.csv");
        Path original = export.resolve("tasks.generated.csv");
        if (!Files.exists(original)) {
            Files.copy(tasks, original);
        }
        List<CSVRecord> rows;
        List<String> header;
        try (Reader in = Files.newBufferedReader(original, StandardCharsets.UTF_8)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
            header = parser.getHeaderNames();
            rows = parser.getRecords();
        }
        List<CSVRecord> open = rows.stream().filter(r -> "open".equals(r.get("status"))).toList();
        Random random = new Random(7);
        Instant ref = TODAY.atStartOfDay(ZoneOffset.UTC).toInstant();
        try (Writer w = Files.newBufferedWriter(tasks, StandardCharsets.UTF_8);
             CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (CSVRecord r : rows) {
                out.printRecord((Object[]) r.values());
            }
            for (int i = 0; open.size() + i < target; i++) {
                CSVRecord r = open.get(i % open.size());
                Instant due = ref.plusSeconds(random.nextLong(-40L * 86_400, 20L * 86_400) / 900 * 900);
                List<String> values = new ArrayList<>();
                for (String col : header) {
                    values.add(switch (col) {
                        case "task_id" -> r.get("task_id") + "-B" + i;
                        case "due_at" -> due.toString();
                        case "created_at", "modified_at" -> due.minus(Duration.ofDays(30)).toString();
                        default -> r.get(col);
                    });
                }
                out.printRecord(values);
            }
        }
        return open.size();
    }

    private static String machine() throws Exception {
        String cpu = "unknown CPU";
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        }
        return String.format(Locale.ROOT, "machine: %d cores available to the JVM, %s; max heap %d MiB; Java %s; %s %s",
                Runtime.getRuntime().availableProcessors(), cpu, Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"));
    }

    private static Map<String, String> args(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String k = args[i].substring(2);
            if (k.equals("fresh")) {
                out.put(k, "true");
            } else {
                out.put(k, args[++i]);
            }
        }
        return out;
    }

    private static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
