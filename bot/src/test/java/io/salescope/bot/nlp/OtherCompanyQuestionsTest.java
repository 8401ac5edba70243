package io.salescope.bot.nlp;

import io.salescope.warehouse.query.UserInfo;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static io.salescope.bot.nlp.Expected.ask;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Questions about an invented company (Kestrel Robotics, fiscal year from April, "today"
 * 2025-11-12), written the way managers ask: the parser's proxy for the held-out set. The
 * current fiscal year is FY2026 (2025-04-01 – 2026-03-31); this quarter is 2026-Q3
 * (October – December 2025).
 */
class OtherCompanyQuestionsTest {

    static final UserInfo OLIVIA = KestrelFixture.as("olivia.hartmann");
    static final UserInfo WANG = KestrelFixture.as("wang.lei");
    static final UserInfo PRIYA = KestrelFixture.as("priya.nair");
    static final UserInfo TOM = KestrelFixture.as("tom.becker");
    static final UserInfo LINA = KestrelFixture.as("li.na");
    static final UserInfo JAMES = KestrelFixture.as("james.obrien");

    static final List<Expected> ENGLISH = List.of(
            ask(OLIVIA, "What were total bookings last quarter?").metric("bookings").period("last_quarter"),
            ask(OLIVIA, "Bookings by region this fiscal year").metric("bookings").by("region").period("this_year"),
            ask(TOM, "Show me win rate per rep for the Americas this quarter").metric("win_rate").by("rep")
                    .filter("team", "Americas").period("this_quarter"),
            ask(PRIYA, "Which 2 teams in EMEA had the highest win rate last quarter?").metric("win_rate").by("team")
                    .filter("team", "EMEA").top(2).period("last_quarter"),
            ask(OLIVIA, "Top 5 accounts by bookings YTD").metric("bookings").by("account").top(5).period("ytd"),
            ask(OLIVIA, "Who had the most won deals in Q2?").metric("won_deals").by("rep").top(1).period("2026-Q2"),
            ask(JAMES, "How many calls did I make last week?").metric("activities").filter("activity_type", "call")
                    .mine().period("last_week"),
            ask(OLIVIA, "June Park's bookings in June").metric("bookings").filter("rep", "June Park").period("2025-06"),
            ask(OLIVIA, "What's June's win rate this quarter?").metric("win_rate").filter("rep", "June Park").period("this_quarter"),
            ask(OLIVIA, "Pipeline coverage for Tom Becker's team next quarter").metric("pipeline_coverage")
                    .filter("team", "Americas").period("next_quarter"),
            ask(OLIVIA, "Compare bookings this quarter vs last quarter for UK and Ireland").metric("bookings")
                    .filter("team", "UK & Ireland").period("this_quarter").vsPreviousPeriod(),
            ask(OLIVIA, "Bookings YoY for Greater China in Q1").metric("bookings").filter("region", "Greater China")
                    .period("2026-Q1").vsYearAgo(),
            ask(OLIVIA, "average deal size year over year, enterprise segment, 2025").metric("avg_deal_size")
                    .filter("segment", "Enterprise").period("2025").vsYearAgo(),
            ask(OLIVIA, "Sales cycle for Kestrel Arm X2 deals closed in the first half of this year").metric("sales_cycle")
                    .filter("product", "Kestrel Arm X2").period("2025-04-01..2025-09-30"),
            ask(OLIVIA, "How much pipeline is expected to close in March?").metric("open_pipeline").period("2026-03"),
            ask(OLIVIA, "Open pipeline between January and March 2026").metric("open_pipeline").period("2026-01-01..2026-03-31"),
            ask(TOM, "Win rate for the Americas from Q1 to Q2").metric("win_rate").filter("team", "Americas")
                    .period("2025-04-01..2025-09-30"),
            ask(OLIVIA, "New opps in the past 3 months by lead source").metric("new_opportunities").by("source").period("last_3_months"),
            ask(OLIVIA, "lead conversion rate for Trade Show leads last thirty days").metric("lead_conversion_rate")
                    .filter("source", "Trade Show").period("last_30_days"),
            ask(OLIVIA, "What share of Q2 opportunities made it to Proposal?").metric("stage_conversion")
                    .option("stage", "Proposal").period("2026-Q2"),
            ask(OLIVIA, "Discovery to Negotiation conversion rate this year").metric("stage_conversion")
                    .option("from_stage", "Discovery").option("stage", "Negotiation").period("this_year"),
            ask(WANG, "Overdue tasks for my team").metric("overdue_tasks").myTeam(),
            ask(LINA, "How many overdue tasks do I have right now?").metric("overdue_tasks").mine(),
            ask(OLIVIA, "Sales velocity for EMEA").metric("sales_velocity").filter("team", "EMEA"),
            ask(PRIYA, "Forecast for EMEA this quarter").metric("forecast").filter("team", "EMEA").period("this_quarter"),
            ask(OLIVIA, "Worst 3 products by win rate in FY2025").metric("win_rate").by("product").bottom(3).period("2025"),
            ask(OLIVIA, "Bookings from Cold Call in Q3 FY26").metric("bookings").filter("source", "Cold Call").period("2026-Q3"),
            ask(OLIVIA, "Chen's bookings this month").clarifies("Chen Yu", "Chen Li"),
            ask(OLIVIA, "Martin's win rate").clarifies("Sophie Martin", "Lucas Martin"),
            ask(OLIVIA, "Coast bookings this year").clarifies("West Coast", "East Coast"),
            ask(OLIVIA, "Pipeline for Kestrel Arm").clarifies("Kestrel Arm X1", "Kestrel Arm X2"),
            ask(OLIVIA, "Software bookings this quarter").metric("bookings").filter("product_family", "Software").period("this_quarter"),
            ask(OLIVIA, "avg deal size for Software products in 2025").metric("avg_deal_size")
                    .filter("product_family", "Software").period("2025"),
            ask(OLIVIA, "Bookings from Strategic accounts this year").metric("bookings").filter("segment", "Strategic")
                    .period("this_year"),
            ask(OLIVIA, "Top 3 Strategic accounts by bookings this year").metric("bookings").by("account").top(3)
                    .filter("segment", "Strategic").period("this_year"),
            ask(OLIVIA, "Which 3 lead sources converted best last quarter?").metric("lead_conversion_rate").by("source")
                    .top(3).period("last_quarter"),
            ask(OLIVIA, "How many demos did the West Coast team do this month?").metric("activities")
                    .filter("activity_type", "demo").filter("team", "West Coast").period("this_month"),
            ask(OLIVIA, "Bookings for ana garcia since September").metric("bookings").filter("rep", "Ana García")
                    .period("2025-09-01..2025-11-12"),
            ask(OLIVIA, "What's our quota attainment YTD, broken down by team?").metric("quota_attainment").by("team").period("ytd"),
            ask(OLIVIA, "Q3 bookings versus the same quarter last year").metric("bookings").period("2026-Q3").vsYearAgo(),
            ask(OLIVIA, "Bookings for Strategic accounts in the Americas region").metric("bookings")
                    .filter("segment", "Strategic").filter("region", "Americas"),
            ask(OLIVIA, "Bookings per product family last month").metric("bookings").by("product_family").period("last_month"),
            ask(OLIVIA, "lost deals by loss reason this quarter").metric("lost_deals").by("lost_reason").period("this_quarter"),
            ask(OLIVIA, "Rank reps by new pipeline for the last 2 weeks").metric("new_pipeline").by("rep").highestFirst()
                    .period("last_2_weeks"),
            ask(OLIVIA, "Bookings today").metric("bookings").period("today"),
            ask(OLIVIA, "Won deals yesterday").metric("won_deals").period("yesterday"),
            ask(OLIVIA, "New leads in the previous week").metric("leads").period("last_week"),
            ask(OLIVIA, "How many leads came from the Web this week?").metric("leads").filter("source", "Web").period("this_week"),
            ask(OLIVIA, "Win rate of healthcare deals between 2025-04-01 and 2025-06-30").metric("win_rate")
                    .filter("industry", "Healthcare").period("2025-04-01..2025-06-30"),
            ask(OLIVIA, "Bookings for FY2025 Q4").metric("bookings").period("2025-Q4"),
            ask(OLIVIA, "bookings last 6 months").metric("bookings").period("last_6_months"),
            ask(OLIVIA, "Win rate in the previous quarter for the Benelux team").metric("win_rate").filter("team", "Benelux")
                    .period("last_quarter"),
            ask(OLIVIA, "What's the win rate by value for Vision Kit this year?").metric("win_rate_by_value")
                    .filter("product", "Vision Kit").period("this_year"),
            ask(OLIVIA, "How did EMEA do on bookings QoQ?").metric("bookings").filter("team", "EMEA").vsPreviousPeriod(),
            ask(OLIVIA, "bookings for each segment since the start of the year").metric("bookings").by("segment").period("ytd"),
            ask(OLIVIA, "Who are the bottom 3 sellers by attainment this quarter?").metric("quota_attainment").by("rep")
                    .bottom(3).period("this_quarter"),
            ask(OLIVIA, "Best team by win rate last month").metric("win_rate").by("team").top(1).period("last_month"),
            ask(OLIVIA, "Bookings for the Robots family in Q1 2026").metric("bookings").filter("product_family", "Robots")
                    .period("2026-Q1"),
            ask(OLIVIA, "Negotiation stage pipeline").metric("open_pipeline").filter("stage", "Negotiation"),
            ask(OLIVIA, "Bookings this quarter last year").metric("bookings").period("2025-Q3"),
            ask(OLIVIA, "New business bookings for H2 2025").metric("bookings").filter("type", "new_business")
                    .period("2024-10-01..2025-03-31"),
            ask(OLIVIA, "Lead conversion by source, past 90 days").metric("lead_conversion_rate").by("source").period("last_90_days"),
            ask(TOM, "How is my team's win rate trending month over month?").metric("win_rate").myTeam().vsPreviousPeriod(),
            ask(OLIVIA, "Total bookings all time").metric("bookings").period("all_time"),
            ask(OLIVIA, "Activities per week this month").metric("activities").by("week").period("this_month"),
            ask(OLIVIA, "Quota for mark evans next quarter").metric("quota").filter("rep", "Mark Evans").period("next_quarter"),
            ask(OLIVIA, "win-rate for james o'brien, Q4").metric("win_rate").filter("rep", "James O'Brien").period("2026-Q4"),
            ask(OLIVIA, "Bookings for 华东大区 last quarter").metric("bookings").filter("team", "华东大区")
                    .period("last_quarter").inLanguage("en"),
            ask(OLIVIA, "How many deals did we win in the last two quarters?").metric("won_deals").period("last_2_quarters"),
            ask(OLIVIA, "Open pipeline closing in the next 30 days").metric("open_pipeline").period("2025-11-13..2025-12-12"));

