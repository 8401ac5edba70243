package io.salescope.bot.reminders;

import io.salescope.bot.tasks.Task;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static io.salescope.bot.reminders.Fixtures.closed;
import static io.salescope.bot.reminders.Fixtures.person;
import static io.salescope.bot.reminders.Fixtures.snoozed;
import static io.salescope.bot.reminders.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The reminder rules on tasks whose reminders are worked out by hand in the comments.
 * 6 July 2026 is a Monday; Shanghai is UTC+8; New York is UTC-4 in summer, UTC-5 before 8 March 2026.
 */
class ReminderPlannerTest {

    static final ReminderPlanner PLANNER = new ReminderPlanner(ReminderSettings.defaults(ZoneId.of("UTC")));
    static final Recipient SHANGHAI = person("R1", "Asia/Shanghai");
    static final Recipient NEW_YORK = person("R2", "America/New_York");

    static Instant t(String s) {
        return Instant.parse(s);
    }

    static List<Delivery> plan(Task task, Recipient r, String from, String to) {
        return PLANNER.reminders(task, r, t(from), t(to));
    }

    @Test
    void a_shanghai_task_due_monday_ten_is_reminded_once_at_nine_then_daily_when_overdue() {
        // due Mon 10:00 local (02:00Z). 24 h before is Sun 10:00 -> Mon 09:00 (01:00Z); 1 h before is Mon 09:00 too:
        // the two coincide, so only the more urgent (1 h) goes. Overdue: Tue and Wed 09:00 local.
        Task k = task("K1", "R1", "2026-07-06T02:00:00Z");
        assertThat(plan(k, SHANGHAI, "2026-07-03T00:00:00Z", "2026-07-09T00:00:00Z"))
                .extracting(d -> d.kind(), Delivery::slot, Delivery::sendAt)
                .containsExactly(
                        tuple(DeliveryKind.DUE_SOON, "1h", t("2026-07-06T01:00:00Z")),
                        tuple(DeliveryKind.OVERDUE, "2026-07-07", t("2026-07-07T01:00:00Z")),
                        tuple(DeliveryKind.OVERDUE, "2026-07-08", t("2026-07-08T01:00:00Z")));
    }

    @Test
    void a_new_york_task_gets_both_reminders_in_working_hours_and_no_overdue_reminder_at_the_weekend() {
        // due Wed 8 Jul 15:00 EDT (19:00Z): 24 h -> Tue 15:00 (19:00Z), 1 h -> Wed 14:00 (18:00Z);
        // overdue Thu, Fri, Mon at 09:00 EDT (13:00Z), nothing on Sat and Sun.
        Task k = task("K2", "R2", "2026-07-08T19:00:00Z");
        assertThat(plan(k, NEW_YORK, "2026-07-06T00:00:00Z", "2026-07-14T00:00:00Z"))
                .extracting(d -> d.kind(), Delivery::slot, Delivery::sendAt)
                .containsExactly(
                        tuple(DeliveryKind.DUE_SOON, "24h", t("2026-07-07T19:00:00Z")),
                        tuple(DeliveryKind.DUE_SOON, "1h", t("2026-07-08T18:00:00Z")),
                        tuple(DeliveryKind.OVERDUE, "2026-07-09", t("2026-07-09T13:00:00Z")),
                        tuple(DeliveryKind.OVERDUE, "2026-07-10", t("2026-07-10T13:00:00Z")),
                        tuple(DeliveryKind.OVERDUE, "2026-07-13", t("2026-07-13T13:00:00Z")));
    }

    @Test
    void reminders_closer_than_an_hour_apart_are_one_reminder() {
        // due Mon 10:01 Shanghai: 24 h -> Mon 09:00, 1 h -> Mon 09:01; one minute apart, only the 1 h one goes
        Task k = task("K3", "R1", "2026-07-06T02:01:00Z");
        assertThat(plan(k, SHANGHAI, "2026-07-03T00:00:00Z", "2026-07-06T12:00:00Z"))
                .extracting(Delivery::slot, Delivery::sendAt)
                .containsExactly(tuple("1h", t("2026-07-06T01:01:00Z")));
    }

    @Test
    void a_task_due_before_monday_nine_is_reminded_at_friday_six_pm() {
        // due Mon 08:00 Shanghai (00:00Z), created on Wednesday: no working time between Fri 18:00 and the due time
        Task k = task("K4", "R1", "2026-07-06T00:00:00Z", "2026-07-01T02:00:00Z");
        assertThat(plan(k, SHANGHAI, "2026-07-01T00:00:00Z", "2026-07-06T01:00:00Z"))
                .extracting(Delivery::slot, Delivery::sendAt)
                .containsExactly(tuple("1h", t("2026-07-03T10:00:00Z")));
    }

    @Test
    void a_task_created_at_the_weekend_for_monday_early_is_reminded_immediately() {
        Task k = task("K5", "R1", "2026-07-06T00:00:00Z", "2026-07-04T02:00:00Z");
        assertThat(plan(k, SHANGHAI, "2026-07-01T00:00:00Z", "2026-07-06T01:00:00Z"))
                .extracting(Delivery::slot, Delivery::sendAt)
                .containsExactly(tuple("1h", t("2026-07-04T02:00:00Z")));
    }

