package io.salescope.core.time;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    final Periods january = new Periods(new FiscalCalendar(1), TODAY);
    final Periods april = new Periods(new FiscalCalendar(4), TODAY);

    static String range(Period p) {
        return p.from() + ".." + p.to();
    }

    @Test
    void api_forms_resolve_to_their_dates() {
        assertThat(range(january.parse("2026-Q3"))).isEqualTo("2026-07-01..2026-09-30");
        assertThat(range(january.parse("2026-03"))).isEqualTo("2026-03-01..2026-03-31");
        assertThat(range(january.parse("2026"))).isEqualTo("2026-01-01..2026-12-31");
        assertThat(range(january.parse("2026-W14"))).isEqualTo("2026-03-30..2026-04-05");
        assertThat(range(january.parse("2026-01-01..2026-03-31"))).isEqualTo("2026-01-01..2026-03-31");
        assertThat(range(january.parse("2026-06-30"))).isEqualTo("2026-06-30..2026-06-30");
    }

    @Test
    void relative_words_follow_the_reference_date() {
        assertThat(range(january.parse("this_quarter"))).isEqualTo("2026-04-01..2026-06-30");
        assertThat(range(january.parse("last_quarter"))).isEqualTo("2026-01-01..2026-03-31");
        assertThat(range(january.parse("next_quarter"))).isEqualTo("2026-07-01..2026-09-30");
        assertThat(range(january.parse("last_month"))).isEqualTo("2026-05-01..2026-05-31");
        assertThat(range(january.parse("this_week"))).isEqualTo("2026-06-29..2026-07-05");
        assertThat(range(january.parse("last_year"))).isEqualTo("2025-01-01..2025-12-31");
        assertThat(range(january.parse("yesterday"))).isEqualTo("2026-06-29..2026-06-29");
        assertThat(range(january.parse("ytd"))).isEqualTo("2026-01-01..2026-06-30");
        assertThat(range(january.parse("mtd"))).isEqualTo("2026-06-01..2026-06-30");
        assertThat(range(january.parse("last_30_days"))).isEqualTo("2026-06-01..2026-06-30");
        assertThat(range(january.parse("last_3_months"))).isEqualTo("2026-04-01..2026-06-30");
        assertThat(range(january.parse("last_2_weeks"))).isEqualTo("2026-06-22..2026-07-05");
        assertThat(range(january.parse("previous_4_quarters"))).isEqualTo("2025-04-01..2026-03-31");
        assertThat(january.parse("all_time").label()).isEqualTo("all time");
    }

    @Test
    void fiscal_years_are_named_by_the_year_they_end_in() {
        assertThat(range(april.parse("2026"))).isEqualTo("2025-04-01..2026-03-31");
        assertThat(range(april.parse("2026-Q1"))).isEqualTo("2025-04-01..2025-06-30");
        assertThat(range(april.parse("this_quarter"))).isEqualTo("2026-04-01..2026-06-30");
        assertThat(april.parse("this_quarter").label()).isEqualTo("2027-Q1");
        assertThat(range(april.parse("this_year"))).isEqualTo("2026-04-01..2027-03-31");
        assertThat(range(april.parse("ytd"))).isEqualTo("2026-04-01..2026-06-30");
    }

    @Test
    void comparisons_shift_by_one_unit_or_one_year() {
        FiscalCalendar c = new FiscalCalendar(1);
        assertThat(c.previous(january.parse("2026-Q1")).label()).isEqualTo("2025-Q4");
        assertThat(c.yearAgo(january.parse("2026-Q2")).label()).isEqualTo("2025-Q2");
        assertThat(range(c.previous(january.parse("ytd")))).isEqualTo("2025-01-01..2025-06-30");
        assertThat(range(c.previous(january.parse("2026-01-01..2026-01-10")))).isEqualTo("2025-12-22..2025-12-31");
        assertThat(range(c.yearAgo(january.parse("mtd")))).isEqualTo("2025-06-01..2025-06-30");
    }

    @Test
    void nonsense_is_an_error_listing_the_forms() {
        assertThatThrownBy(() -> january.parse("someday")).hasMessageContaining("2026-Q3").hasMessageContaining("ytd");
        assertThatThrownBy(() -> january.parse("2026-13")).isInstanceOf(Periods.PeriodException.class);
        assertThatThrownBy(() -> january.parse("2026-03-01..2026-02-01")).isInstanceOf(Periods.PeriodException.class);
    }

    @Test
    void periods_have_names_in_both_languages() {
        assertThat(PeriodNames.name(january.parse("2026-Q3"), "en", 1)).isEqualTo("Q3 2026");
        assertThat(PeriodNames.name(january.parse("2026-Q3"), "zh", 1)).isEqualTo("2026年第三季度");
        assertThat(PeriodNames.name(january.parse("2026-03"), "en", 1)).isEqualTo("March 2026");
        assertThat(PeriodNames.name(january.parse("2026-03"), "zh", 1)).isEqualTo("2026年3月");
        assertThat(PeriodNames.name(january.parse("ytd"), "en", 1)).isEqualTo("2026 year to date");
        assertThat(PeriodNames.name(january.parse("ytd"), "zh", 1)).isEqualTo("2026年年初至今");
        assertThat(PeriodNames.name(april.parse("2026-Q1"), "en", 4)).isEqualTo("Q1 FY2026");
        assertThat(PeriodNames.nameWithDates(january.parse("2026-Q3"), "en", 1)).isEqualTo("Q3 2026 (2026-07-01 – 2026-09-30)");
    }
}
