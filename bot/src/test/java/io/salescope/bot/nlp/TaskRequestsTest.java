package io.salescope.bot.nlp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TaskRequestsTest {

    static TaskRequests.Request read(String text) {
        return TaskRequests.read(text).orElseThrow(() -> new AssertionError("not a command: " + text));
    }

    @Test
    void assignments_name_the_assignee_and_keep_the_rest() {
        assertThat(read("assign Bob: call ACME about the renewal, due Friday"))
                .isEqualTo(new TaskRequests.Assign("en", "Bob", "call ACME about the renewal, due Friday"));
        assertThat(read("Assign to Erik Nilsson: send the pricing sheet"))
                .isEqualTo(new TaskRequests.Assign("en", "Erik Nilsson", "send the pricing sheet"));
        assertThat(read("assign call ACME to Erik by Friday"))
                .isEqualTo(new TaskRequests.Assign("en", "Erik", "call ACME by Friday"));
        assertThat(read("create a task for Olivia: follow up with ACME tomorrow"))
                .isEqualTo(new TaskRequests.Assign("en", "Olivia", "follow up with ACME tomorrow"));
        assertThat(read("给王芳分配任务:周五前回访ACME")).isEqualTo(new TaskRequests.Assign("zh", "王芳", "周五前回访ACME"));
        assertThat(read("给赵敏安排一个任务：明天下午三点给ACME打电话"))
                .isEqualTo(new TaskRequests.Assign("zh", "赵敏", "明天下午三点给ACME打电话"));
        assertThat(read("分配给王芳：明天回访ACME")).isEqualTo(new TaskRequests.Assign("zh", "王芳", "明天回访ACME"));
        assertThat(read("把回访ACME分配给王芳，周五前")).isEqualTo(new TaskRequests.Assign("zh", "王芳", "回访ACME,周五前"));
    }

    @Test
    void tasks_for_oneself_have_no_assignee() {
        assertThat(read("new task: send the offer tomorrow 3pm")).isEqualTo(new TaskRequests.Assign("en", null, "send the offer tomorrow 3pm"));
        assertThat(read("remind me to call ACME on Monday")).isEqualTo(new TaskRequests.Assign("en", null, "call ACME on Monday"));
        assertThat(read("assign me: prepare the QBR")).isEqualTo(new TaskRequests.Assign("en", null, "prepare the QBR"));
        assertThat(read("新建任务：月底前发报价")).isEqualTo(new TaskRequests.Assign("zh", null, "月底前发报价"));
        assertThat(read("提醒我明天给ACME打电话")).isEqualTo(new TaskRequests.Assign("zh", null, "明天给ACME打电话"));
    }

    @Test
    void task_lists_are_mine_or_my_team_s_all_or_overdue() {
        assertThat(read("my tasks")).isEqualTo(new TaskRequests.ListTasks("en", false, false));
        assertThat(read("Show me my open tasks")).isEqualTo(new TaskRequests.ListTasks("en", false, false));
        assertThat(read("my overdue tasks?")).isEqualTo(new TaskRequests.ListTasks("en", false, true));
        assertThat(read("overdue tasks for my team")).isEqualTo(new TaskRequests.ListTasks("en", true, true));
        assertThat(read("my team's overdue tasks")).isEqualTo(new TaskRequests.ListTasks("en", true, true));
        assertThat(read("team tasks")).isEqualTo(new TaskRequests.ListTasks("en", true, false));
        assertThat(read("我的任务")).isEqualTo(new TaskRequests.ListTasks("zh", false, false));
        assertThat(read("我的逾期任务")).isEqualTo(new TaskRequests.ListTasks("zh", false, true));
        assertThat(read("我团队的逾期任务")).isEqualTo(new TaskRequests.ListTasks("zh", true, true));
        assertThat(read("团队的逾期任务有哪些？")).isEqualTo(new TaskRequests.ListTasks("zh", true, true));
    }

    @Test
    void reports_are_asked_for_by_name() {
        assertThat(read("weekly report")).isEqualTo(new TaskRequests.Report("en", true));
        assertThat(read("send me the weekly pipeline report")).isEqualTo(new TaskRequests.Report("en", true));
        assertThat(read("daily digest")).isEqualTo(new TaskRequests.Report("en", false));
        assertThat(read("周报")).isEqualTo(new TaskRequests.Report("zh", true));
        assertThat(read("日报")).isEqualTo(new TaskRequests.Report("zh", false));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"How many overdue tasks do I have right now?", "中国区现在有多少逾期未完成的任务",
            "overdue tasks by rep", "bookings this quarter", "win rate by team last quarter", "本季度的成交金额",
            "what is the assigned quota for Erik", "number of open tasks for my team", "my bookings this year"})
    void metric_questions_are_not_commands(String question) {
        assertThat(TaskRequests.read(question)).isEmpty();
    }
}
