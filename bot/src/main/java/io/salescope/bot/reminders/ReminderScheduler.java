package io.salescope.bot.reminders;

import io.salescope.bot.ops.ReminderLedger;
import io.salescope.bot.tasks.Task;
import io.salescope.bot.tasks.TaskBook;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.UserInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The reminder scheduler. Every {@link ReminderSettings#tick()} it
 * <ol>
 *   <li>looks up Slack ids the CRM lacks ({@link SlackDirectory});</li>
 *   <li>works out, for every open task and every manager, the reminder or digest that is
 *       current now ({@link ReminderPlanner}) and may go now;</li>
 *   <li>claims them in the ledger in one transaction: new ones, failed ones whose wait is
 *       over, and ones claimed by a process that stopped refreshing its claims; and cancels
 *       failed ones no longer wanted (the task was closed or got a new due date, or a newer
 *       reminder superseded them);</li>
 *   <li>hands what it claimed to the {@link Dispatcher}.</li>
 * </ol>
 * The plan view ({@link #plan}) runs the same planner over the same tasks and people.
 */
public final class ReminderScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderScheduler.class);
    /** Final ledger rows older than this are pruned. */
    static final Duration KEEP = Duration.ofDays(90);

    /** What one tick did. */
    public record TickReport(Instant at, int openTasks, int current, int claimed, int cancelled, Duration planning,
                             Duration claiming) {
    }

    private final ReminderSettings settings;
    private final Clock clock;
    private final MetricEngine engine;
    private final TaskBook tasks;
    private final Recipients recipients;
    private final ReminderPlanner planner;
    private final ReminderLedger ledger;
    private final Dispatcher dispatcher;
    private final SlackDirectory directory;
    private ScheduledExecutorService loop;
    private Instant lastPrune = Instant.MIN;
    /**
     * Keys of current deliveries known to be in the ledger already (claimed here or by anyone),
     * so a tick offers the ledger only what is new; kept to the current ones, so it stays as
     * small as one reminder per open task.
     */
    private final java.util.Set<String> known = new java.util.HashSet<>();

    public ReminderScheduler(ReminderSettings settings, Clock clock, MetricEngine engine, TaskBook tasks,
                             Recipients recipients, ReminderLedger ledger, Dispatcher dispatcher, SlackDirectory directory) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.recipients = requireNonNull(recipients, "recipients is null");
        this.planner = new ReminderPlanner(settings);
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.directory = directory;
    }

    public ReminderPlanner planner() {
        return planner;
    }

    /**
     * Runs a tick now (on the caller's thread, so what is due at start is under way when this
     * returns) and then every {@link ReminderSettings#tick()} on a thread of its own.
     */
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("the first reminder tick failed ({}); the next one tries again", e.getMessage());
        }
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reminders-tick");
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.error("reminder tick failed; the next one tries again", e);
            }
        }, settings.tick().toMillis(), settings.tick().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One tick, now. Safe to run from several threads or processes at once: the ledger decides who sends what. */
    public synchronized TickReport tick() {
        Instant now = clock.instant();
        long t0 = System.nanoTime();
        List<UserInfo> users = engine.users();
        Map<String, Recipient> people = people(users, now);
        TaskBook.Tasks all = tasks.load();
        Map<String, Delivery> current = current(all.open(), users, people, now);
        long t1 = System.nanoTime();

        known.retainAll(current.keySet());
        List<ReminderLedger.Entry> fresh = new ArrayList<>();
        Map<String, Delivery> deliverable = new HashMap<>();
        for (Delivery d : current.values()) {
            if (planner.deliverable(d, now)) {
                deliverable.put(d.key(), d);
                if (!known.contains(d.key())) {
                    fresh.add(d.entry());
                }
            }
        }
        List<String> retries = new ArrayList<>();
        List<String> recoveries = new ArrayList<>();
        Map<String, String> cancellations = new HashMap<>();
        Instant staleBefore = now.minus(settings.staleClaim());
        for (ReminderLedger.Row row : ledger.pending()) {
            boolean failed = ReminderLedger.FAILED.equals(row.state());
            boolean stale = ReminderLedger.SENDING.equals(row.state()) && row.claimedAt().isBefore(staleBefore)
                    && !dispatcher.token().equals(row.claimToken());
            if (!failed && !stale) {
                continue;
            }
            if (!current.containsKey(row.key())) {
                cancellations.put(row.key(), whyNotWanted(row, all));
            } else if (deliverable.containsKey(row.key())) {
                if (failed && !row.nextAttemptAt().isAfter(now)) {
                    retries.add(row.key());
                } else if (stale) {
                    recoveries.add(row.key());
                }
            }
        }
        List<ReminderLedger.Claim> claims = ledger.claim(new ReminderLedger.ClaimRequest(fresh, retries, recoveries,
                cancellations, dispatcher.token(), now, staleBefore));
        fresh.forEach(e -> known.add(e.key()));
        long t2 = System.nanoTime();
        if (!claims.isEmpty()) {
            Map<String, ReminderLedger.Claim> byKey = new HashMap<>();
            List<Delivery> todo = new ArrayList<>();
            for (ReminderLedger.Claim c : claims) {
                byKey.put(c.key(), c);
                todo.add(deliverable.get(c.key()));
            }
            dispatcher.submit(todo, byKey);
        }
        if (dispatcher.pending() > 0) {
            ledger.heartbeat(dispatcher.token(), now);
        }
        if (lastPrune.isBefore(now.minus(Duration.ofHours(1)))) {
            lastPrune = now;
            int pruned = ledger.prune(now.minus(KEEP));
            if (pruned > 0) {
                LOG.info("pruned {} ledger rows planned before {}", pruned, now.minus(KEEP));
            }
        }
        TickReport report = new TickReport(now, all.open().size(), current.size(), claims.size(), cancellations.size(),
                Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1));
        if (!claims.isEmpty() || !cancellations.isEmpty()) {
            LOG.info("reminders at {}: {} open tasks, {} current, {} claimed, {} cancelled ({} ms planning, {} ms claiming)",
                    now, report.openTasks(), report.current(), report.claimed(), report.cancelled(),
                    report.planning().toMillis(), report.claiming().toMillis());
        }
        return report;
    }

    /**
     * The reminders (and, with {@code digests}, the digests) the rules schedule in
     * {@code [from, to)} for the tasks and people as they are now, by send time.
     */
    public List<Delivery> plan(Instant from, Instant to, boolean digests) {
        List<UserInfo> users = engine.users();
        Map<String, Recipient> people = people(users, clock.instant());
        List<Delivery> out = new ArrayList<>();
        for (Task t : tasks.load().open()) {
            Recipient r = people.get(t.ownerId());
            if (r != null) {
                out.addAll(planner.reminders(t, r, from, to));
            }
        }
        if (digests) {
            if (settings.dailyDigest()) {
                for (Recipient m : managers(people)) {
                    out.addAll(planner.dailyDigests(m, from, to));
                }
            }
            recipients.weeklyChannel(users).ifPresent(ch -> out.addAll(planner.weeklyReports(ch, from, to)));
        }
        out.sort(Comparator.comparing(Delivery::sendAt).thenComparing(d -> d.task() == null ? "" : d.task().taskId())
                .thenComparing(Delivery::key));
        return out;
    }

    /** The people with their channels, after looking up the Slack ids the CRM lacks. */
    private Map<String, Recipient> people(List<UserInfo> users, Instant now) {
        return directory == null ? recipients.people(users) : recipients.people(users, directory.refresh(users, now));
    }

    private Map<String, Delivery> current(List<Task> open, List<UserInfo> users, Map<String, Recipient> people, Instant now) {
        Map<String, Delivery> out = new LinkedHashMap<>();
        for (Task t : open) {
            Recipient r = people.get(t.ownerId());
            if (r != null) {
                planner.currentReminder(t, r, now).ifPresent(d -> out.put(d.key(), d));
            }
        }
        if (settings.dailyDigest()) {
            for (Recipient m : managers(people)) {
                planner.currentDailyDigest(m, now).ifPresent(d -> out.put(d.key(), d));
            }
        }
        Optional<Recipient> weekly = recipients.weeklyChannel(users);
        weekly.flatMap(ch -> planner.currentWeeklyReport(ch, now)).ifPresent(d -> out.put(d.key(), d));
        return out;
    }

    /** Active managers with a team: they get the daily digest. */
    private static List<Recipient> managers(Map<String, Recipient> people) {
        return people.values().stream().filter(r -> r.user().isManager() && r.user().teamId() != null).toList();
    }

    private static String whyNotWanted(ReminderLedger.Row row, TaskBook.Tasks all) {
        if (row.taskId() == null) {
            return "a newer digest superseded it";
        }
        Task t = all.byId().get(row.taskId());
        if (t == null || !t.open()) {
            return "the task is closed";
        }
        if (row.dueAt() != null && !row.dueAt().equals(t.dueAt())) {
            return "the due date changed to " + t.dueAt();
        }
        return "no longer current: a newer reminder superseded it, or its owner is no longer active";
    }

    /** Waits until what was claimed so far is delivered or failed, and recorded. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return dispatcher.awaitIdle(timeout);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (loop != null) {
                loop.shutdownNow();
                try {
                    loop.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        dispatcher.close();
    }
}
