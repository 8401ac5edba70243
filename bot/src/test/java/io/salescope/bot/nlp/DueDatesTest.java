package io.salescope.bot.nlp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Due times as people type them; "now" is Wednesday 1 July 2026 10:00 in the writer's zone. */
class DueDatesTest {

    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 7, 1, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai"));
    static final LocalTime END = LocalTime.of(18, 0);
    static final Predicate<LocalDate> WEEKDAYS = d -> d.getDayOfWeek().getValue() <= 5;

    static Optional<DueDates.Due> find(String text) {
        return DueDates.find(text, NOW, END, WEEKDAYS);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "call ACME about the renewal, due Friday | 2026-07-03T18:00",
            "send the offer tomorrow 3pm | 2026-07-02T15:00",
            "send the offer by tomorrow at 15:30 | 2026-07-02T15:30",
            "prepare the demo by next Monday at 10:30 | 2026-07-06T10:30",
            "review the contract on Thu | 2026-07-02T18:00",
            "call back in 2 days | 2026-07-03T18:00",
            "call back in 3 hours | 2026-07-01T13:00",
            "close the books by end of week | 2026-07-03T18:00",
            "renewal paperwork by end of month | 2026-07-31T18:00",
            "kickoff on July 10 | 2026-07-10T18:00",
            "kickoff on 10 July | 2026-07-10T18:00",
            "kickoff 2026-07-15 | 2026-07-15T18:00",
            "kickoff 7/9 | 2026-07-09T18:00",
            "follow up today 5pm | 2026-07-01T17:00",
            "follow up at 9am | 2026-07-02T09:00",
            "follow up at noon | 2026-07-01T12:00",
            "Wednesday | 2026-07-01T18:00",
            "周五前回访ACME | 2026-07-03T18:00",
            "明天下午三点给ACME打电话 | 2026-07-02T15:00",
            "下周一上午10点开会 | 2026-07-06T10:00",
            "后天发报价 | 2026-07-03T18:00",
            "3天内完成 | 2026-07-04T18:00",
            "月底前续约 | 2026-07-31T18:00",
            "7月3日前回访 | 2026-07-03T18:00",
            "12号之前 | 2026-07-12T18:00",
            "今天下午5点半前 | 2026-07-01T17:30",
            "周日 | 2026-07-05T18:00",
            "本周内搞定 | 2026-07-03T18:00"})
    void reads_when_a_task_is_due(String text, String expected) {
        assertThat(find(text)).as(text).hasValueSatisfying(d ->
                assertThat(d.at().toLocalDateTime()).isEqualTo(java.time.LocalDateTime.parse(expected)));
    }

    @Test
    void a_weekday_whose_end_has_passed_today_is_next_week() {
        ZonedDateTime lateWednesday = NOW.withHour(19);
        assertThat(DueDates.find("due Wednesday", lateWednesday, END, WEEKDAYS).orElseThrow().at().toLocalDate())
                .isEqualTo(LocalDate.of(2026, 7, 8));
    }

    @Test
    void text_without_a_date_has_none_and_the_default_is_the_end_of_the_next_working_day() {
        assertThat(find("call ACME about the 3 open quotes")).isEmpty();
        assertThat(find("sat down with ACME about Q3")).isEmpty();
        assertThat(find("回访ACME")).isEmpty();
        assertThat(DueDates.defaultDue(NOW, END, WEEKDAYS)).isEqualTo(ZonedDateTime.of(2026, 7, 2, 18, 0, 0, 0, NOW.getZone()));
        ZonedDateTime friday = NOW.with(DayOfWeek.FRIDAY);
        assertThat(DueDates.defaultDue(friday, END, WEEKDAYS).toLocalDate()).isEqualTo(LocalDate.of(2026, 7, 6));
    }

    @Test
    void impossible_dates_are_not_dates() {
        assertThat(find("kickoff on February 30")).isEmpty();
        assertThat(find("25点开会")).isEmpty();
    }

    @Test
    void the_phrase_after_due_wins_and_its_position_is_given() {
        String text = "discuss the Monday demo, due Friday";
        DueDates.Due d = find(text).orElseThrow();
        assertThat(d.at().toLocalDate()).isEqualTo(LocalDate.of(2026, 7, 3));
        assertThat(TaskRequests.subjectWithout(text, d.start(), d.end())).isEqualTo("discuss the Monday demo");
        String zh = "周五前回访ACME";
        DueDates.Due z = find(zh).orElseThrow();
        assertThat(TaskRequests.subjectWithout(zh, z.start(), z.end())).isEqualTo("回访ACME");
    }
}
