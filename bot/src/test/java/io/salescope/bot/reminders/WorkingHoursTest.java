package io.salescope.bot.reminders;

import io.salescope.core.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The working-hours rule, worked out by hand in Shanghai (UTC+8, no DST), New York and Berlin (DST). */
class WorkingHoursTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final WorkingHours HOURS = WorkingHours.DEFAULT;

    static Instant t(String s) {
        return Instant.parse(s);
    }

    @Test
    void working_hours_include_their_first_and_last_minute_on_working_days_only() {
        assertThat(HOURS.isWorking(t("2026-07-06T01:00:00Z"), SHANGHAI)).as("Mon 09:00").isTrue();
        assertThat(HOURS.isWorking(t("2026-07-06T10:00:00Z"), SHANGHAI)).as("Mon 18:00").isTrue();
        assertThat(HOURS.isWorking(t("2026-07-06T10:00:01Z"), SHANGHAI)).as("Mon 18:00:01").isFalse();
        assertThat(HOURS.isWorking(t("2026-07-06T00:59:59Z"), SHANGHAI)).as("Mon 08:59:59").isFalse();
        assertThat(HOURS.isWorking(t("2026-07-04T03:00:00Z"), SHANGHAI)).as("Sat 11:00").isFalse();
    }

    @Test
    void a_time_inside_working_hours_stays() {
        Instant n = t("2026-07-07T03:00:00Z");
        assertThat(HOURS.deliveryTime(n, t("2026-07-08T03:00:00Z"), null, SHANGHAI)).isEqualTo(n);
    }

    @Test
    void a_sunday_time_moves_to_monday_nine_when_the_task_is_due_later_on_monday() {
        // due Mon 6 Jul 10:00 Shanghai; 24 h before is Sun 10:00 -> Mon 09:00 local = 01:00Z
        assertThat(HOURS.deliveryTime(t("2026-07-05T02:00:00Z"), t("2026-07-06T02:00:00Z"), null, SHANGHAI))
                .isEqualTo(t("2026-07-06T01:00:00Z"));
    }

    @Test
    void an_evening_time_moves_to_the_next_morning() {
        // Tue 20:00 Shanghai -> Wed 09:00
        assertThat(HOURS.deliveryTime(t("2026-07-07T12:00:00Z"), t("2026-07-09T10:00:00Z"), null, SHANGHAI))
                .isEqualTo(t("2026-07-08T01:00:00Z"));
    }

    @Test
    void a_task_due_before_the_next_working_period_is_reminded_at_the_latest_working_moment_before_it() {
        // due Mon 08:30 Shanghai; 1 h before is 07:30, next start 09:00 is after the due time -> Fri 18:00 local
        assertThat(HOURS.deliveryTime(t("2026-07-05T23:30:00Z"), t("2026-07-06T00:30:00Z"), null, SHANGHAI))
                .isEqualTo(t("2026-07-03T10:00:00Z"));
    }

    @Test
    void a_task_created_after_the_last_working_moment_is_reminded_immediately() {
        Instant createdSaturday = t("2026-07-04T02:00:00Z");
        assertThat(HOURS.deliveryTime(t("2026-07-05T23:30:00Z"), t("2026-07-06T00:30:00Z"), createdSaturday, SHANGHAI))
                .isEqualTo(createdSaturday);
    }

    @Test
    void nine_in_the_morning_follows_the_daylight_saving_change_in_new_york() {
        // Fri 6 Mar 2026 09:00 EST = 14:00Z; DST starts Sun 8 Mar; Mon 9 Mar 09:00 EDT = 13:00Z
        assertThat(HOURS.dayStartAtOrAfter(t("2026-03-06T00:00:00Z"), NEW_YORK)).isEqualTo(t("2026-03-06T14:00:00Z"));
        assertThat(HOURS.dayStartAtOrAfter(t("2026-03-06T14:00:01Z"), NEW_YORK)).isEqualTo(t("2026-03-09T13:00:00Z"));
        // due Mon 9 Mar 10:00 EDT; 24 h before is Sun 10:00 EDT -> Mon 09:00 EDT, not 14:00Z as in winter
        assertThat(HOURS.deliveryTime(t("2026-03-08T14:00:00Z"), t("2026-03-09T14:00:00Z"), null, NEW_YORK))
                .isEqualTo(t("2026-03-09T13:00:00Z"));
    }

    @Test
    void nine_in_the_morning_follows_the_end_of_summer_time_in_berlin() {
        // Fri 23 Oct 2026 09:00 CEST = 07:00Z; summer time ends Sun 25 Oct; Mon 26 Oct 09:00 CET = 08:00Z
        assertThat(HOURS.dayStartAtOrBefore(t("2026-10-23T12:00:00Z"), BERLIN)).isEqualTo(t("2026-10-23T07:00:00Z"));
        assertThat(HOURS.dayStartAtOrAfter(t("2026-10-23T07:00:01Z"), BERLIN)).isEqualTo(t("2026-10-26T08:00:00Z"));
        assertThat(HOURS.lastEndBefore(t("2026-10-26T08:00:00Z"), BERLIN)).isEqualTo(t("2026-10-23T16:00:00Z"));
    }

    @Test
    void working_hours_and_days_are_read_from_configuration() {
        WorkingHours h = WorkingHours.parse("8:30-17:00", "SUN-THU");
        assertThat(h.start()).isEqualTo(LocalTime.of(8, 30));
        assertThat(h.end()).isEqualTo(LocalTime.of(17, 0));
        assertThat(h.days()).isEqualTo(EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY));
        assertThat(WorkingHours.parse("09:00-18:00", "MON,WED,FRI").days())
                .containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
        assertThatThrownBy(() -> WorkingHours.parse("18:00-09:00", "MON-FRI")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("start before they end");
        assertThatThrownBy(() -> WorkingHours.parse("9-5", "MON-FRI")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("09:00-18:00");
        assertThatThrownBy(() -> WorkingHours.parse("09:00-18:00", "MON-FUNDAY")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("FUNDAY");
    }
}
