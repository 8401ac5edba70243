package io.salescope.bot.nlp;

import io.salescope.core.time.FiscalCalendar;
import io.salescope.core.time.Period;
import io.salescope.core.time.Periods;
import io.salescope.warehouse.query.MetricQuery.Comparison;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time phrases in English and Chinese become the API's period strings, following the fiscal
 * year and the reference date. Two calendars: January fiscal year with "today" 2026-06-30, and
 * April fiscal year (FY2026 = 2025-04-01 – 2026-03-31) with "today" 2025-11-12.
 */
class TimeExpressionsTest {

    private static final Periods JANUARY = new Periods(new FiscalCalendar(1), LocalDate.of(2026, 6, 30));
    private static final Periods APRIL = new Periods(new FiscalCalendar(4), LocalDate.of(2025, 11, 12));
    private static final TimeExpressions TIME = new TimeExpressions(word -> word.equals("june"));

    private static TimeExpressions.Result read(String phrase, Periods periods) {
        return TIME.extract(NormalizedText.of(phrase), periods);
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            bookings today                              | today
            今天的成交金额                                 | today
            bookings yesterday                          | yesterday
            昨天的赢单                                    | yesterday
            bookings this week                          | this_week
            本周的赢单数                                   | this_week
            这周签了几单                                   | this_week
            bookings last week                          | last_week
            上周的活动                                    | last_week
            tasks due next week                         | next_week
            下周到期的任务                                 | next_week
            bookings this month                         | this_month
            本月的成交额                                   | this_month
            这个月的成交额                                  | this_month
            bookings last month                         | last_month
            上个月的成交额                                  | last_month
            上月的成交额                                   | last_month
            上上个月的赢单数                                 | 2026-04
            上上月的赢单数                                  | 2026-04
            bookings the month before last              | 2026-04
            win rate two quarters ago                   | 2025-Q4
            上上季度的成交额                                 | 2025-Q4
            上上周的活动数                                  | 2026-W25
            三个月前的新增商机                                | 2026-03
            pipeline closing next month                 | next_month
            下个月的管道                                   | next_month
            bookings this quarter                       | this_quarter
            本季度的成交额                                  | this_quarter
            这个季度的成交额                                 | this_quarter
            本季的成交额                                   | this_quarter
            bookings in the current quarter             | this_quarter
            win rate last quarter                       | last_quarter
            win rate in the previous quarter            | last_quarter
            上季度的赢单率                                  | last_quarter
            上个季度的赢单率                                 | last_quarter
            上季的赢单率                                   | last_quarter
            coverage next quarter                       | next_quarter
            下季度的覆盖率                                  | next_quarter
            bookings this year                          | this_year
            bookings this fiscal year                   | this_year
            今年的成交额                                   | this_year
            本年的成交额                                   | this_year
            bookings last year                          | last_year
            去年的成交额                                   | last_year
            quota next year                             | next_year
            明年的指标                                    | next_year
            bookings in Q3 2025                         | 2025-Q3
            bookings in 2025 Q3                         | 2025-Q3
            bookings Q3 FY25                            | 2025-Q3
            bookings in the third quarter of 2025       | 2025-Q3
            bookings for Q3                             | 2026-Q3
            2025年第三季度的成交额                            | 2025-Q3
            2025年Q3的成交额                               | 2025-Q3
            2025年三季度的成交额                             | 2025-Q3
            第三季度的成交额                                 | 2026-Q3
            bookings in March 2025                      | 2025-03
            bookings in March                           | 2026-03
            2025年3月的成交额                               | 2025-03
            3月的成交额                                    | 2026-03
            三月的成交额                                   | 2026-03
            12月份的成交额                                  | 2026-12
            bookings in 2025                            | 2025
            bookings FY2026                             | 2026
            2025年的成交额                                 | 2025
            2025财年的成交额                                | 2025
            bookings YTD                                | ytd
            bookings year to date                       | ytd
            bookings so far this year                   | ytd
            bookings since the start of the year        | ytd
            年初至今的成交额                                 | ytd
            今年以来的成交额                                 | ytd
            本年迄今的成交额                                 | ytd
            bookings QTD                                | qtd
            bookings so far this quarter                | qtd
            季初至今的成交额                                 | qtd
            bookings MTD                                | mtd
            本月至今的成交额                                 | mtd
            new opps in the last 30 days                | last_30_days
            new opps in the last thirty days            | last_30_days
            近30天的新建商机                                | last_30_days
            最近30天的新建商机                               | last_30_days
            过去30天的新建商机                               | last_30_days
            最近三十天的新建商机                              | last_30_days
            new opps past 3 months                      | last_3_months
            new opps over the last three months         | last_3_months
            最近三个月的成交额                                | last_3_months
            近三个月的成交额                                 | last_3_months
            近3个月的成交额                                 | last_3_months
            activities in the last 2 weeks              | last_2_weeks
            近两周的活动                                   | last_2_weeks
            过去一年的赢单率                                 | last_12_months
            bookings between March and May 2025         | 2025-03-01..2025-05-31
            bookings between 2026-01-01 and 2026-03-31  | 2026-01-01..2026-03-31
            bookings from Jan 2026 to Mar 2026          | 2026-01-01..2026-03-31
            bookings from 1 March 2026 to 15 April 2026 | 2026-03-01..2026-04-15
            2025年3月到5月的成交额                           | 2025-03-01..2025-05-31
            2025年3月至5月的成交额                           | 2025-03-01..2025-05-31
            从2025年3月到2025年5月的成交额                      | 2025-03-01..2025-05-31
            从2026年1月1日到2026年3月31日的赢单数                 | 2026-01-01..2026-03-31
            bookings since April                        | 2026-04-01..2026-06-30
            2026年4月以来的成交额                            | 2026-04-01..2026-06-30
            bookings in the first half of 2025          | 2025-01-01..2025-06-30
            2025年上半年的成交额                             | 2025-01-01..2025-06-30
            bookings in H2                              | 2026-07-01..2026-12-31
            bookings this quarter last year             | 2025-Q2
            去年同期的成交额                                 | 2025-Q2
            total bookings all time                     | all_time
            """)
    void time_phrases_with_a_january_fiscal_year(String question, String period) {
        assertThat(read(question, JANUARY).period()).as(question).isEqualTo(period);
        JANUARY.parse(period);
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            bookings this quarter            | this_quarter
            bookings in Q1                   | 2026-Q1
            第一季度的成交额                      | 2026-Q1
            bookings in Q3 2025              | 2025-Q3
            bookings in March                | 2026-03
            bookings in April                | 2025-04
            bookings in May                  | 2025-05
            12月的会议数                        | 2025-12
            上半年的新建商机                      | 2025-04-01..2025-09-30
            bookings in H2                   | 2025-10-01..2026-03-31
            三月到五月的赢单数                     | 2025-03-01..2025-05-31
            bookings since October           | 2025-10-01..2025-11-12
            pipeline closing in the next 30 days | 2025-11-13..2025-12-12
            明年第一季度的预测                     | 2027-Q1
            Q2 last year                     | 2025-Q2
            本财年至今的成交金额                    | ytd
            """)
    void time_phrases_with_an_april_fiscal_year(String question, String period) {
        assertThat(read(question, APRIL).period()).as(question).isEqualTo(period);
        APRIL.parse(period);
    }

