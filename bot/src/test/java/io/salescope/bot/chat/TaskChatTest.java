package io.salescope.bot.chat;

import io.salescope.bot.ops.NotificationStore;
import io.salescope.bot.ops.OpsStore;
import io.salescope.bot.reminders.ReminderSettings;
import io.salescope.bot.reminders.Reminders;
import io.salescope.bot.service.AskOutcome;
import io.salescope.bot.service.AskService;
import io.salescope.bot.service.ChatReply;
import io.salescope.bot.service.Interpreters;
import io.salescope.bot.tasks.Task;
import io.salescope.bot.testing.DevFixtureWarehouse;
import io.salescope.bot.testing.MutableClock;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.store.LocalStorage;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.engine.DuckDbMetricEngine;
import io.salescope.warehouse.query.UserInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Task commands and reports through the question path over the dev fixture, with the real
 * parser behind them. "Now" is Wednesday 1 July 2026, 02:00 UTC (10:00 in Shanghai, 04:00 in
 * Copenhagen, 22:00 on Tuesday in New York).
 */
class TaskChatTest {

    @TempDir
    static Path data;

    static DuckDbMetricEngine engine;
    static Reminders reminders;
    static ChatFeatures chat;
    static AskService ask;
    static MutableClock clock = MutableClock.at("2026-07-01T02:00:00Z");

    @BeforeAll
    static void start() throws Exception {
        DevFixtureWarehouse.publish(DevFixtureWarehouse.devFixture(), data);
        SalescopeConfig config = SalescopeConfig.defaults().withDataDir(data.toString()).withToday(LocalDate.of(2026, 6, 30));
        engine = new DuckDbMetricEngine(config, new LocalStorage(data), MetricCatalog.forDataDir(data));
        reminders = Reminders.create(ReminderSettings.defaults(ZoneId.of("UTC")), clock, OpsStore.open(data), engine,
                Optional.empty(), "USD");
        chat = new ChatFeatures(reminders, engine);
        ask = new AskService(engine, Interpreters.standard(engine, "USD"), "USD", 1, chat.commands());
    }

    @AfterAll
    static void stop() {
        chat.close();
        reminders.close();
        engine.close();
    }

    static UserInfo user(String email) {
        return engine.user(email).orElseThrow();
    }

    static ChatReply handled(AskOutcome o) {
        assertThat(o).isInstanceOf(AskOutcome.Handled.class);
        return ((AskOutcome.Handled) o).reply();
    }

    @Test
    void a_manager_assigns_a_task_in_chinese_to_someone_in_their_team() {
        ChatReply r = handled(ask.ask("给赵敏分配任务:周五前回访ACME", user("xu.zhiyuan@borealis-software.com"), "slack"));
        assertThat(r.kind()).isEqualTo("task_created");
        assertThat(r.text()).startsWith("已创建任务 CT-").contains("负责人 赵敏").contains("回访ACME").contains("2026年7月3日 周五 18:00");
        ChatReply.TaskLine line = r.tasks().get(0);
        assertThat(line.ownerId()).isEqualTo("R11");
        assertThat(line.subject()).isEqualTo("回访ACME");
        assertThat(line.dueAt()).isEqualTo(Instant.parse("2026-07-03T10:00:00Z"));
        Task t = reminders.tasks().find(line.taskId()).orElseThrow();
        assertThat(t.origin()).isEqualTo(Task.Origin.CHAT);
        assertThat(t.createdBy()).isEqualTo("M10");
        assertThat(new NotificationStore(reminders.notifications().store()).latest("R11", 10))
                .anySatisfy(n -> assertThat(n.textZh()).contains("许志远 给你分配了任务：回访ACME"));
    }

    @Test
    void a_manager_assigns_a_task_in_english_with_the_due_date_read_in_their_zone() {
        ChatReply r = handled(ask.ask("assign Erik: call ACME about the renewal, due Friday",
                user("ingrid.larsen@borealis-software.com"), "slack"));
        ChatReply.TaskLine line = r.tasks().get(0);
        assertThat(line.ownerEmail()).isEqualTo("erik.nilsson@borealis-software.com");
        assertThat(line.subject()).isEqualTo("call ACME about the renewal");
        // Friday 18:00 in Copenhagen (UTC+2), where Ingrid works
        assertThat(line.dueAt()).isEqualTo(Instant.parse("2026-07-03T16:00:00Z"));
        assertThat(r.text()).contains("for Erik Nilsson").contains("Fri 3 Jul 2026 18:00 (Europe/Stockholm)");
    }

