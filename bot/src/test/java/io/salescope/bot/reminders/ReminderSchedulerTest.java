package io.salescope.bot.reminders;

import io.salescope.bot.chat.ChatFeatures;
import io.salescope.bot.ops.NotificationStore;
import io.salescope.bot.ops.ReminderLedger;
import io.salescope.bot.slack.SlackActionHandler;
import io.salescope.bot.testing.FakeSlackApi;
import io.salescope.bot.testing.TinyWarehouse;
import io.salescope.warehouse.query.UserInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.salescope.bot.reminders.ReminderWorld.TASKS;
import static io.salescope.bot.reminders.ReminderWorld.company;
import static io.salescope.bot.reminders.ReminderWorld.t;
import static io.salescope.bot.reminders.ReminderWorld.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The scheduler end to end over a small published warehouse, the operational store, a
 * controllable clock and a fake Slack Web API on loopback. 3 July 2026 is a Friday.
 */
class ReminderSchedulerTest {

    @TempDir
    Path data;

    /** {@code n} tasks of {@code owner} all due at {@code due}. */
    static String[] tasks(String prefix, String owner, String due, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = task(prefix + String.format("%02d", i), owner, due);
        }
        return out;
    }

    @Test
    void reps_in_shanghai_and_new_york_are_reminded_in_their_own_working_hours() throws Exception {
        TinyWarehouse w = company().rows("tasks", TASKS,
                task("K1", "R1", "2026-07-06 02:00:00+00"),
                task("K2", "R2", "2026-07-08 19:00:00+00"));
        try (ReminderWorld world = new ReminderWorld(data, w, "2026-07-05T02:00:00Z")) {
            assertThat(world.tick().claimed()).as("Sunday 10:00 in Shanghai, 24 h before K1: nothing").isZero();
            world.tickAt("2026-07-06T00:59:00Z");
            assertThat(world.slack.posted()).isEmpty();
            world.tickAt("2026-07-06T01:00:00Z");
            assertThat(world.slack.posted()).singleElement().satisfies(p -> {
                assertThat(p.channel()).isEqualTo("DUR1");
                assertThat(p.keys()).containsExactly("K1|due_soon|2026-07-06T02:00:00Z|1h");
                assertThat(p.text()).contains("Call about K1").contains("到期");
            });
            world.tickAt("2026-07-07T18:59:00Z");
            world.tickAt("2026-07-07T19:00:00Z");
            assertThat(world.slack.posted()).hasSize(2);
            assertThat(world.slack.posted().get(1).channel()).isEqualTo("DUR2");
            assertThat(world.slack.posted().get(1).keys()).containsExactly("K2|due_soon|2026-07-08T19:00:00Z|24h");
            assertThat(world.slack.posted().get(1).text()).contains("Call about K2").contains("due tomorrow 15:00");
            assertThat(world.slack.calls("conversations.open")).extracting(c -> c.form().get("users"))
                    .containsExactly("UR1", "UR2");
        }
    }

    @Test
    void the_plan_equals_what_the_scheduler_sends_when_the_clock_runs_through_the_window() throws Exception {
        TinyWarehouse w = company().rows("tasks", TASKS,
                task("K1", "R1", "2026-07-06 02:00:00+00"),
                task("K2", "R2", "2026-07-08 19:00:00+00"),
                task("K3", "R3", "2026-07-07 14:00:00+00"),
                task("K4", "R1", "2026-07-06 00:00:00+00"),
                task("K5", "M1", "2026-07-02 05:00:00+00"),
                task("K6", "R2", "2026-06-20 15:00:00+00"),
                task("K7", "R4", "2026-07-07 15:00:00+00"),
                task("K8", "R1", "2026-07-07 15:00:00+00", "completed"));
        Instant from = t("2026-07-03T00:00:00Z");
        Instant to = t("2026-07-11T00:00:00Z");
        try (ReminderWorld world = new ReminderWorld(data, w, "2026-07-03T00:00:00Z", true, s -> s)) {
            List<Delivery> plan = world.reminders().scheduler().plan(from, to, true);
            assertThat(plan).extracting(d -> d.task() == null ? "digest" : d.task().taskId()).doesNotContain("K7", "K8");
            assertThat(plan).filteredOn(d -> d.task() != null && d.task().taskId().equals("K4"))
                    .extracting(Delivery::slot, Delivery::sendAt)
                    .startsWith(tuple("1h", t("2026-07-03T10:00:00Z")));
            TreeSet<Instant> ticks = new TreeSet<>();
            plan.forEach(d -> ticks.add(d.sendAt()));
            for (Instant i = from; i.isBefore(to); i = i.plus(Duration.ofHours(3))) {
                ticks.add(i);
            }
            for (Instant tick : ticks) {
                world.tickAt(tick.toString());
            }
            List<String> planned = plan.stream().map(d -> d.key() + " @" + d.sendAt() + " " + d.recipient().channel().wire())
                    .sorted().toList();
            List<String> sent = world.sent().stream().filter(r -> !r.sendAt().isBefore(from))
                    .map(r -> r.key() + " @" + r.sendAt() + " " + r.deliveredVia()).sorted().toList();
            assertThat(sent).containsExactlyElementsOf(planned);
            assertThat(world.slack.postedKeys()).doesNotHaveDuplicates();
            assertThat(world.ledger().rows(ReminderLedger.SENT, 1000)).allSatisfy(r ->
                    assertThat(Duration.between(r.sendAt(), r.sentAt())).isLessThan(Duration.ofMinutes(1)));
        }
    }

    @Test
    void nothing_is_sent_twice_across_a_restart_in_the_middle_of_a_batch() throws Exception {
        // 25 overdue tasks for one person: three messages (10, 10, 5) in one channel, one after another.
        TinyWarehouse w = company().rows("tasks", TASKS, tasks("K", "R1", "2026-07-01 02:00:00+00", 25));
        try (ReminderWorld world = new ReminderWorld(data, w, "2026-07-03T01:00:00Z", true,
                s -> s.withSlack(Duration.ofMillis(20), Duration.ofSeconds(30), 4).withDailyDigest(false))) {
            world.slack.failPosts(FakeSlackApi.Fault.NONE, FakeSlackApi.Fault.POSTED_THEN_HANG);
            world.reminders().scheduler().tick();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (world.slack.posted().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(world.slack.posted()).as("the second message reached Slack, its answer never came").hasSize(2);
            // the process dies: the second message's outcome and the third message are lost with it
            world.restart();
            world.tickAt("2026-07-03T01:11:00Z");
            assertThat(world.slack.postedKeys()).hasSize(25).doesNotHaveDuplicates();
            assertThat(world.slack.calls("chat.postMessage")).as("only the third message was posted again").hasSize(3);
            assertThat(world.slack.calls("conversations.history")).isNotEmpty();
            assertThat(world.states()).containsExactly(Map.entry("sent", 25L));
        }
    }

    @Test
    void nothing_is_lost_when_slack_fails_then_recovers() throws Exception {
        TinyWarehouse w = company().rows("tasks", TASKS, tasks("K", "R1", "2026-07-01 02:00:00+00", 25))
                .rows("tasks", TASKS, task("M", "M1", "2026-07-01 02:00:00+00"));
        try (ReminderWorld world = new ReminderWorld(data, w, "2026-07-03T01:00:00Z", true,
                s -> s.withSlack(Duration.ofMillis(20), Duration.ofMillis(700), 4).withDailyDigest(false))) {
            world.slack.slowFor(Duration.ofMillis(1500)).failPosts(FakeSlackApi.Fault.SERVER_ERROR,
                    FakeSlackApi.Fault.API_ERROR, FakeSlackApi.Fault.RATE_LIMITED, FakeSlackApi.Fault.POSTED_THEN_SLOW);
            world.tick();
            assertThat(world.states()).containsKey("failed");
            for (int i = 1; i <= 5 && world.states().containsKey("failed"); i++) {
                world.tickAt(t("2026-07-03T01:00:00Z").plus(Duration.ofMinutes(i)).toString());
            }
            assertThat(world.states()).containsExactly(Map.entry("sent", 26L));
            assertThat(world.slack.postedKeys()).hasSize(26).doesNotHaveDuplicates();
            assertThat(world.slack.calls("chat.postMessage")).as("4 messages, 4 faults, the timed-out one not again")
                    .hasSize(7);
            assertThat(world.sent()).filteredOn(r -> r.attempts() > 1).isNotEmpty();
        }
    }

    @Test
    void a_long_outage_is_retried_with_growing_waits_until_slack_answers() throws Exception {
        TinyWarehouse w = company().rows("tasks", TASKS, task("K1", "R1", "2026-07-01 02:00:00+00"));
        try (ReminderWorld world = new ReminderWorld(data, w, "2026-07-03T01:00:00Z")) {
            FakeSlackApi.Fault e = FakeSlackApi.Fault.SERVER_ERROR;
            world.slack.failPosts(e, e, e, e, e);
            String key = "K1|overdue|2026-07-01T02:00:00Z|2026-07-03";
            List<Instant> waits = new ArrayList<>();
            world.tick();
            for (int i = 0; i < 60 && !world.ledger().row(key).orElseThrow().state().equals("sent"); i++) {
                ReminderLedger.Row r = world.ledger().row(key).orElseThrow();
                if (waits.isEmpty() || !waits.get(waits.size() - 1).equals(r.nextAttemptAt())) {
                    waits.add(r.nextAttemptAt());
                }
                world.clock.advance(Duration.ofSeconds(30));
                world.tick();
            }
            ReminderLedger.Row done = world.ledger().row(key).orElseThrow();
            assertThat(done.state()).isEqualTo("sent");
            assertThat(done.attempts()).isEqualTo(6);
            assertThat(waits).containsExactly(t("2026-07-03T01:00:30Z"), t("2026-07-03T01:01:30Z"),
                    t("2026-07-03T01:03:30Z"), t("2026-07-03T01:07:30Z"), t("2026-07-03T01:15:30Z"));
            assertThat(world.slack.calls("chat.postMessage")).hasSize(6);
            assertThat(world.slack.postedKeys()).containsExactly(key);
        }
    }

    @Test
    void two_schedulers_ticking_at_once_send_each_reminder_once() throws Exception {
        TinyWarehouse w = company().rows("tasks", TASKS, tasks("K", "R1", "2026-07-01 02:00:00+00", 30))
                .rows("tasks", TASKS, tasks("M", "M1", "2026-07-01 02:00:00+00", 30));
        try (ReminderWorld world = new ReminderWorld(data, w, "2026-07-03T01:00:00Z");
             Reminders other = world.another()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<ReminderScheduler.TickReport>> runs = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    runs.add(pool.submit(() -> world.reminders().scheduler().tick()));
                    runs.add(pool.submit(() -> other.scheduler().tick()));
                }
                int claimed = 0;
                for (Future<ReminderScheduler.TickReport> f : runs) {
                    claimed += f.get().claimed();
                }
                assertThat(claimed).isEqualTo(60);
            } finally {
                pool.shutdownNow();
            }
            world.reminders().scheduler().awaitIdle(Duration.ofSeconds(30));
            other.scheduler().awaitIdle(Duration.ofSeconds(30));
            assertThat(world.slack.postedKeys()).hasSize(60).doesNotHaveDuplicates();
            assertThat(world.states()).containsExactly(Map.entry("sent", 60L));
        }
    }

    @Test
    void a_daylight_saving_change_keeps_reminders_at_nine_local_and_weekends_stay_quiet() throws Exception {
        // due Thu 5 Mar 2026 16:00 EST; DST starts Sun 8 Mar in New York
        TinyWarehouse w = company().rows("tasks", TASKS, task("K1", "R2", "2026-03-05 21:00:00+00"));
        try (ReminderWorld world = new ReminderWorld(data, w, "2026-03-04T18:00:00Z")) {
            for (Instant i = t("2026-03-04T18:00:00Z"); i.isBefore(t("2026-03-10T18:00:00Z")); i = i.plus(Duration.ofHours(1))) {
                world.tickAt(i.toString());
            }
            assertThat(world.sent()).filteredOn(r -> "K1".equals(r.taskId()))
                    .extracting(ReminderLedger.Row::sendAt, ReminderLedger.Row::sentAt)
                    .containsExactlyInAnyOrder(
                            tuple(t("2026-03-04T21:00:00Z"), t("2026-03-04T21:00:00Z")),
                            tuple(t("2026-03-05T20:00:00Z"), t("2026-03-05T20:00:00Z")),
                            tuple(t("2026-03-06T14:00:00Z"), t("2026-03-06T14:00:00Z")),
                            tuple(t("2026-03-09T13:00:00Z"), t("2026-03-09T13:00:00Z")),
                            tuple(t("2026-03-10T13:00:00Z"), t("2026-03-10T13:00:00Z")));
            assertThat(world.slack.posted()).extracting(p -> p.keys().get(0))
                    .filteredOn(k -> k.startsWith("K1")).hasSize(5);
        }
    }

    @Test
    void snooze_and_done_from_the_message_buttons_change_what_is_sent() throws Exception {
        TinyWarehouse w = company().rows("tasks", TASKS, task("K2", "R2", "2026-07-08 19:00:00+00"));
        try (ReminderWorld world = new ReminderWorld(data, w, "2026-07-07T19:00:00Z");
             ChatFeatures chat = new ChatFeatures(world.reminders(), world.engine)) {
            world.tick();
            assertThat(world.slack.postedKeys()).containsExactly("K2|due_soon|2026-07-08T19:00:00Z|24h");
            UserInfo rita = world.engine.user("rita@x.io").orElseThrow();
            UserInfo ruo = world.engine.user("ruo@x.io").orElseThrow();
            Recorder stranger = new Recorder();
            chat.buttons().handle(ReminderMessages.ACTION_DONE, "K2", ruo, List.of(), stranger);
            assertThat(stranger.ephemeral).singleElement().asString().contains("只有任务负责人或其经理");

            world.clock.set("2026-07-07T19:05:00Z");
            Recorder snoozed = new Recorder();
            var original = world.reminders().messages().slack(
                    List.of(world.reminders().scheduler().planner().currentReminder(world.reminders().tasks().find("K2").orElseThrow(),
                            world.reminders().recipients().people(List.of(rita)).get("R2"), world.clock.instant()).orElseThrow()),
                    world.clock.instant()).blocks();
            chat.buttons().handle(ReminderMessages.ACTION_SNOOZE_HOUR, "K2", rita, original, snoozed);
            assertThat(snoozed.replaced).singleElement().asString().contains("Snoozed").contains("today 16:05");
            assertThat(snoozed.blocks.toString()).doesNotContain("task_snooze_1h");

            world.tickAt("2026-07-07T20:04:00Z");
            assertThat(world.slack.posted()).hasSize(1);
            world.tickAt("2026-07-07T20:05:00Z");
            assertThat(world.slack.postedKeys()).last().isEqualTo("K2|due_soon|2026-07-08T19:00:00Z|snooze@2026-07-07T19:05:00Z");

            world.clock.set("2026-07-07T20:10:00Z");
            Recorder done = new Recorder();
            chat.buttons().handle(ReminderMessages.ACTION_DONE, "K2", rita, List.of(), done);
            assertThat(done.replaced).singleElement().asString().contains("Done by Rita Reed");
            for (String at : List.of("2026-07-08T18:00:00Z", "2026-07-09T13:00:00Z", "2026-07-10T13:00:00Z")) {
                world.tickAt(at);
            }
            assertThat(world.slack.posted()).hasSize(2);
        }
    }

    @Test
    void a_due_date_changed_in_a_newer_ingest_reschedules_the_reminders_and_a_completed_task_gets_none() throws Exception {
        TinyWarehouse v1 = company().rows("tasks", TASKS, task("K2", "R2", "2026-07-08 19:00:00+00"),
                task("K3", "R2", "2026-07-08 19:00:00+00"));
        try (ReminderWorld world = new ReminderWorld(data, v1, "2026-07-07T19:00:00Z")) {
            world.tick();
            assertThat(world.slack.postedKeys()).containsExactlyInAnyOrder("K2|due_soon|2026-07-08T19:00:00Z|24h",
                    "K3|due_soon|2026-07-08T19:00:00Z|24h");
            world.publish(v1.copy().replace("tasks", TASKS,
                    "'K2', 'R2', 'Call about K2', TIMESTAMPTZ '2026-07-10 19:00:00+00', 'open', 'normal', 'A1',"
                            + " TIMESTAMPTZ '2026-07-07 20:00:00+00'",
                    task("K3", "R2", "2026-07-08 19:00:00+00", "completed")));
            world.tickAt("2026-07-08T18:00:00Z");
            world.tickAt("2026-07-09T13:00:00Z");
            assertThat(world.slack.postedKeys()).as("neither the old 1 h reminder nor the completed task's").hasSize(2);
            world.tickAt("2026-07-09T19:00:00Z");
            assertThat(world.slack.postedKeys()).last().isEqualTo("K2|due_soon|2026-07-10T19:00:00Z|24h");
        }
    }

    @Test
    void people_without_slack_get_web_notifications_and_inactive_people_get_nothing() throws Exception {
        TinyWarehouse w = company()
                .rows("users", ReminderWorld.USERS, "'R5', 'Rosa Ruiz', 'rosa@x.io', 'T2', 'rep', 'America/New_York', 'en', true, NULL")
                .rows("tasks", TASKS,
                        task("K3", "R3", "2026-07-01 10:00:00+00"),
                        task("K4", "R4", "2026-07-01 10:00:00+00"),
                        task("K5", "R5", "2026-07-01 10:00:00+00"));
        try (ReminderWorld world = new ReminderWorld(data, w, "2026-07-03T07:00:00Z")) {
            world.slack.slackUser("rosa@x.io", "UROSA");
            world.tick();
            world.tickAt("2026-07-03T13:00:00Z");
            List<NotificationStore.Notification> rolf = new NotificationStore(world.ops).latest("R3", 10);
            assertThat(rolf).singleElement().satisfies(n -> {
                assertThat(n.kind()).isEqualTo("overdue");
                assertThat(n.text()).contains("Call about K3").contains("Europe/Berlin");
                assertThat(n.textZh()).contains("已逾期");
                assertThat(n.link()).isEqualTo("#task=K3");
            });
            assertThat(world.slack.posted()).singleElement().satisfies(p -> {
                assertThat(p.channel()).isEqualTo("DUROSA");
                assertThat(p.keys()).containsExactly("K5|overdue|2026-07-01T10:00:00Z|2026-07-03");
            });
            assertThat(world.ledger().rows(null, 100)).extracting(ReminderLedger.Row::taskId).doesNotContain("K4");
            assertThat(world.slack.calls("users.lookupByEmail")).extracting(c -> c.form().get("email"))
                    .contains("rosa@x.io", "rolf@x.io").doesNotContain("ron@x.io");
        }
    }

    @Test
    void slack_messages_are_paced_per_channel_and_sent_in_parallel_across_channels() throws Exception {
        TinyWarehouse w = company().rows("tasks", TASKS, tasks("K", "R1", "2026-07-01 02:00:00+00", 30))
                .rows("tasks", TASKS, tasks("M", "M1", "2026-07-01 02:00:00+00", 30));
        try (ReminderWorld world = new ReminderWorld(data, w, "2026-07-03T01:00:00Z", true,
                s -> s.withSlack(Duration.ofMillis(400), Duration.ofSeconds(5), 4).withDailyDigest(false))) {
            world.tick();
            List<FakeSlackApi.Posted> reminders = world.slack.posted().stream()
                    .filter(p -> p.keys().get(0).contains("|overdue|")).toList();
            Map<String, List<FakeSlackApi.Posted>> byChannel = reminders.stream()
                    .collect(Collectors.groupingBy(FakeSlackApi.Posted::channel));
            assertThat(byChannel.keySet()).containsExactlyInAnyOrder("DUR1", "DUM1");
            for (List<FakeSlackApi.Posted> posts : byChannel.values()) {
                assertThat(posts).hasSize(3);
                for (int i = 1; i < posts.size(); i++) {
                    assertThat(Duration.ofNanos(posts.get(i).atNanos() - posts.get(i - 1).atNanos()))
                            .isGreaterThanOrEqualTo(Duration.ofMillis(380));
                }
            }
            long first = reminders.stream().mapToLong(FakeSlackApi.Posted::atNanos).min().orElseThrow();
            long last = reminders.stream().mapToLong(FakeSlackApi.Posted::atNanos).max().orElseThrow();
            assertThat(Duration.ofNanos(last - first)).as("two channels side by side, not one after the other")
                    .isLessThan(Duration.ofMillis(1600));
            assertThat(world.slack.posted()).filteredOn(p -> p.channel().equals("DUR1"))
                    .extracting(p -> p.keys().size()).containsExactly(10, 10, 10);
        }
    }

    @Test
    void the_weekly_report_goes_to_its_channel_on_monday_morning_with_a_chart() throws Exception {
        TinyWarehouse w = company()
                .rows("stages", "stage, position, probability, category", "'Demo', 1, 40, 'open'", "'Won', 2, 100, 'won'",
                        "'Lost', 3, 0, 'lost'")
                .rows("opportunities", "opportunity_id, owner_id, account_id, stage, stage_category, amount_converted,"
                                + " close_date, created_at, modified_at, currency",
                        "'O1', 'R2', 'A1', 'Demo', 'open', 25000, DATE '2026-07-30', TIMESTAMPTZ '2026-05-01 00:00:00+00',"
                                + " TIMESTAMPTZ '2026-05-01 00:00:00+00', 'USD'");
        try (ReminderWorld world = new ReminderWorld(data, w, "2026-07-06T08:59:00Z", true,
                s -> s.withDailyDigest(false).withWeeklyChannel("#sales"))) {
            world.tick();
            assertThat(world.slack.posted()).isEmpty();
            world.tickAt("2026-07-06T09:00:00Z");
            FakeSlackApi.Posted report = world.slack.posted().get(0);
            assertThat(report.channel()).isEqualTo("#sales");
            assertThat(report.keys()).containsExactly("weekly_report|channel:#sales|2026-W28");
            assertThat(report.text()).startsWith("Weekly pipeline report · whole company · W28");
            assertThat(report.blocks()).contains("Open pipeline: USD 25,000").contains("no forecast has been published yet");
            FakeSlackApi.Call upload = world.slack.await(c -> c.method().equals("files.completeUploadExternal"),
                    Duration.ofSeconds(10));
            assertThat(upload.form().get("channel_id")).isEqualTo("#sales");
            assertThat(upload.form().get("thread_ts")).isEqualTo(report.ts());
            world.tickAt("2026-07-07T09:00:00Z");
            assertThat(world.slack.posted()).hasSize(1);
        }
    }

    /** Records how a button click was answered. */
    static final class Recorder implements SlackActionHandler.SlackResponder {
        final List<String> replaced = new ArrayList<>();
        final List<String> ephemeral = new ArrayList<>();
        List<com.slack.api.model.block.LayoutBlock> blocks = List.of();

        @Override
        public void replaceOriginal(String text, List<com.slack.api.model.block.LayoutBlock> blocks) {
            replaced.add(text);
            this.blocks = blocks;
        }

        @Override
        public void ephemeral(String text) {
            ephemeral.add(text);
        }
    }
}