    static final List<Expected> CHINESE = List.of(
            ask(WANG, "华东大区上个季度的成交金额").metric("bookings").filter("team", "华东大区").period("last_quarter"),
            // A company by its short names: without its city, or just its brand.
            ask(WANG, "明远制造上个季度的成交金额").metric("bookings").filter("account", "上海明远制造有限公司")
                    .period("last_quarter"),
            ask(WANG, "明远今年的赢单率").metric("win_rate").filter("account", "上海明远制造有限公司").period("this_year"),
            ask(WANG, "上海一组本月的赢单率").metric("win_rate").filter("team", "上海一组").period("this_month"),
            ask(OLIVIA, "各区域今年的业绩").metric("bookings").by("region").period("this_year"),
            ask(WANG, "按团队看本季度的新增商机数").metric("new_opportunities").by("team").period("this_quarter"),
            ask(WANG, "我们团队这个季度的指标完成率").metric("quota_attainment").myTeam().period("this_quarter"),
            ask(LINA, "我本周打了几个电话").metric("activities").filter("activity_type", "call").mine().period("this_week"),
            ask(LINA, "我的在手管道金额是多少").metric("open_pipeline").mine(),
            ask(OLIVIA, "成交金额排名前三的销售").metric("bookings").by("rep").top(3),
            ask(OLIVIA, "今年赢单率最低的两个行业").metric("win_rate").by("industry").bottom(2).period("this_year"),
            ask(OLIVIA, "哪个产品上个季度成交额最高").metric("bookings").by("product").top(1).period("last_quarter"),
            ask(OLIVIA, "2025年第三季度各行业的平均客单价").metric("avg_deal_size").by("industry").period("2025-Q3"),
            ask(OLIVIA, "2025年Q2的新建商机数").metric("new_opportunities").period("2025-Q2"),
            ask(OLIVIA, "2025年3月的赢单数").metric("won_deals").period("2025-03"),
            ask(OLIVIA, "3月份的销售额").metric("bookings").period("2026-03"),
            ask(OLIVIA, "近30天新增了多少线索").metric("leads").period("last_30_days"),
            ask(OLIVIA, "过去两周华南团队的活动数").metric("activities").filter("team", "华南团队").period("last_2_weeks"),
            ask(OLIVIA, "最近三个月上海一组每个销售的成交金额").metric("bookings").filter("team", "上海一组").by("rep")
                    .period("last_3_months"),
            ask(OLIVIA, "年初至今各产品线的成交额").metric("bookings").by("product_family").period("ytd"),
            ask(OLIVIA, "季初至今的新增管道金额").metric("new_pipeline").period("qtd"),
            ask(OLIVIA, "本月至今杭州团队赢了多少单").metric("won_deals").filter("team", "杭州团队").period("mtd"),
            ask(OLIVIA, "2025年4月到6月的成交金额").metric("bookings").period("2025-04-01..2025-06-30"),
            ask(OLIVIA, "从2025年1月到3月，EMEA的赢单率是多少").metric("win_rate").filter("team", "EMEA")
                    .period("2025-01-01..2025-03-31"),
            ask(OLIVIA, "上季度成交金额环比").metric("bookings").period("last_quarter").vsPreviousPeriod(),
            ask(OLIVIA, "本季度EMEA的成交金额同比变化").metric("bookings").filter("team", "EMEA").period("this_quarter").vsYearAgo(),
            ask(OLIVIA, "今年的成交金额和去年相比怎么样").metric("bookings").period("this_year").vsYearAgo(),
            ask(OLIVIA, "明年第一季度的预计成交").metric("forecast").period("2027-Q1"),
            ask(OLIVIA, "下季度预计关闭的在手管道").metric("open_pipeline").period("next_quarter"),
            ask(OLIVIA, "去年的总销售额").metric("bookings").period("last_year"),
            ask(OLIVIA, "下个月到期的任务").metric("open_tasks").period("next_month"),
            ask(OLIVIA, "李娜今年的指标").metric("quota").filter("rep", "李娜").period("this_year"),
            ask(OLIVIA, "陈晨上个月的赢单率").metric("win_rate").filter("rep", "陈晨").period("last_month"),
            ask(OLIVIA, "张伟和李娜本季度的成交金额").metric("bookings").filter("rep", "张伟", "李娜").period("this_quarter"),
            ask(OLIVIA, "Kestrel Arm X1今年在制造业的成交额").metric("bookings").filter("product", "Kestrel Arm X1")
                    .filter("industry", "Manufacturing").period("this_year"),
            ask(OLIVIA, "大客户本季度的赢单率").metric("win_rate").filter("segment", "Enterprise").period("this_quarter"),
            ask(OLIVIA, "各阶段的在手商机金额").metric("open_pipeline").by("stage"),
            ask(OLIVIA, "今年走到Negotiation阶段的比例").metric("stage_conversion").option("stage", "Negotiation").period("this_year"),
            ask(OLIVIA, "Discovery到Proposal的转化率（本季度）").metric("stage_conversion").option("from_stage", "Discovery")
                    .option("stage", "Proposal").period("this_quarter"),
            ask(OLIVIA, "Web来源线索的转化率").metric("lead_conversion_rate").filter("source", "Web"),
            ask(OLIVIA, "EMEA和Americas的加权管道").metric("weighted_pipeline").filter("team", "EMEA", "Americas"),
            ask(OLIVIA, "谁上个月的成交金额最高").metric("bookings").by("rep").top(1).period("last_month"),
            ask(OLIVIA, "今年赢单率后三名的销售").metric("win_rate").by("rep").bottom(3).period("this_year"),
            ask(OLIVIA, "倒数两个团队的指标完成率").metric("quota_attainment").by("team").bottom(2),
            ask(OLIVIA, "成交金额前5名的客户").metric("bookings").by("account").top(5),
            ask(OLIVIA, "王总今年的业绩").metric("bookings").filter("rep", "王磊").period("this_year"),
            ask(OLIVIA, "2025财年的成交金额").metric("bookings").period("2025"),
            ask(OLIVIA, "FY2026第二季度的输单数").metric("lost_deals").period("2026-Q2"),
            ask(OLIVIA, "上半年的新建商机").metric("new_opportunities").period("2025-04-01..2025-09-30"),
            ask(OLIVIA, "今天的赢单").metric("won_deals").period("today"),
            ask(OLIVIA, "昨天新建了多少商机").metric("new_opportunities").period("yesterday"),
            ask(OLIVIA, "本周的会议数量").metric("activities").filter("activity_type", "meeting").period("this_week"),
            ask(OLIVIA, "上周的演示次数").metric("activities").filter("activity_type", "demo").period("last_week"),
            ask(OLIVIA, "按行业分的赢单率").metric("win_rate").by("industry"),
            ask(OLIVIA, "分产品看成交额").metric("bookings").by("product"),
            ask(OLIVIA, "每个团队的逾期任务").metric("overdue_tasks").by("team"),
            ask(OLIVIA, "Fleet Manager今年的赢单数，按季度").metric("won_deals").filter("product", "Fleet Manager").by("quarter")
                    .period("this_year"),
            ask(OLIVIA, "本财年至今的成交金额").metric("bookings").period("ytd"),
            ask(OLIVIA, "中国的成交金额").metric("bookings").filter("region", "Greater China"),
            ask(OLIVIA, "英国的成交额").metric("bookings").filter("country", "GB"),
            ask(OLIVIA, "续约业务今年的成交金额").metric("bookings").filter("type", "renewal").period("this_year"),
            ask(OLIVIA, "Priya团队的赢单率").metric("win_rate").filter("team", "EMEA"),
            ask(WANG, "我的下属本季度的成交金额排名").metric("bookings").myTeam().by("rep").highestFirst().period("this_quarter"),
            ask(OLIVIA, "12月的会议数").metric("activities").filter("activity_type", "meeting").period("2025-12"),
            ask(OLIVIA, "近两个季度的成交金额").metric("bookings").period("last_2_quarters"),
            ask(OLIVIA, "过去一年的赢单率").metric("win_rate").period("last_12_months"),
            ask(OLIVIA, "2024年的成交金额是多少").metric("bookings").period("2024"),
            ask(OLIVIA, "明年的指标").metric("quota").period("next_year"),
            ask(OLIVIA, "下周到期的任务").metric("open_tasks").period("next_week"),
            ask(OLIVIA, "与上个月相比，本月的新增商机数").metric("new_opportunities").period("this_month").vsPreviousPeriod(),
            ask(OLIVIA, "陈的成交额").clarifies("陈晨", "Chen Yu", "Chen Li"),
            ask(OLIVIA, "三月到五月各销售的赢单数").metric("won_deals").by("rep").period("2025-03-01..2025-05-31"),
            ask(OLIVIA, "本季度销售额最高的三个产品").metric("bookings").by("product").top(3).period("this_quarter"),
            ask(OLIVIA, "上个季度Benelux团队的平均销售周期").metric("sales_cycle").filter("team", "Benelux").period("last_quarter"));