    @Test
    void assigning_outside_one_s_team_is_refused_in_the_question_s_language() {
        AskOutcome zh = ask.ask("给Erik Nilsson分配任务:周五前回访ACME", user("xu.zhiyuan@borealis-software.com"), "web");
        assertThat(zh).isInstanceOf(AskOutcome.Refused.class);
        assertThat(((AskOutcome.Refused) zh).message()).contains("你只能给中国区及其下级团队的成员分配任务").contains("Erik Nilsson");
        AskOutcome rep = ask.ask("assign Olivia: send the pricing sheet", user("brian.carter@borealis-software.com"), "web");
        assertThat(rep).isInstanceOf(AskOutcome.Refused.class);
        assertThat(((AskOutcome.Refused) rep).message()).contains("only for yourself");
        AskOutcome inactive = ask.ask("给吴刚分配任务:明天回访ACME", user("xu.zhiyuan@borealis-software.com"), "web");
        assertThat(inactive).isInstanceOf(AskOutcome.CannotAnswer.class);
        assertThat(((AskOutcome.CannotAnswer) inactive).message()).contains("停用");
        AskOutcome unknown = ask.ask("assign Bob: call ACME", user("laura.bennett@borealis-software.com"), "web");
        assertThat(unknown).isInstanceOf(AskOutcome.CannotAnswer.class);
        assertThat(((AskOutcome.CannotAnswer) unknown).message()).contains("I don't know anyone called \"Bob\"");
    }

    @Test
    void an_executive_may_assign_to_anyone_and_a_rep_to_themselves() {
        ChatReply exec = handled(ask.ask("assign Megan Price: prepare the QBR by next Monday 10am",
                user("henrik.lund@borealis-software.com"), "web"));
        assertThat(exec.tasks().get(0).ownerId()).isEqualTo("R34");
        // next Monday 10:00 in Stockholm (UTC+2), where Henrik works
        assertThat(exec.tasks().get(0).dueAt()).isEqualTo(Instant.parse("2026-07-06T08:00:00Z"));
        ChatReply own = handled(ask.ask("new task: send the offer tomorrow 3pm", user("brian.carter@borealis-software.com"), "web"));
        // tomorrow 15:00 in New York, where it is still Tuesday 22:00: Wednesday 15:00 EDT
        assertThat(own.tasks().get(0).dueAt()).isEqualTo(Instant.parse("2026-07-01T19:00:00Z"));
        ChatReply defaulted = handled(ask.ask("remind me to call ACME", user("zhao.min@borealis-software.com"), "web"));
        assertThat(defaulted.tasks().get(0).dueAt()).as("end of the next working day in Shanghai").isEqualTo(Instant.parse("2026-07-02T10:00:00Z"));
        assertThat(defaulted.text()).contains("no due date given");
    }

    @Test
    void my_tasks_lists_my_open_tasks_overdue_first_and_counts_them() {
        ChatReply r = handled(ask.ask("my tasks", user("luo.xiaodong@borealis-software.com"), "web"));
        long open = reminders.tasks().openTasksOf(Optional.of(java.util.Set.of("R14"))).size();
        assertThat(r.tasks()).hasSize((int) Math.min(open, 20));
        assertThat(r.text()).startsWith("You have " + open + " open tasks (");
        assertThat(r.tasks().get(0).overdue()).isTrue();
        ChatReply zh = handled(ask.ask("我的逾期任务", user("luo.xiaodong@borealis-software.com"), "web"));
        assertThat(zh.text()).startsWith("你有 9 个逾期任务：");
        assertThat(zh.tasks()).allSatisfy(t -> assertThat(t.overdue()).isTrue()).hasSize(9);
    }

    @Test
    void overdue_tasks_for_my_team_are_the_team_s_and_refused_to_a_rep() {
        ChatReply r = handled(ask.ask("overdue tasks for my team", user("laura.bennett@borealis-software.com"), "web"));
        assertThat(r.tasks()).extracting(ChatReply.TaskLine::ownerId).containsOnly("M30", "R31", "R32", "R33", "R34");
        assertThat(r.text()).startsWith("Your team has 18 overdue tasks:").contains("due Tue 8 Aug 2023 ");
        assertThat(ask.ask("overdue tasks for my team", user("brian.carter@borealis-software.com"), "web"))
                .isInstanceOf(AskOutcome.Refused.class);
    }

    @Test
    void counting_questions_still_get_the_metric() {
        AskOutcome o = ask.ask("中国区现在有多少逾期未完成的任务", user("xu.zhiyuan@borealis-software.com"), "web");
        assertThat(o).isInstanceOf(AskOutcome.Answered.class);
        assertThat(((AskOutcome.Answered) o).response().value()).isEqualTo(34.0);
    }

    @Test
    void the_weekly_report_and_the_daily_digest_come_on_demand() {
        ChatReply weekly = handled(ask.ask("weekly report", user("henrik.lund@borealis-software.com"), "slack"));
        assertThat(weekly.kind()).isEqualTo("weekly_report");
        assertThat(weekly.text()).contains("Weekly pipeline report · whole company").contains("Bookings this quarter: USD 4,496,778")
                .contains("Forecast this quarter: no forecast has been published yet");
        assertThat(weekly.chartPng()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        ChatReply zh = handled(ask.ask("周报", user("xu.zhiyuan@borealis-software.com"), "slack"));
        assertThat(zh.text()).contains("每周销售管道报告 · 中国区").contains("本季度成交额");
        ChatReply daily = handled(ask.ask("日报", user("xu.zhiyuan@borealis-software.com"), "slack"));
        assertThat(daily.text()).contains("每日摘要 · 中国区").contains("逾期任务：").contains("尚未发布预测");
        assertThat(daily.slackBlocks()).isNotEmpty();
    }
}
