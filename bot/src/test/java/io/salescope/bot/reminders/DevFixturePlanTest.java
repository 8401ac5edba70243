package io.salescope.bot.reminders;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.salescope.bot.cli.SalescopeService;
import io.salescope.bot.ops.NotificationStore;
import io.salescope.bot.ops.ReminderLedger;
import io.salescope.bot.testing.DevFixtureWarehouse;
import io.salescope.core.cli.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static io.salescope.bot.reminders.ReminderWorld.t;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan view over the dev fixture (shared/fixtures/dev-crm, reference date 2026-06-30) for
 * Wednesday 1 July 2026 00:00 UTC to Saturday 4 July 00:00 UTC, with Slack on: exactly the
 * reminders an independent implementation of the rules computed
 * ({@code src/test/resources/reminders/dev-plan.py}), a few of them worked out by hand below;
 * and the scheduler, with the clock run through the window, sends exactly those.
 */
class DevFixturePlanTest {

    static final Instant FROM = t("2026-07-01T00:00:00Z");
    static final Instant TO = t("2026-07-04T00:00:00Z");

    @TempDir
    static Path data;

    static ReminderWorld world;
    static List<Delivery> plan;

    @BeforeAll
    static void publish() throws Exception {
        world = new ReminderWorld(data, dir -> DevFixtureWarehouse.publish(DevFixtureWarehouse.devFixture(), dir),
                "2026-07-01T00:00:00Z", true, s -> s.withDailyDigest(false));
        plan = world.reminders().scheduler().plan(FROM, TO, false);
    }

    @AfterAll
    static void close() {
        world.close();
    }

    static List<String> expected() throws IOException {
        try (InputStream in = DevFixturePlanTest.class.getResourceAsStream("/reminders/dev-plan-2026-07-01.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    static List<String> lines(List<Delivery> plan) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (Delivery d : plan) {
            out.add(json.writeValueAsString(io.salescope.bot.cli.RemindersCommand.planLine(d)));
        }
        return out;
    }

    @Test
    void the_plan_lists_exactly_the_reminders_an_independent_implementation_of_the_rules_computed() throws Exception {
        assertThat(lines(plan)).containsExactlyElementsOf(expected());
        assertThat(plan).hasSize(185);
    }

    @Test
    void reminders_worked_out_by_hand_are_in_the_plan_at_local_working_hours() {
        // Erik Nilsson (Stockholm, UTC+2): BTK01047 due Fri 3 Jul 13:00 local = 11:00Z.
        // 24 h before: Thu 13:00 local = 11:00Z (working); 1 h before: Fri 12:00 local = 10:00Z.
        assertThat(sends("BTK01047")).containsExactly("due_soon 2026-07-02T11:00:00Z slack", "due_soon 2026-07-03T10:00:00Z slack");
        // He Jing (Shanghai, UTC+8): BTK01235 due Sat 4 Jul 07:15Z = 15:15 local, a Saturday.
        // 24 h before: Fri 15:15 local = 07:15Z (working). 1 h before: Sat 14:15, not working, and the next
        // working period (Mon 09:00) is after the due time: the latest working moment before it, Fri 18:00 = 10:00Z.
        assertThat(sends("BTK01235")).containsExactly("due_soon 2026-07-03T07:15:00Z slack", "due_soon 2026-07-03T10:00:00Z slack");
        // Luo Xiaodong (Shanghai, no Slack id): BTK01061 due "2026-07-05", a date: Sun 5 Jul 00:00Z = 08:00 local.
        // Both 24 h (Sat 08:00) and 1 h (Sun 07:00) before fall at the weekend with Monday 09:00 after the due time:
        // both go to Fri 18:00 local (10:00Z) and are one reminder, on the web page.
        assertThat(sends("BTK01061")).containsExactly("due_soon 2026-07-03T10:00:00Z web");
        // Olivia Scott (Chicago, UTC-5 in summer): BTK01243 due Fri 3 Jul 21:00Z = 16:00 local:
        // Thu 16:00 local = 21:00Z and Fri 15:00 local = 20:00Z.
        assertThat(sends("BTK01243")).containsExactly("due_soon 2026-07-02T21:00:00Z slack", "due_soon 2026-07-03T20:00:00Z slack");
        // Erik's BTK01009 was due 2026-06-01T21:27:35+02:00: overdue at 09:00 local (07:00Z) on Wed 1 and Thu 2 Jul;
        // by Fri 3 Jul 09:00 it is overdue by more than 30 days, so no more reminders.
        assertThat(sends("BTK01009")).containsExactly("overdue 2026-07-01T07:00:00Z slack", "overdue 2026-07-02T07:00:00Z slack");
        // Wu Gang is inactive: nothing for his tasks.
        assertThat(plan).noneMatch(d -> "wu.gang@borealis-software.com".equals(d.recipient().email()));
    }

    private static List<String> sends(String taskId) {
        return plan.stream().filter(d -> d.task().taskId().equals(taskId))
                .map(d -> d.kind().wire() + " " + d.sendAt() + " " + d.recipient().channel().wire()).toList();
    }

    @Test
    void the_plan_command_prints_the_same_json_lines() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = Cli.execute(new SalescopeService(), "--data", data.toString(), "reminders", "plan",
                    "--from", "2026-07-01T00:00:00Z", "--to", "2026-07-04", "--json");
        } finally {
            System.setOut(old);
        }
        assertThat(exit).isZero();
        // The command runs without Slack settings here, so everyone gets the web channel.
        List<String> web = expected().stream().map(l -> l.replace("\"channel\":\"slack\"", "\"channel\":\"web\"")).toList();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactlyElementsOf(web);
    }

    @Test
    void the_scheduler_sends_what_the_plan_lists_when_the_clock_runs_through_the_window() throws Exception {
        TreeSet<Instant> ticks = new TreeSet<>();
        plan.forEach(d -> ticks.add(d.sendAt()));
        for (Instant i = FROM; i.isBefore(TO); i = i.plus(Duration.ofHours(3))) {
            ticks.add(i);
        }
        for (Instant tick : ticks) {
            world.tickAt(tick.toString());
        }
        List<String> planned = plan.stream().map(d -> d.key() + " " + d.sendAt() + " " + d.recipient().channel().wire())
                .sorted().toList();
        List<ReminderLedger.Row> sent = world.sent().stream().filter(r -> !r.sendAt().isBefore(FROM)).toList();
        assertThat(sent.stream().map(r -> r.key() + " " + r.sendAt() + " " + r.deliveredVia()).sorted().toList())
                .containsExactlyElementsOf(planned);
        assertThat(sent).allSatisfy(r -> assertThat(r.sentAt()).isEqualTo(r.sendAt()));
        List<String> slackKeys = world.slack.postedKeys().stream()
                .filter(k -> plan.stream().anyMatch(d -> d.key().equals(k))).toList();
        assertThat(slackKeys).doesNotHaveDuplicates()
                .hasSize((int) plan.stream().filter(d -> d.recipient().channel() == Channel.SLACK).count());
        List<NotificationStore.Notification> luo = new NotificationStore(world.ops).latest("R14", 100);
        assertThat(luo).extracting(NotificationStore.Notification::link).contains("#task=BTK01061");
    }
}