    @Test
    void no_reminder_is_planned_for_a_moment_before_the_task_existed() {
        // due Wed 17:00 Shanghai (09:00Z), created Wed 10:00 (02:00Z): the 24 h reminder would be Tuesday
        Task k = task("K6", "R1", "2026-07-08T09:00:00Z", "2026-07-08T02:00:00Z");
        assertThat(plan(k, SHANGHAI, "2026-07-06T00:00:00Z", "2026-07-08T09:00:00Z"))
                .extracting(Delivery::slot, Delivery::sendAt)
                .containsExactly(tuple("1h", t("2026-07-08T08:00:00Z")));
    }

    @Test
    void overdue_reminders_follow_nine_local_across_the_daylight_saving_change() {
        // due Thu 5 Mar 16:00 EST (21:00Z); 1 h before Thu 20:00Z; overdue Fri 6 Mar 09:00 EST = 14:00Z,
        // then DST: Mon 9 and Tue 10 Mar 09:00 EDT = 13:00Z
        Task k = task("K7", "R2", "2026-03-05T21:00:00Z");
        assertThat(plan(k, NEW_YORK, "2026-03-05T00:00:00Z", "2026-03-11T00:00:00Z"))
                .extracting(d -> d.kind(), Delivery::sendAt)
                .containsExactly(
                        tuple(DeliveryKind.DUE_SOON, t("2026-03-05T20:00:00Z")),
                        tuple(DeliveryKind.OVERDUE, t("2026-03-06T14:00:00Z")),
                        tuple(DeliveryKind.OVERDUE, t("2026-03-09T13:00:00Z")),
                        tuple(DeliveryKind.OVERDUE, t("2026-03-10T13:00:00Z")));
    }

    @Test
    void overdue_reminders_start_the_first_working_morning_after_the_due_time_and_stop_after_thirty_days() {
        // due Fri 1 May 2026 10:00Z = 06:00 EDT, before that day's working hours: overdue from Fri 09:00 EDT (13:00Z);
        // the last slot within 30 days is Fri 29 May 09:00 EDT: 21 working days in all
        Task k = task("K8", "R2", "2026-05-01T10:00:00Z");
        List<Delivery> all = plan(k, NEW_YORK, "2026-05-01T00:00:00Z", "2026-07-01T00:00:00Z");
        assertThat(all.get(0).sendAt()).isEqualTo(t("2026-05-01T13:00:00Z"));
        assertThat(all.get(all.size() - 1).sendAt()).isEqualTo(t("2026-05-29T13:00:00Z"));
        assertThat(all).extracting(Delivery::kind).containsOnly(DeliveryKind.OVERDUE);
        assertThat(all).hasSize(21);
        assertThat(PLANNER.currentReminder(k, NEW_YORK, t("2026-07-07T14:00:00Z"))).isEmpty();
    }