    @Test
    void quarters_and_years_follow_the_fiscal_year() {
        Period thisQuarter = APRIL.parse(read("bookings this quarter", APRIL).period());
        assertThat(thisQuarter.from()).isEqualTo(LocalDate.of(2025, 10, 1));
        assertThat(thisQuarter.to()).isEqualTo(LocalDate.of(2025, 12, 31));
        Period q1 = APRIL.parse(read("bookings in Q1", APRIL).period());
        assertThat(q1.from()).isEqualTo(LocalDate.of(2025, 4, 1));
        Period fy = APRIL.parse(read("bookings FY2026", APRIL).period());
        assertThat(fy.from()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(fy.to()).isEqualTo(LocalDate.of(2026, 3, 31));
    }

    @Test
    void a_month_name_that_is_also_a_first_name_is_a_month_only_after_a_preposition() {
        assertThat(read("June's bookings", JANUARY).period()).isNull();
        assertThat(read("bookings in June", JANUARY).period()).isEqualTo("2026-06");
        assertThat(read("May I see the bookings?", JANUARY).period()).isNull();
        assertThat(read("bookings for May 2026", JANUARY).period()).isEqualTo("2026-05");
    }

    @Test
    void now_words_mean_no_period() {
        for (String q : new String[] {"open pipeline right now", "pipeline now", "现在的在手管道", "目前的逾期任务", "当前的加权管道"}) {
            TimeExpressions.Result r = read(q, JANUARY);
            assertThat(r.period()).as(q).isNull();
            assertThat(r.now()).as(q).isTrue();
        }
        assertThat(read("当前季度的成交额", JANUARY).period()).isEqualTo("this_quarter");
    }

    @Test
    void no_time_phrase_means_no_period() {
        assertThat(read("win rate for DACH", JANUARY).period()).isNull();
        assertThat(read("中国区的赢单率", JANUARY).period()).isNull();
    }

    @ParameterizedTest(name = "\"{0}\" compares with {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            bookings this quarter vs last quarter        | this_quarter | PREVIOUS_PERIOD
            bookings vs last quarter                     | this_quarter | PREVIOUS_PERIOD
            bookings versus last month                   | this_month   | PREVIOUS_PERIOD
            bookings QoQ                                 | -            | PREVIOUS_PERIOD
            bookings quarter over quarter                | -            | PREVIOUS_PERIOD
            bookings this quarter compared to last year  | this_quarter | YEAR_AGO
            bookings YoY                                 | -            | YEAR_AGO
            bookings year over year                      | -            | YEAR_AGO
            Q2 2026 bookings compared with Q2 2025       | 2026-Q2      | YEAR_AGO
            Q3 bookings versus the same quarter last year | 2026-Q3     | YEAR_AGO
            本季度成交金额环比                                | this_quarter | PREVIOUS_PERIOD
            本季度成交金额同比                                | this_quarter | YEAR_AGO
            和去年同期相比，本季度的赢单率                          | this_quarter | YEAR_AGO
            与上个月相比，本月的新增商机数                          | this_month   | PREVIOUS_PERIOD
            今年的成交金额和去年相比怎么样                          | this_year    | YEAR_AGO
            """)
    void comparisons_keep_the_asked_period_as_the_main_figure(String question, String period, Comparison comparison) {
        TimeExpressions.Result r = read(question, JANUARY);
        assertThat(r.period()).as(question).isEqualTo(period);
        assertThat(r.comparison()).as(question).isEqualTo(comparison);
    }

    @Test
    void an_impossible_date_is_reported_not_guessed() {
        assertThat(read("bookings between 2026-05-01 and 2026-02-01", JANUARY).problem()).isNotNull();
    }

    @Test
    void chinese_numerals_are_read() {
        assertThat(Numbers.parse("十二")).isEqualTo(12);
        assertThat(Numbers.parse("两")).isEqualTo(2);
        assertThat(Numbers.parse("三十")).isEqualTo(30);
        assertThat(Numbers.parse("九十")).isEqualTo(90);
        assertThat(Numbers.parse("twenty-one")).isEqualTo(21);
        assertThat(Numbers.parse("thirty")).isEqualTo(30);
    }
}
