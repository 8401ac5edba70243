package io.salescope.bot.digest;

import io.salescope.bot.tasks.Times;
import io.salescope.bot.service.Figures;
import io.salescope.bot.slack.ChartRenderer;
import io.salescope.bot.tasks.Task;
import io.salescope.bot.tasks.TaskBook;
import io.salescope.warehouse.query.DealRecord;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.QueryException;
import io.salescope.warehouse.query.QueryResult;
import io.salescope.warehouse.query.UserInfo;
import io.salescope.warehouse.query.WarehouseRecords;
import io.salescope.warehouse.query.WinScoreChanges;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The daily digest and the weekly pipeline report, computed when they are sent (or asked for)
 * and always as a person, so each shows only what that person may see.
 *
 * <ul>
 *   <li><b>Daily digest</b> (to each manager at the start of their working day): the team's
 *       overdue tasks (oldest first), the team's open deals expected to close this ISO week
 *       (largest first), and the deals whose win probability dropped the most between the two
 *       latest forecast runs ({@code win_score_history}), or why there is nothing to compare.</li>
 *   <li><b>Weekly report</b> (to the configured channel on the first working day of the
 *       week): bookings this quarter, open pipeline, win rate this quarter and the bookings
 *       forecast when one is published, from the metric engine, with a chart of the open
 *       pipeline by stage.</li>
 * </ul>
 */
public final class Digests {

    /** At most this many lines per section. */
    static final int MAX_LINES = 10;
    static final int MAX_DROPS = 5;

    private final TaskBook tasks;
    private final WarehouseRecords records;
    private final MetricEngine engine;
    private final String currency;

