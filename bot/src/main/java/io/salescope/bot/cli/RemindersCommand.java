package io.salescope.bot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.salescope.bot.ops.OpsStore;
import io.salescope.bot.ops.ReminderLedger;
import io.salescope.bot.reminders.Delivery;
import io.salescope.bot.reminders.ReminderScheduler;
import io.salescope.bot.reminders.ReminderSettings;
import io.salescope.bot.reminders.Reminders;
import io.salescope.bot.slack.SlackSettings;
import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.warehouse.engine.DuckDbMetricEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code salescope reminders}: the plan view (what the scheduler would send in a window), one
 * scheduler tick, and the ledger.
 */
@Command(name = "reminders", mixinStandardHelpOptions = true,
        description = "Plan, send and inspect task reminders and digests (the scheduler of 'salescope serve').",
        subcommands = {RemindersCommand.Plan.class, RemindersCommand.Tick.class, RemindersCommand.Ledger.class})
public final class RemindersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The plan view's JSON line of one delivery, fields in the documented order. */
    public static Map<String, Object> planLine(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task_id", d.task() == null ? null : d.task().taskId());
        m.put("user_email", d.recipient().email());
        m.put("kind", d.kind().wire());
        m.put("send_at", d.sendAt().toString());
        m.put("channel", d.recipient().channel().wire());
        return m;
    }

    /** Wires the feature as serve does (the scheduler not started), with the clock given or the real one. */
    static Reminders open(SalescopeConfig config, DuckDbMetricEngine engine, String clock) {
        ReminderSettings settings = ReminderSettings.fromEnvironment(System.getenv(), config.defaultZone());
        if (clock != null && !clock.isBlank()) {
            settings = settings.withClockStart(ReminderSettings.instant(clock, "--clock"));
        }
        return Reminders.create(settings, settings.clock(), OpsStore.open(Path.of(config.dataDir())), engine,
                SlackSettings.fromEnvironment(System.getenv()), config.reportingCurrency());
    }

    /** An instant: with Z or an offset, or a local date-time or date in the default zone. */
    static Instant instant(String value, ZoneId zone, String where) {
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeException e) {
            // not with an offset: try local forms
        }
        try {
            return LocalDateTime.parse(v).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            // not a local date-time either
        }
        try {
            return LocalDate.parse(v).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(where + ": '" + value + "' is not a time; write 2026-07-01T09:00:00Z,"
                    + " 2026-07-01T09:00 (in the default zone " + zone + ") or 2026-07-01");
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = {"Print the reminders the scheduler would send in a window, by send time, computed by the scheduler's"
                    + " own rules from the tasks and people as they are now (the ledger is not consulted: reminders already"
                    + " sent are listed too).",
                    "With --json, one object a line: {\"task_id\", \"user_email\", \"kind\": \"due_soon\"|\"overdue\","
                            + " \"send_at\" (UTC ISO-8601), \"channel\": \"slack\"|\"web\"}."})
    static final class Plan implements Callable<Integer> {

        @ParentCommand
        RemindersCommand parent;

        @Option(names = "--from", required = true, paramLabel = "TIME", description = "Window start (included): 2026-07-01T00:00:00Z, or a local time or date in the default zone.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "TIME", description = "Window end (excluded).")
        String to;

        @Option(names = "--json", description = "One JSON object a line.")
        boolean json;

        @Option(names = "--digests", description = "Also list the daily digests and weekly reports (kind daily_digest, weekly_report; task_id null).")
        boolean digests;

        @Override
        public Integer call() throws Exception {
            SalescopeConfig config = ConfigProvider.of(parent.spec);
            PrintWriter out = parent.spec.commandLine().getOut();
            Instant f = instant(from, config.defaultZone(), "--from");
            Instant t = instant(to, config.defaultZone(), "--to");
            if (!f.isBefore(t)) {
                throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
            }
            try (DuckDbMetricEngine engine = DuckDbMetricEngine.open(config);
                 Reminders reminders = open(config, engine, null)) {
                List<Delivery> plan = reminders.scheduler().plan(f, t, digests);
                ObjectMapper mapper = new ObjectMapper();
                DateTimeFormatter local = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm");
                if (!json) {
                    out.printf("%-22s %-31s %-13s %-7s %-10s %s%n", "send_at (UTC)", "local time", "kind", "channel", "task", "to");
                }
                for (Delivery d : plan) {
                    if (json) {
                        out.println(mapper.writeValueAsString(planLine(d)));
                    } else {
                        out.printf("%-22s %-31s %-13s %-7s %-10s %s%s%n", d.sendAt(), d.sendAt().atZone(d.recipient().zone())
                                        .format(local) + " " + shortZone(d.recipient().zone()), d.kind().wire(),
                                d.recipient().channel().wire(), d.task() == null ? "-" : d.task().taskId(),
                                d.recipient().email() != null ? d.recipient().email() : d.recipient().slackChannel(),
                                d.task() == null ? "" : "  " + d.task().subject());
                    }
                }
                if (!json) {
                    out.println(plan.size() + " reminder(s) from " + f + " to " + t);
                }
                out.flush();
                return 0;
            }
        }


        private static String shortZone(ZoneId z) {
            String id = z.getId();
            return id.contains("/") ? id.substring(id.lastIndexOf('/') + 1) : id;
        }
    }

    @Command(name = "tick", mixinStandardHelpOptions = true,
            description = "Run one scheduler tick now (as 'serve' does every minute), wait for the sends, and print what it did."
                    + " Safe while 'serve' runs: the ledger decides who sends what.")
    static final class Tick implements Callable<Integer> {

        @ParentCommand
        RemindersCommand parent;

        @Option(names = "--clock", paramLabel = "INSTANT", description = "Run as if it were INSTANT (env SALESCOPE_CLOCK; default now).")
        String clock;

        @Option(names = "--wait", paramLabel = "SECONDS", description = "Wait at most this long for the sends (default 120).")
        int waitSeconds = 120;

        @Override
        public Integer call() throws Exception {
            SalescopeConfig config = ConfigProvider.of(parent.spec);
            PrintWriter out = parent.spec.commandLine().getOut();
            try (DuckDbMetricEngine engine = DuckDbMetricEngine.open(config);
                 Reminders reminders = open(config, engine, clock)) {
                ReminderScheduler.TickReport r = reminders.scheduler().tick();
                boolean idle = reminders.scheduler().awaitIdle(Duration.ofSeconds(waitSeconds));
                out.println("tick at " + r.at() + ": " + r.openTasks() + " open tasks, " + r.current() + " current, "
                        + r.claimed() + " claimed, " + r.cancelled() + " cancelled (" + r.planning().toMillis()
                        + " ms planning, " + r.claiming().toMillis() + " ms claiming)");
                out.println("ledger: " + reminders.ledger().countsByState());
                if (!idle) {
                    out.println("still sending after " + waitSeconds + " s; the rest stays claimed and is taken over later");
                    return 1;
                }
                return 0;
            }
        }
    }

    @Command(name = "ledger", mixinStandardHelpOptions = true, description = "Show the reminder ledger: counts by state and the latest rows.")
    static final class Ledger implements Callable<Integer> {

        @ParentCommand
        RemindersCommand parent;

        @Option(names = "--state", paramLabel = "STATE", description = "Only rows in this state: sending, sent, failed, cancelled.")
        String state;

        @Option(names = "--limit", paramLabel = "N", description = "At most this many rows (default 20).")
        int limit = 20;

        @Override
        public Integer call() {
            SalescopeConfig config = ConfigProvider.of(parent.spec);
            PrintWriter out = parent.spec.commandLine().getOut();
            ReminderLedger ledger = new ReminderLedger(OpsStore.open(Path.of(config.dataDir())));
            out.println("by state: " + ledger.countsByState());
            for (ReminderLedger.Row r : ledger.rows(state, limit)) {
                out.printf("%-9s %-22s %-13s %-4s attempts=%d %s%s%n", r.state(), r.sendAt(), r.kind(), r.channel(),
                        r.attempts(), r.key(), r.lastError() == null ? "" : "  (" + r.lastError() + ")");
            }
            out.flush();
            return 0;
        }
    }
}
