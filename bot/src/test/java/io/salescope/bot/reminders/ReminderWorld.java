package io.salescope.bot.reminders;

import io.salescope.bot.ops.OpsStore;
import io.salescope.bot.ops.ReminderLedger;
import io.salescope.bot.slack.SlackSettings;
import io.salescope.bot.testing.FakeSlackApi;
import io.salescope.bot.testing.MutableClock;
import io.salescope.bot.testing.TinyWarehouse;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.store.LocalStorage;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.engine.DuckDbMetricEngine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A small company for scheduler tests: a published warehouse, the operational store, a
 * controllable clock, a fake Slack on loopback, and the reminders wired as the service wires
 * them. {@link #restart()} builds a new incarnation over the same store, as a restarted
 * process would.
 *
 * <pre>
 * T0 Company ── T1 China (M1 Meng, manager, Shanghai, zh; R1 Ruo, Shanghai, zh)
 *            └─ T2 Americas (R2 Rita, New York; R3 Rolf, Berlin, no Slack id; R4 Ron, inactive)
 * E1 Eve, executive (UTC)
 * </pre>
 */
final class ReminderWorld implements AutoCloseable {

    static final String USERS = "user_id, name, email, team_id, role, time_zone, locale, active, slack_user_id";

    static TinyWarehouse company() {
        return new TinyWarehouse()
                .rows("teams", "team_id, name, region, parent_team_id",
                        "'T0', 'Company', NULL, NULL", "'T1', 'China', 'APAC', 'T0'", "'T2', 'Americas', 'AMER', 'T0'")
                .rows("users", USERS,
                        "'E1', 'Eve Exec', 'eve@x.io', 'T0', 'executive', 'UTC', 'en', true, 'UE1'",
                        "'M1', '孟楠', 'meng@x.io', 'T1', 'manager', 'Asia/Shanghai', 'zh', true, 'UM1'",
                        "'R1', '若兰', 'ruo@x.io', 'T1', 'rep', 'Asia/Shanghai', 'zh', true, 'UR1'",
                        "'R2', 'Rita Reed', 'rita@x.io', 'T2', 'rep', 'America/New_York', 'en', true, 'UR2'",
                        "'R3', 'Rolf Roth', 'rolf@x.io', 'T2', 'rep', 'Europe/Berlin', 'en', true, NULL",
                        "'R4', 'Ron Gone', 'ron@x.io', 'T2', 'rep', 'America/New_York', 'en', false, 'UR4'")
                .rows("accounts", "account_id, name", "'A1', 'ACME'");
    }

    /** A task row for {@link #TASKS} columns. */
    static String task(String id, String owner, String due, String status) {
        return "'" + id + "', '" + owner + "', 'Call about " + id + "', TIMESTAMPTZ '" + due + "', '" + status
                + "', 'normal', 'A1', TIMESTAMPTZ '2026-01-01 00:00:00+00'";
    }

    static String task(String id, String owner, String due) {
        return task(id, owner, due, "open");
    }

    static final String TASKS = "task_id, owner_id, subject, due_at, status, priority, account_id, modified_at";

    final Path data;
    final MutableClock clock;
    final FakeSlackApi slack;
    final DuckDbMetricEngine engine;
    final OpsStore ops;
    private final UnaryOperator<ReminderSettings> tweak;
    private Reminders reminders;

    /** Publishes a warehouse version under a data directory. */
    @FunctionalInterface
    interface Publisher {
        void publish(Path data) throws Exception;
    }

    ReminderWorld(Path data, TinyWarehouse warehouse, String start, boolean slackOn,
                  UnaryOperator<ReminderSettings> tweak) throws Exception {
        this(data, warehouse::publish, start, slackOn, tweak);
    }

    ReminderWorld(Path data, Publisher warehouse, String start, boolean slackOn,
                  UnaryOperator<ReminderSettings> tweak) throws Exception {
        this.data = data;
        warehouse.publish(data);
        this.clock = MutableClock.at(start);
        this.slack = slackOn ? new FakeSlackApi() : null;
        SalescopeConfig config = SalescopeConfig.defaults().withDataDir(data.toString()).withToday(LocalDate.of(2026, 6, 30));
        this.engine = new DuckDbMetricEngine(config, new LocalStorage(data), MetricCatalog.forDataDir(data));
        this.ops = OpsStore.open(data);
        this.tweak = tweak;
        this.reminders = create();
    }

    /** Without daily digests, which would share the channels and the fake's faults with the reminders. */
    ReminderWorld(Path data, TinyWarehouse warehouse, String start) throws Exception {
        this(data, warehouse, start, true, s -> s.withDailyDigest(false));
    }

    /** Fast Slack pacing for tests; the caller's tweaks on top. */
    private Reminders create() {
        ReminderSettings base = ReminderSettings.defaults(ZoneId.of("UTC")).withSlack(Duration.ofMillis(20),
                Duration.ofSeconds(5), 4);
        return Reminders.create(tweak.apply(base), clock, ops, engine,
                slack == null ? Optional.empty() : Optional.of(new SlackSettings("xoxb-test", "secret", slack.apiUrl())),
                "USD");
    }

    Reminders reminders() {
        return reminders;
    }

    ReminderLedger ledger() {
        return reminders.ledger();
    }

    /** Sets the clock, ticks and waits for the sends. */
    ReminderScheduler.TickReport tickAt(String instant) throws InterruptedException {
        clock.set(instant);
        return tick();
    }

    ReminderScheduler.TickReport tick() throws InterruptedException {
        ReminderScheduler.TickReport r = reminders.scheduler().tick();
        if (!reminders.scheduler().awaitIdle(Duration.ofSeconds(60))) {
            throw new AssertionError("deliveries still pending after 60 s");
        }
        return r;
    }

    /** Another incarnation over the same store and Slack: the old one is closed (gracefully if it can). */
    Reminders restart() {
        reminders.close();
        reminders = create();
        return reminders;
    }

    /** A second process's reminders over the same store, alongside this one's. */
    Reminders another() {
        return create();
    }

    void publish(TinyWarehouse w) throws Exception {
        w.publish(data);
        engine.refresh();
    }

    /** Ledger rows by state. */
    Map<String, Long> states() {
        return ledger().countsByState();
    }

    List<ReminderLedger.Row> sent() {
        return ledger().rows(ReminderLedger.SENT, 100_000);
    }

    static Instant t(String s) {
        return Instant.parse(s);
    }

    @Override
    public void close() {
        reminders.close();
        engine.close();
        if (slack != null) {
            slack.close();
        }
    }
}
