package io.salescope.ingest.generate;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class StampsTest {

    @Test
    void dates_match_java_time_across_four_centuries() {
        for (long day = LocalDate.of(1900, 1, 1).toEpochDay(); day < LocalDate.of(2300, 1, 1).toEpochDay(); day += 7) {
            assertThat(Stamps.date(day)).isEqualTo(LocalDate.ofEpochDay(day).toString());
        }
    }

    @Test
    void offsets_follow_daylight_saving_and_parse_back_to_the_same_instant() {
        LocalZone newYork = new LocalZone("America/New_York");
        long winter = Instant.parse("2026-01-15T17:04:05.123Z").toEpochMilli();
        long summer = Instant.parse("2026-07-15T17:04:05.123Z").toEpochMilli();

        assertThat(stamp(winter, newYork, Stamps.Form.OFFSET, false)).isEqualTo("2026-01-15T12:04:05-05:00");
        assertThat(stamp(summer, newYork, Stamps.Form.OFFSET, true)).isEqualTo("2026-07-15T13:04:05.123-04:00");
        assertThat(stamp(summer, newYork, Stamps.Form.UTC_Z, false)).isEqualTo("2026-07-15T17:04:05Z");
        assertThat(stamp(summer, newYork, Stamps.Form.NO_ZONE, false)).isEqualTo("2026-07-15T17:04:05");
        assertThat(stamp(summer, newYork, Stamps.Form.DATE, false)).isEqualTo("2026-07-15");
        assertThat(stamp(summer, new LocalZone("Asia/Shanghai"), Stamps.Form.OFFSET, false)).isEqualTo("2026-07-16T01:04:05+08:00");
        assertThat(stamp(summer, new LocalZone("UTC"), Stamps.Form.OFFSET, false)).isEqualTo("2026-07-15T17:04:05Z");
        assertThat(OffsetDateTime.parse(stamp(summer, newYork, Stamps.Form.OFFSET, true), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant().toEpochMilli()).isEqualTo(summer);
    }

    @Test
    void local_days_and_wall_clock_times_convert_both_ways() {
        LocalZone shanghai = new LocalZone("Asia/Shanghai");
        long day = LocalDate.of(2026, 6, 29).toEpochDay();
        long nine = shanghai.at(day, 9 * LocalZone.HOUR);

        assertThat(Instant.ofEpochMilli(nine).atZone(ZoneId.of("Asia/Shanghai")).toLocalTime()).hasToString("09:00");
        assertThat(shanghai.localDay(nine)).isEqualTo(day);
        assertThat(shanghai.startOfDay(day + 1)).isEqualTo(Instant.parse("2026-06-29T16:00:00Z").toEpochMilli());
    }

    private static String stamp(long millis, LocalZone zone, Stamps.Form form, boolean fraction) {
        StringBuilder sb = new StringBuilder();
        Stamps.append(sb, millis, zone, form, fraction);
        return sb.toString();
    }
}