    /** Questions a query cannot answer as asked get a question back or an explanation, never a different figure. */
    static final List<Expected> NEVER_A_WRONG_FIGURE = List.of(
            ask(OLIVIA, "What are Zorro's bookings?").notUnderstood(),
            ask(OLIVIA, "Bookings for Globx this year").clarifies("Globex Corporation"),
            ask(OLIVIA, "王五的成交额是多少").notUnderstood(),
            ask(OLIVIA, "战略客户的成交额").notUnderstood(),
            ask(OLIVIA, "直销团队的赢单率").notUnderstood(),
            ask(OLIVIA, "Bookings excluding renewals this year").notUnderstood(),
            ask(OLIVIA, "除了续约以外今年的成交额").notUnderstood(),
            ask(OLIVIA, "What's the win rate for deals over $50k?").notUnderstood(),
            ask(OLIVIA, "超过10万的商机有多少").notUnderstood(),
            ask(OLIVIA, "Top 5 deals this quarter").notUnderstood(),
            ask(OLIVIA, "EMEA's share of total bookings this year").notUnderstood(),
            ask(WANG, "华东大区成交额占比").notUnderstood(),
            ask(OLIVIA, "How is Priya doing?").clarifies("Bookings", "Win rate", "Open pipeline", "Quota attainment", "New opportunities"),
            ask(PRIYA, "How is my team doing this quarter?").clarifies("Bookings", "Win rate", "Open pipeline", "Quota attainment", "New opportunities"),
            ask(OLIVIA, "top 3 reps").clarifies("Bookings", "Win rate", "Open pipeline", "Quota attainment", "New opportunities"),
            ask(OLIVIA, "Win rate by activity type").clarifies("rep", "team", "region", "product", "product family", "industry", "segment",
                    "country", "account region", "account", "source", "deal type", "month", "quarter", "year", "week"),
            ask(OLIVIA, "Bookings in Greater China vs EMEA this year").metric("bookings").filter("region", "Greater China", "EMEA")
                    .by("region").period("this_year"),
            ask(OLIVIA, "bookings from Northwind").metric("bookings").filter("account", "Northwind Retail Inc."),
            ask(OLIVIA, "What percentage of deals did we win last quarter?").metric("win_rate").period("last_quarter"),
            ask(TOM, "How far are we from quota this quarter?").metric("quota_gap").period("this_quarter"),
            ask(OLIVIA, "How much more do the Americas need to hit their target this year?").metric("quota_gap")
                    .filter("team", "Americas").period("this_year"),
            ask(WANG, "华东大区离指标还差多少").metric("quota_gap").filter("team", "华东大区"),
            ask(WANG, "本季度预测成交额").metric("forecast").period("this_quarter"),
            ask(WANG, "谁是今年的销冠").metric("bookings").by("rep").top(1).period("this_year"),
            ask(WANG, "Who are my top performers by bookings this quarter?").metric("bookings").by("rep").myTeam()
                    .period("this_quarter").highestFirst(),
            ask(OLIVIA, "Who was the best in bookings last quarter?").metric("bookings").by("rep").top(1)
                    .period("last_quarter"),
            // Kestrel's fiscal year starts in April; today is 2025-11-12, in its second half
            ask(OLIVIA, "bookings this half").metric("bookings").period("2025-10-01..2026-03-31"),
            ask(OLIVIA, "win rate last half").metric("win_rate").period("2025-04-01..2025-09-30"),
            ask(OLIVIA, "new opportunities in the past fortnight").metric("new_opportunities").period("last_14_days"),
            ask(WANG, "上个半年的成交额").metric("bookings").period("2025-04-01..2025-09-30"),
            ask(WANG, "今年上半年的成交额").metric("bookings").period("2025-04-01..2025-09-30"),
            ask(WANG, "本周新建的商机金额").metric("new_pipeline").period("this_week"),
            // Reps the warehouse spells in pinyin, asked about in characters
            ask(WANG, "陈宇本季度的成交额").metric("bookings").filter("rep", "Chen Yu").period("this_quarter"),
            ask(WANG, "陈立上个月打了多少电话").metric("activities").filter("rep", "Chen Li")
                    .filter("activity_type", "call").period("last_month"),
            ask(WANG, "陈晨本季度的成交额").metric("bookings").filter("rep", "陈晨").period("this_quarter"),
            ask(OLIVIA, "How many leads did we disqualify last quarter?").metric("leads")
                    .filter("lead_status", "disqualified").period("last_quarter"),
            ask(OLIVIA, "lost deals by reason last year").metric("lost_deals").by("lost_reason").period("last_year"),
            ask(WANG, "输单原因分布").metric("lost_deals").by("lost_reason"),
            ask(OLIVIA, "How many deals did we lose to competitors this year?").metric("lost_deals")
                    .filter("lost_reason", "Competitor").period("this_year"),
            ask(OLIVIA, "How many deals are in the Negotiation stage?").metric("open_opportunities")
                    .filter("stage", "Negotiation"),
            ask(WANG, "Proposal阶段有多少个商机").metric("open_opportunities").filter("stage", "Proposal"),
            ask(WANG, "团队成员本季度的赢单率排名").metric("win_rate").by("rep").myTeam().period("this_quarter")
                    .highestFirst(),
            ask(WANG, "Rank my team members by bookings this quarter").metric("bookings").by("rep").myTeam()
                    .period("this_quarter").highestFirst(),
            ask(OLIVIA, "华为 bookings this year").notUnderstood().inLanguage("en"),
            ask(OLIVIA, "What's the win rate for 华为 in 2025?").notUnderstood().inLanguage("en"),
            ask(OLIVIA, "明远制造 bookings last quarter").metric("bookings").filter("account", "上海明远制造有限公司")
                    .period("last_quarter").inLanguage("en"),
            ask(OLIVIA, "How much did Acme Health buy this year?").metric("bookings").filter("account", "Acme Health GmbH").period("this_year"),
            ask(OLIVIA, "美洲区今年的赢单率").metric("win_rate").filter("region", "Americas").period("this_year"),
            ask(OLIVIA, "上海一组和杭州团队的成交额对比").metric("bookings").filter("team", "上海一组", "杭州团队").by("team"),
            ask(OLIVIA, "華東大區上個季度的成交金額").metric("bookings").filter("team", "华东大区").period("last_quarter"),
            ask(OLIVIA, "我想看本季度的成交额").metric("bookings").period("this_quarter"),
            ask(OLIVIA, "How many deals are in the pipeline?").metric("open_opportunities"),
            ask(OLIVIA, "How long does it take us to close a deal?").metric("sales_cycle"));

    @TestFactory
    Stream<DynamicTest> questions_that_cannot_be_answered_as_asked_never_get_a_different_figure() {
        return NEVER_A_WRONG_FIGURE.stream().map(e -> dynamicTest(e.question, () -> e.check(KestrelFixture.parser())));
    }

    @TestFactory
    Stream<DynamicTest> english_questions_about_another_company_parse_to_what_a_manager_means() {
        return ENGLISH.stream().map(e -> dynamicTest(e.question, () -> e.check(KestrelFixture.parser())));
    }

    @TestFactory
    Stream<DynamicTest> chinese_questions_about_another_company_parse_to_what_a_manager_means() {
        return CHINESE.stream().map(e -> dynamicTest(e.question, () -> e.check(KestrelFixture.parser())));
    }
}