    @Test
    void the_current_reminder_is_the_latest_sent_until_the_next_one_is_due() {
        Task k = task("K2", "R2", "2026-07-08T19:00:00Z");
        assertThat(PLANNER.currentReminder(k, NEW_YORK, t("2026-07-06T00:00:00Z"))).isEmpty();
        Delivery first = PLANNER.currentReminder(k, NEW_YORK, t("2026-07-07T19:30:00Z")).orElseThrow();
        assertThat(first.slot()).isEqualTo("24h");
        assertThat(first.validUntil()).isEqualTo(t("2026-07-08T18:00:00Z"));
        assertThat(PLANNER.currentReminder(k, NEW_YORK, t("2026-07-09T12:59:59Z")).orElseThrow().slot()).isEqualTo("1h");
        Delivery overdue = PLANNER.currentReminder(k, NEW_YORK, t("2026-07-09T13:00:00Z")).orElseThrow();
        assertThat(overdue.slot()).isEqualTo("2026-07-09");
        assertThat(overdue.validUntil()).isEqualTo(t("2026-07-10T13:00:00Z"));
        assertThat(overdue.key()).isEqualTo("K2|overdue|2026-07-08T19:00:00Z|2026-07-09");
        assertThat(PLANNER.currentReminder(closed(k), NEW_YORK, t("2026-07-09T13:00:00Z"))).isEmpty();
        assertThat(PLANNER.reminders(closed(k), NEW_YORK, t("2026-07-01T00:00:00Z"), t("2026-08-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void a_one_hour_snooze_adds_a_reminder_an_hour_after_the_click_and_ends_the_one_clicked() {
        Task k = snoozed(task("K2", "R2", "2026-07-08T19:00:00Z"), "2026-07-07T19:05:00Z", "2026-07-07T20:05:00Z");
        assertThat(plan(k, NEW_YORK, "2026-07-07T00:00:00Z", "2026-07-09T00:00:00Z"))
                .extracting(d -> d.kind(), Delivery::slot, Delivery::sendAt)
                .containsExactly(
                        tuple(DeliveryKind.DUE_SOON, "24h", t("2026-07-07T19:00:00Z")),
                        tuple(DeliveryKind.DUE_SOON, "snooze@2026-07-07T19:05:00Z", t("2026-07-07T20:05:00Z")),
                        tuple(DeliveryKind.DUE_SOON, "1h", t("2026-07-08T18:00:00Z")));
        assertThat(PLANNER.currentReminder(k, NEW_YORK, t("2026-07-07T19:30:00Z"))).as("the clicked one is done").isEmpty();
        assertThat(PLANNER.currentReminder(k, NEW_YORK, t("2026-07-07T20:10:00Z")).orElseThrow().slot()).startsWith("snooze@");
    }

    @Test
    void a_one_day_snooze_past_the_due_time_replaces_the_next_overdue_reminder() {
        // clicked Wed 14:05 EDT after the 1 h reminder: back Thu 14:05 EDT, which replaces Thu 09:00
        Task k = snoozed(task("K2", "R2", "2026-07-08T19:00:00Z"), "2026-07-08T18:05:00Z", "2026-07-09T18:05:00Z");
        assertThat(plan(k, NEW_YORK, "2026-07-08T00:00:00Z", "2026-07-11T00:00:00Z"))
                .extracting(d -> d.kind(), Delivery::sendAt)
                .containsExactly(
                        tuple(DeliveryKind.DUE_SOON, t("2026-07-08T18:00:00Z")),
                        tuple(DeliveryKind.OVERDUE, t("2026-07-09T18:05:00Z")),
                        tuple(DeliveryKind.OVERDUE, t("2026-07-10T13:00:00Z")));
    }

    @Test
    void a_one_day_snooze_on_friday_comes_back_on_monday_morning() {
        // clicked Fri 10 Jul 15:00 EDT: Sat 15:00 is not a working time -> Mon 09:00 EDT, replacing Monday's slot
        Task k = snoozed(task("K2", "R2", "2026-07-08T19:00:00Z"), "2026-07-10T19:00:00Z", "2026-07-11T19:00:00Z");
        assertThat(plan(k, NEW_YORK, "2026-07-10T14:00:00Z", "2026-07-15T00:00:00Z"))
                .extracting(Delivery::slot, Delivery::sendAt)
                .containsExactly(
                        tuple("snooze@2026-07-10T19:00:00Z", t("2026-07-13T13:00:00Z")),
                        tuple("2026-07-14", t("2026-07-14T13:00:00Z")));
    }

    @Test
    void a_late_overdue_reminder_waits_for_working_hours_but_an_urgent_due_soon_one_goes_at_once() {
        Task k = task("K2", "R2", "2026-07-08T19:00:00Z");
        Delivery thursday = PLANNER.currentReminder(k, NEW_YORK, t("2026-07-09T13:05:00Z")).orElseThrow();
        assertThat(PLANNER.deliverable(thursday, t("2026-07-09T13:05:00Z"))).as("on time").isTrue();
        assertThat(PLANNER.deliverable(thursday, t("2026-07-09T23:30:00Z"))).as("19:30 local, ten hours late").isFalse();
        assertThat(PLANNER.deliverable(thursday, t("2026-07-09T15:00:00Z"))).as("11:00 local, late but working").isTrue();
        // due Mon 08:00 Shanghai, its reminder went Fri 18:00; found late on Saturday, nothing working is left: goes
        Task early = task("K4", "R1", "2026-07-06T00:00:00Z", "2026-07-01T02:00:00Z");
        Delivery d = PLANNER.currentReminder(early, SHANGHAI, t("2026-07-04T03:00:00Z")).orElseThrow();
        assertThat(d.kind()).isEqualTo(DeliveryKind.DUE_SOON);
        assertThat(PLANNER.deliverable(d, t("2026-07-04T03:00:00Z"))).isTrue();
    }

    @Test
    void daily_digests_go_at_the_start_of_each_working_day_and_weekly_reports_on_monday() {
        Recipient manager = person("M1", "Asia/Shanghai");
        assertThat(PLANNER.dailyDigests(manager, t("2026-07-03T00:00:00Z"), t("2026-07-08T00:00:00Z")))
                .extracting(Delivery::slot, Delivery::sendAt)
                .containsExactly(tuple("2026-07-03", t("2026-07-03T01:00:00Z")), tuple("2026-07-06", t("2026-07-06T01:00:00Z")),
                        tuple("2026-07-07", t("2026-07-07T01:00:00Z")));
        Recipient channel = new Recipient("channel:#sales", null, ZoneId.of("UTC"), "en", Channel.SLACK, null, "#sales");
        assertThat(PLANNER.weeklyReports(channel, t("2026-07-01T00:00:00Z"), t("2026-07-15T00:00:00Z")))
                .extracting(Delivery::slot, Delivery::sendAt)
                .containsExactly(tuple("2026-W28", t("2026-07-06T09:00:00Z")), tuple("2026-W29", t("2026-07-13T09:00:00Z")));
        Delivery current = PLANNER.currentWeeklyReport(channel, t("2026-07-08T12:00:00Z")).orElseThrow();
        assertThat(current.slot()).isEqualTo("2026-W28");
        assertThat(current.key()).isEqualTo("weekly_report|channel:#sales|2026-W28");
    }
}
