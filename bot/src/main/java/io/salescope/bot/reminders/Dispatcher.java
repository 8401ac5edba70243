package io.salescope.bot.reminders;

import io.salescope.bot.ops.NotificationStore;
import io.salescope.bot.ops.ReminderLedger;
import io.salescope.bot.ops.SlackIdentityStore;
import io.salescope.bot.slack.SlackFailure;
import io.salescope.bot.slack.SlackGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Delivers claimed reminders and digests, and records how each ended in the ledger.
 *
 * <h2>Slack</h2>
 * Each Slack channel (a person's DM, the weekly channel) is a lane: at most one message per
 * lane per {@link ReminderSettings#slackPace()} (Slack's guidance is about one per second per
 * channel), lanes served in parallel by {@link ReminderSettings#sendWorkers()} threads.
 * Reminders to one person claimed together go as one message (up to
 * {@link ReminderSettings#bundleSize()}), each task with its own buttons. A rate limit (HTTP 429)
 * pauses every lane for its {@code Retry-After} and the message is tried again then. Other
 * failures are recorded as failed with a growing wait ({@link ReminderSettings#retryDelay});
 * the scheduler claims them again when the wait is over. A delivery whose claim was uncertain
 * (a timeout, or taken over from a process that died) is first looked for in the channel's
 * history by the key in its metadata, and is not posted again when found. A person Slack no
 * longer knows gets the reminder on the web page instead.
 *
 * <h2>Web</h2>
 * Web notifications are written in the same transaction as the ledger's "sent": exactly once.
 *
 * <h2>Outcomes</h2>
 * Slack outcomes are written in batches (every {@value #FLUSH_MS} ms): a crash before a batch
 * is written leaves those deliveries "sending", and the history check above keeps them from
 * being posted twice when another process takes them over.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    static final long FLUSH_MS = 200;
    private static final int WEB_CHUNK = 500;

    /** Deliveries for one recipient with their claims, sent as one message. */
    record Job(Recipient recipient, List<Delivery> deliveries, Map<String, ReminderLedger.Claim> claims) {
    }

    private final ReminderSettings settings;
    private final Clock clock;
    private final ReminderLedger ledger;
    private final NotificationStore notifications;
    private final SlackGateway slack;
    private final SlackIdentityStore identities;
    private final DeliveryContent content;
    private final String token;

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final DelayQueue<Lane> ready = new DelayQueue<>();
    private final ExecutorService slackWorkers;
    private final ExecutorService webWorker;
    private final Thread flusher;
    private final LinkedBlockingQueue<ReminderLedger.Outcome> outcomes = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger unflushed = new AtomicInteger();
    private final AtomicLong pausedUntil = new AtomicLong(System.nanoTime());
    private final Map<String, String> dmChannels = new ConcurrentHashMap<>();
    /** DM channels opened and not yet written to the store (written with the next batch of outcomes). */
    private final Map<String, String> newDmChannels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public Dispatcher(ReminderSettings settings, Clock clock, ReminderLedger ledger, NotificationStore notifications,
                      SlackGateway slack, SlackIdentityStore identities, DeliveryContent content, String token) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.notifications = requireNonNull(notifications, "notifications is null");
        this.slack = slack;
        this.identities = requireNonNull(identities, "identities is null");
        this.content = requireNonNull(content, "content is null");
        this.token = requireNonNull(token, "token is null");
        AtomicInteger n = new AtomicInteger();
        this.slackWorkers = Executors.newFixedThreadPool(settings.sendWorkers(), r -> daemon(r, "reminders-slack-" + n.incrementAndGet()));
        this.webWorker = Executors.newSingleThreadExecutor(r -> daemon(r, "reminders-web"));
        for (int i = 0; i < settings.sendWorkers(); i++) {
            slackWorkers.submit(this::serveLanes);
        }
        this.flusher = daemon(this::flushLoop, "reminders-ledger");
        flusher.start();
        if (slack != null) {
            dmChannels.putAll(identities.dmChannels());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The token this process's claims carry. */
    public String token() {
        return token;
    }

    /** Deliveries handed over and not yet finished. */
    public int pending() {
        return pending.get();
    }

    /** Hands over claimed deliveries: bundled per person, web ones written at once, Slack ones queued per channel. */
    public void submit(List<Delivery> deliveries, Map<String, ReminderLedger.Claim> claims) {
        if (closed) {
            throw new IllegalStateException("the dispatcher is closed");
        }
        List<Delivery> web = new ArrayList<>();
        Map<String, List<Delivery>> reminders = new LinkedHashMap<>();
        List<Job> jobs = new ArrayList<>();
        for (Delivery d : deliveries) {
            if (d.recipient().channel() == Channel.WEB || slack == null) {
                web.add(d);
            } else if (d.kind().isReminder()) {
                reminders.computeIfAbsent(d.recipient().id(), k -> new ArrayList<>()).add(d);
            } else {
                jobs.add(job(List.of(d), claims));
            }
        }
        for (List<Delivery> forOne : reminders.values()) {
            forOne.sort(Comparator.comparing((Delivery d) -> d.kind() == DeliveryKind.OVERDUE ? 0 : 1)
                    .thenComparing(d -> d.task().dueAt()).thenComparing(d -> d.task().taskId()));
            for (int i = 0; i < forOne.size(); i += settings.bundleSize()) {
                jobs.add(job(forOne.subList(i, Math.min(forOne.size(), i + settings.bundleSize())), claims));
            }
        }
        pending.addAndGet(web.size());
        for (int i = 0; i < web.size(); i += WEB_CHUNK) {
            List<Delivery> chunk = List.copyOf(web.subList(i, Math.min(web.size(), i + WEB_CHUNK)));
            webWorker.submit(() -> deliverWeb(chunk, claims));
        }
        for (Job j : jobs) {
            pending.addAndGet(j.deliveries().size());
            enqueue(j);
        }
    }

    private static Job job(List<Delivery> ds, Map<String, ReminderLedger.Claim> claims) {
        Map<String, ReminderLedger.Claim> mine = new HashMap<>();
        for (Delivery d : ds) {
            mine.put(d.key(), claims.getOrDefault(d.key(), new ReminderLedger.Claim(d.key(), 0, false)));
        }
        return new Job(ds.get(0).recipient(), List.copyOf(ds), mine);
    }

    /**
     * Waits until everything handed over is delivered or failed and recorded; false on timeout.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (pending.get() == 0 && unflushed.get() == 0) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    // ------------------------------------------------------------------ web

    private void deliverWeb(List<Delivery> chunk, Map<String, ReminderLedger.Claim> claims) {
        Instant now = clock.instant();
        try {
            List<ReminderLedger.Outcome> sent = new ArrayList<>();
            List<NotificationStore.New> notes = new ArrayList<>();
            for (Delivery d : chunk) {
                ReminderMessages.WebNote n = content.web(d, now);
                notes.add(new NotificationStore.New(d.recipient().userId(), n.kind(), n.text(), n.textZh(), n.link()));
                sent.add(new ReminderLedger.Sent(d.key(), now, Channel.WEB.wire(), null, null));
            }
            notifications.store().transaction(c -> {
                notifications.addAll(c, notes, now);
                ledger.record(c, sent);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("writing {} web notifications failed; they are tried again: {}", chunk.size(), e.toString());
            for (Delivery d : chunk) {
                fail(d, claims.get(d.key()), now, e.toString(), false);
            }
        } finally {
            pending.addAndGet(-chunk.size());
        }
    }

    // ------------------------------------------------------------------ Slack lanes

    /** One Slack channel's queue of messages, ready again at {@code readyAt} (System.nanoTime). */
    private final class Lane implements Delayed {
        final String target;
        final Deque<Job> jobs = new ArrayDeque<>();
        volatile long readyAt = System.nanoTime();
        boolean scheduled;

        Lane(String target) {
            this.target = target;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Math.max(readyAt, pausedUntil.get()) - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }
    }

    private void enqueue(Job job) {
        Lane lane = lanes.computeIfAbsent(job.recipient().slackTarget(), Lane::new);
        synchronized (lane) {
            lane.jobs.addLast(job);
            if (!lane.scheduled) {
                lane.scheduled = true;
                ready.add(lane);
            }
        }
    }

    private void serveLanes() {
        while (!closed) {
            Lane lane;
            try {
                lane = ready.take();
            } catch (InterruptedException e) {
                return;
            }
            if (System.nanoTime() < pausedUntil.get()) {
                ready.add(lane);
                continue;
            }
            Job job;
            synchronized (lane) {
                job = lane.jobs.pollFirst();
                if (job == null) {
                    lane.scheduled = false;
                    continue;
                }
            }
            Duration retryAfter = deliverSlack(job);
            synchronized (lane) {
                long now = System.nanoTime();
                if (retryAfter != null) {
                    lane.jobs.addFirst(job);
                    long until = now + retryAfter.toNanos();
                    pausedUntil.accumulateAndGet(until, Math::max);
                    lane.readyAt = until;
                } else {
                    lane.readyAt = now + settings.slackPace().toNanos();
                }
                if (lane.jobs.isEmpty()) {
                    lane.scheduled = false;
                } else {
                    ready.add(lane);
                }
            }
        }
    }

    /** Sends one job; returns how long to wait when Slack rate-limited it (the job is then tried again), else null. */
    private Duration deliverSlack(Job job) {
        Recipient r = job.recipient();
        List<Delivery> todo = new ArrayList<>(job.deliveries());
        Map<String, Boolean> uncertain = new HashMap<>();
        for (Delivery d : todo) {
            uncertain.put(d.key(), job.claims().get(d.key()).uncertain());
        }
        try {
            String channel = channel(r);
            for (Delivery d : List.copyOf(todo)) {
                if (uncertain.get(d.key())) {
                    var ts = slack.findPosted(channel, d.key(), d.sendAt().minus(Duration.ofMinutes(5)));
                    if (ts.isPresent()) {
                        LOG.info("{} was already posted to {} (ts {}) before an uncertain end; not posted again", d.key(),
                                channel, ts.get());
                        done(d, new ReminderLedger.Sent(d.key(), clock.instant(), Channel.SLACK.wire(), channel, ts.get()));
                        todo.remove(d);
                    } else {
                        uncertain.put(d.key(), false);
                    }
                }
            }
            if (todo.isEmpty()) {
                return null;
            }
            Instant now = clock.instant();
            DeliveryContent.Slack msg = content.slack(todo, now);
            String ts = slack.post(channel, msg.message().text(), msg.message().blocks(), todo.stream().map(Delivery::key).toList());
            for (Delivery d : todo) {
                done(d, new ReminderLedger.Sent(d.key(), clock.instant(), Channel.SLACK.wire(), channel, ts));
            }
            todo.clear();
            if (msg.chartPng() != null) {
                upload(channel, ts, msg);
            }
            return null;
        } catch (RuntimeException e) {
            // A bug or a failed rendering (e.g. a digest's query): recorded like an uncertain failure, so the
            // next attempt looks in Slack first, and tried again.
            LOG.error("delivering to {} failed unexpectedly; tried again later", r.slackTarget(), e);
            failAll(todo, job, new SlackFailure(SlackFailure.Kind.UNCERTAIN, e.toString(), null, e), true);
            return null;
        } catch (SlackFailure e) {
            switch (e.kind()) {
                case RATE_LIMITED -> {
                    LOG.info("Slack rate limit on {}: waiting {} s", r.slackTarget(), e.retryAfter().toSeconds());
                    return e.retryAfter();
                }
                case RECIPIENT_GONE -> {
                    if (r.user() != null) {
                        LOG.warn("Slack cannot reach {} ({}); their reminders go to the web page", r.email(), e.getMessage());
                        dmChannels.remove(r.slackUserId());
                        List<Delivery> web = List.copyOf(todo);
                        webWorker.submit(() -> deliverWeb(web, job.claims()));
                        return null;
                    }
                    failAll(todo, job, e, false);
                    return null;
                }
                case UNCERTAIN -> {
                    failAll(todo, job, e, true);
                    return null;
                }
                default -> {
                    failAll(todo, job, e, todo.stream().anyMatch(d -> uncertain.get(d.key())));
                    return null;
                }
            }
        }
    }

    private void failAll(List<Delivery> todo, Job job, SlackFailure e, boolean uncertain) {
        Instant now = clock.instant();
        LOG.warn("Slack delivery of {} reminder(s) to {} failed ({}); tried again later", todo.size(),
                job.recipient().slackTarget(), e.getMessage());
        for (Delivery d : todo) {
            fail(d, job.claims().get(d.key()), now, e.getMessage(), uncertain);
            pending.decrementAndGet();
        }
    }

    private void done(Delivery d, ReminderLedger.Sent sent) {
        record(sent);
        pending.decrementAndGet();
    }

    private void fail(Delivery d, ReminderLedger.Claim claim, Instant now, String error, boolean uncertain) {
        int attempts = (claim == null ? 0 : claim.attempts()) + 1;
        record(new ReminderLedger.Failed(d.key(), token, now, abbreviate(error), now.plus(settings.retryDelay(attempts)),
                uncertain));
    }

    private void upload(String channel, String ts, DeliveryContent.Slack msg) {
        try {
            slack.upload(channel, ts, msg.chartPng(), "pipeline-by-stage.png", msg.chartTitle());
        } catch (SlackFailure e) {
            // The report's figures are in the message; the chart is an illustration, so a failed upload is logged, not retried.
            LOG.warn("uploading the report chart to {} failed: {}", channel, e.getMessage());
        }
    }

    private String channel(Recipient r) throws SlackFailure {
        if (r.user() == null) {
            return r.slackChannel();
        }
        String known = dmChannels.get(r.slackUserId());
        if (known != null) {
            return known;
        }
        String opened = slack.openDm(r.slackUserId());
        dmChannels.put(r.slackUserId(), opened);
        newDmChannels.put(r.slackUserId(), opened);
        return opened;
    }

    // ------------------------------------------------------------------ outcomes

    private void record(ReminderLedger.Outcome o) {
        unflushed.incrementAndGet();
        outcomes.add(o);
    }

    private void flushLoop() {
        List<ReminderLedger.Outcome> batch = new ArrayList<>();
        while (!closed || !outcomes.isEmpty()) {
            try {
                ReminderLedger.Outcome first = outcomes.poll(FLUSH_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                Thread.sleep(FLUSH_MS);
            } catch (InterruptedException e) {
                if (!closed) {
                    continue;
                }
            }
            outcomes.drainTo(batch);
            flush(batch);
        }
        flush(batch);
    }

    private void flush(List<ReminderLedger.Outcome> batch) {
        if (!newDmChannels.isEmpty()) {
            Map<String, String> opened = new HashMap<>(newDmChannels);
            try {
                identities.putDmChannels(opened, clock.instant());
                opened.forEach(newDmChannels::remove);
            } catch (RuntimeException e) {
                // Only a cache of conversations.open: kept in memory and written with a later batch.
                LOG.warn("remembering {} DM channels failed: {}", opened.size(), e.toString());
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            ledger.record(batch);
            unflushed.addAndGet(-batch.size());
            batch.clear();
        } catch (RuntimeException e) {
            LOG.warn("recording {} delivery outcomes failed; retrying: {}", batch.size(), e.toString());
            try {
                Thread.sleep(1000);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String abbreviate(String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }

    /**
     * Stops: waits up to {@code grace} for deliveries in progress, then leaves the rest
     * claimed (another process or the next start takes them over once the claims are stale)
     * and writes the outcomes it has.
     */
    public void close(Duration grace) {
        try {
            awaitIdle(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        slackWorkers.shutdownNow();
        webWorker.shutdown();
        try {
            webWorker.awaitTermination(5, TimeUnit.SECONDS);
            slackWorkers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flusher.interrupt();
        try {
            flusher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ReminderLedger.Outcome> rest = new ArrayList<>();
        outcomes.drainTo(rest);
        if (!rest.isEmpty()) {
            try {
                ledger.record(rest);
            } catch (RuntimeException e) {
                LOG.warn("{} delivery outcomes could not be written on close; those deliveries stay claimed and are"
                        + " checked against Slack when taken over", rest.size());
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