    public Digests(TaskBook tasks, WarehouseRecords records, MetricEngine engine, String currency) {
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.records = requireNonNull(records, "records is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.currency = requireNonNull(currency, "currency is null");
    }

    /** The daily digest of what {@code who} may see (a manager: their team) at {@code now}, in {@code zone}. */
    public Report daily(UserInfo who, ZoneId zone, Instant now, String language) {
        boolean zh = "zh".equals(language);
        Optional<Set<String>> scope = records.visibleOwners(who);
        Map<String, String> names = names();
        LocalDate today = LocalDate.ofInstant(now, zone);
        String whose = scopeName(who, language);
        String title = zh ? "每日摘要 · " + whose + " · " + Times.date(today, language, today)
                : "Daily digest · " + whose + " · " + Times.date(today, language, today);

        List<Task> overdue = tasks.openTasksOf(scope).stream().filter(t -> t.overdueAt(now)).toList();
        List<String> overdueLines = new ArrayList<>();
        for (Task t : overdue.subList(0, Math.min(MAX_LINES, overdue.size()))) {
            long days = Times.daysOverdue(t.dueAt(), now);
            overdueLines.add(names.getOrDefault(t.ownerId(), t.ownerId()) + " — " + t.subject() + " — "
                    + (zh ? "截止 " + Times.date(LocalDate.ofInstant(t.dueAt(), zone), language, today) + "，逾期 " + days + " 天"
                    : "due " + Times.date(LocalDate.ofInstant(t.dueAt(), zone), language, today) + ", " + days
                    + (days == 1 ? " day late" : " days late")));
        }
        String overdueHead = zh ? "逾期任务：" + overdue.size() + " 个" + more(overdue.size(), language)
                : "Overdue tasks: " + overdue.size() + more(overdue.size(), language);

        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate sunday = monday.plusDays(6);
        List<DealRecord> closing = new ArrayList<>(records.openDealsClosing(monday, sunday).stream()
                .filter(d -> scope.isEmpty() || scope.get().contains(d.ownerId())).toList());
        closing.sort(Comparator.comparing((DealRecord d) -> d.amount() == null ? 0.0 : d.amount()).reversed()
                .thenComparing(DealRecord::closeDate).thenComparing(DealRecord::opportunityId));
        double total = closing.stream().mapToDouble(d -> d.amount() == null ? 0 : d.amount()).sum();
        List<String> dealLines = new ArrayList<>();
        for (DealRecord d : closing.subList(0, Math.min(MAX_LINES, closing.size()))) {
            dealLines.add(deal(d, names) + " — " + (d.stage() == null ? "" : d.stage() + " — ")
                    + Figures.format(d.amount(), "money", currency, language) + " — "
                    + (zh ? "预计 " : "closes ") + Times.date(d.closeDate(), language, today));
        }
        String week = Times.date(monday, language, today) + " – " + Times.date(sunday, language, today);
        String closingHead = zh ? "本周（" + week + "）预计成交的商机：" + closing.size() + " 个，合计 "
                + Figures.format(total, "money", currency, language)
                : "Deals closing this week (" + week + "): " + closing.size() + ", "
                + Figures.format(total, "money", currency, language);

        WinScoreChanges changes = records.winScoreChanges();
        List<String> dropLines = new ArrayList<>();
        String dropHead;
        String dropEmpty;
        if (changes.latest() == null) {
            dropHead = zh ? "赢单概率下降最多的商机" : "Deals whose win probability dropped the most";
            dropEmpty = zh ? "尚未发布预测，没有可比较的赢单概率（运行 salescope forecast）。"
                    : "No forecast has been published yet, so there are no win probabilities to compare (run salescope forecast).";
        } else if (changes.previous() == null) {
            dropHead = zh ? "赢单概率下降最多的商机" : "Deals whose win probability dropped the most";
            dropEmpty = zh ? "目前只有一次预测（" + changes.latest() + "），下次预测后才能比较。"
                    : "Only one forecast run so far (as of " + changes.latest() + "); drops show after the next run.";
        } else {
            dropHead = zh ? "赢单概率下降最多的商机（" + changes.previous() + " → " + changes.latest() + "）"
                    : "Deals whose win probability dropped the most (" + changes.previous() + " → " + changes.latest() + ")";
            dropEmpty = zh ? "没有商机的赢单概率下降。" : "No deal's win probability dropped.";
            changes.changes().stream()
                    .filter(c -> c.change() < 0 && (scope.isEmpty() || scope.get().contains(c.deal().ownerId())))
                    .limit(MAX_DROPS)
                    .forEach(c -> dropLines.add(deal(c.deal(), names) + " — "
                            + String.format(Locale.ROOT, "%.0f%% → %.0f%% (%+.0f %s)", c.previousProbability() * 100,
                            c.latestProbability() * 100, c.change() * 100, zh ? "个百分点" : "pts")));
        }
        return new Report("daily_digest", language, title, List.of(
                new Report.Section(overdueHead, overdueLines, zh ? "没有逾期任务。" : "No overdue tasks."),
                new Report.Section(closingHead, dealLines, zh ? "本周没有预计成交的商机。" : "No deals are expected to close this week."),
                new Report.Section(dropHead, dropLines, dropEmpty)), null, null, null);
    }

    /** The weekly pipeline report as {@code as} sees it, for the week of {@code now} in {@code zone}. */
    public Report weekly(UserInfo as, ZoneId zone, Instant now, String language) {
        boolean zh = "zh".equals(language);
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        String week = "W" + String.format("%02d", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)) + " ("
                + Times.date(monday, language, today) + " – " + Times.date(monday.plusDays(6), language, today) + ")";
        String title = zh ? "每周销售管道报告 · " + scopeName(as, language) + " · " + week
                : "Weekly pipeline report · " + scopeName(as, language) + " · " + week;
        List<String> figures = new ArrayList<>();
        figures.add(figure(zh ? "本季度成交额" : "Bookings this quarter", "bookings", "this_quarter", as, language));
        figures.add(figure(zh ? "上周成交额" : "Bookings last week", "bookings", "last_week", as, language));
        figures.add(figure(zh ? "在手管道" : "Open pipeline", "open_pipeline", null, as, language));
        figures.add(figure(zh ? "在手商机数" : "Open deals", "open_opportunities", null, as, language));
        figures.add(figure(zh ? "本季度赢单率" : "Win rate this quarter", "win_rate", "this_quarter", as, language));
        String forecast;
        try {
            QueryResult f = engine.execute(MetricQuery.builder("forecast", as.userId()).period("this_quarter").build());
            Object low = f.details().get("low");
            Object high = f.details().get("high");
            forecast = (zh ? "本季度业绩预测：" : "Forecast this quarter: ") + Figures.format(f.value(), "money", currency, language)
                    + (low instanceof Number l && high instanceof Number h ? (zh ? "（80% 区间 " : " (80% interval ")
                    + Figures.format(l.doubleValue(), "money", currency, language) + " – "
                    + Figures.format(h.doubleValue(), "money", currency, language) + (zh ? "）" : ")") : "");
        } catch (QueryException e) {
            forecast = zh ? "本季度业绩预测：尚未发布预测。" : "Forecast this quarter: no forecast has been published yet.";
        }
        figures.add(forecast);
        QueryResult byStage = engine.execute(MetricQuery.builder("open_pipeline", as.userId()).groupBy("stage").build());
        List<String> order = engine.dimensionValues().getOrDefault("stage", List.of());
        List<QueryResult.Row> rows = new ArrayList<>(byStage.rows());
        rows.sort(Comparator.comparingInt(r -> order.indexOf(r.label()) < 0 ? Integer.MAX_VALUE : order.indexOf(r.label())));
        List<String> stageLines = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (QueryResult.Row r : rows) {
            stageLines.add(r.label() + ": " + Figures.format(r.value(), "money", currency, language));
            labels.add(r.label() == null ? "(none)" : r.label());
            values.add(r.value());
        }
        String chartTitle = zh ? "各阶段在手管道（" + currency + "）" : "Open pipeline by stage (" + currency + ")";
        byte[] png = rows.isEmpty() ? null : ChartRenderer.bars(chartTitle, zh ? "在手管道" : "Open pipeline", labels, values,
                "money", 800);
        String scope = byStage.scope() == null ? null : (zh ? byStage.scope().descriptionZh() : byStage.scope().description());
        String note = (zh ? "数据截至仓库版本 " : "Figures from warehouse version ") + engine.version()
                + (scope == null ? "" : (zh ? "；范围：" : "; scope: ") + scope) + ".";
        return new Report("weekly_report", language, title, List.of(
                new Report.Section(zh ? "关键数字" : "Figures", figures, ""),
                new Report.Section(chartTitle, stageLines, zh ? "没有在手管道。" : "No open pipeline.")),
                note, png, chartTitle);
    }

    private String figure(String label, String metric, String period, UserInfo as, String language) {
        try {
            QueryResult r = engine.execute(MetricQuery.builder(metric, as.userId()).period(period).build());
            String value = r.value() == null ? ("zh".equals(language) ? "无（" + r.noValueReasonZh() + "）"
                    : "no value (" + r.noValueReason() + ")") : Figures.format(r.value(), r.unit(),
                    r.unit().startsWith("money") ? currency : null, language);
            return label + ": " + value;
        } catch (QueryException e) {
            return label + ": " + e.getMessage();
        }
    }

    private String deal(DealRecord d, Map<String, String> names) {
        String name = d.name() == null ? d.opportunityId() : d.name();
        return name + (d.accountName() == null || name.contains(d.accountName()) ? "" : " (" + d.accountName() + ")")
                + " — " + names.getOrDefault(d.ownerId(), d.ownerId());
    }

    private Map<String, String> names() {
        Map<String, String> out = new HashMap<>();
        for (UserInfo u : engine.users()) {
            out.put(u.userId(), u.name());
        }
        return out;
    }

    private static String scopeName(UserInfo who, String language) {
        boolean zh = "zh".equals(language);
        if (who.isExecutiveOrAdmin()) {
            return zh ? "全公司" : "whole company";
        }
        if (who.isManager() && who.teamName() != null) {
            return who.teamName();
        }
        return who.name();
    }

    private static String more(int n, String language) {
        if (n <= MAX_LINES) {
            return "";
        }
        return "zh".equals(language) ? "（显示最早的 " + MAX_LINES + " 个）" : " (the " + MAX_LINES + " oldest shown)";
    }
}
