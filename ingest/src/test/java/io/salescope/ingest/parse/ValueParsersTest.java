package io.salescope.ingest.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ValueParsersTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static Long timestamp(String text, ZoneId zone) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return ValueParsers.parseTimestamp(b, 0, b.length, zone, zone.getRules());
    }

    static Instant instant(String text, ZoneId zone) {
        Long micros = timestamp(text, zone);
        return micros == null ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    static Integer date(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return ValueParsers.parseDate(b, 0, b.length);
    }

    static Double number(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return ValueParsers.parseDouble(b, 0, b.length);
    }

    static Boolean bool(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return ValueParsers.parseBoolean(b, 0, b.length);
    }

    @Test
    void timestamps_with_z_an_offset_no_zone_or_a_bare_date_are_instants() {
        assertThat(instant("2026-06-29T09:38:19Z", SHANGHAI)).isEqualTo(Instant.parse("2026-06-29T09:38:19Z"));
        assertThat(instant("2026-06-29T09:38:19+08:00", UTC)).isEqualTo(Instant.parse("2026-06-29T01:38:19Z"));
        assertThat(instant("2026-06-29T09:38:19-07:00", UTC)).isEqualTo(Instant.parse("2026-06-29T16:38:19Z"));
        assertThat(instant("2026-06-29T09:38:19", UTC)).isEqualTo(Instant.parse("2026-06-29T09:38:19Z"));
        assertThat(instant("2026-06-29T09:38:19", SHANGHAI)).isEqualTo(Instant.parse("2026-06-29T01:38:19Z"));
        assertThat(instant("2026-06-29", UTC)).isEqualTo(Instant.parse("2026-06-29T00:00:00Z"));
        assertThat(instant("2026-06-29", SHANGHAI)).isEqualTo(Instant.parse("2026-06-28T16:00:00Z"));
    }

    @Test
    void fractions_are_kept_to_the_microsecond() {
        assertThat(instant("2026-04-13T16:58:40.693-07:00", UTC)).isEqualTo(Instant.parse("2026-04-13T23:58:40.693Z"));
        assertThat(instant("2026-04-13T16:58:40.1234567Z", UTC)).isEqualTo(Instant.parse("2026-04-13T16:58:40.123456Z"));
        assertThat(instant("2026-04-13T16:58:40.5", UTC)).isEqualTo(Instant.parse("2026-04-13T16:58:40.500Z"));
    }

    @Test
    void a_zoneless_timestamp_follows_daylight_saving_time_of_the_default_zone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(instant("2026-01-15T12:00:00", berlin)).isEqualTo(Instant.parse("2026-01-15T11:00:00Z"));
        assertThat(instant("2026-07-15T12:00:00", berlin)).isEqualTo(Instant.parse("2026-07-15T10:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-06-29T9:38:19Z", "2026-06-29T09:38", "2026-06-29T24:00:00", "2026-02-30T00:00:00",
            "2026-06-29T09:38:19+8", "2026-06-29T09:38:19 UTC", "29/06/2026", "2026-06-29T09:38:19.", "yesterday",
            "2026-06-29T09:38:19+08:00:00", "2026-13-01"})
    void malformed_timestamps_do_not_parse(String text) {
        assertThat(timestamp(text, UTC)).isNull();
    }

    @Test
    void dates_are_strict_yyyy_mm_dd_including_leap_days() {
        assertThat(date("2024-02-29")).isEqualTo((int) LocalDate.of(2024, 2, 29).toEpochDay());
        assertThat(date("1969-12-31")).isEqualTo(-1);
        assertThat(date("0001-01-01")).isEqualTo((int) LocalDate.of(1, 1, 1).toEpochDay());
        assertThat(date("2023-02-29")).isNull();
        assertThat(date("2026-6-1")).isNull();
        assertThat(date("2026-06-01T00:00:00")).isNull();
        assertThat(date("2026/06/01")).isNull();
    }

    @ParameterizedTest
    @CsvSource({"34562.68, 34562.68", "-12.5, -12.5", "0, 0", "2215000, 2215000", ".5, 0.5", "7., 7",
            "0.1, 0.1", "123456789012345678.25, 123456789012345678.25", "0.000001, 0.000001"})
    void numbers_use_a_point_and_an_optional_minus(String text, double expected) {
        assertThat(number(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,000", "1 000", "1e5", "+5", "--1", "1.2.3", "12a", ".", "-", "", "€5", "5%"})
    void numbers_with_separators_exponents_or_signs_do_not_parse(String text) {
        assertThat(number(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "Yes, true", "1, true", "false, false", "No, false", "0, false", "nO, false"})
    void booleans_are_true_false_one_zero_yes_no_in_any_case(String text, boolean expected) {
        assertThat(bool(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"y", "t", "2", "on", "truee", "ja"})
    void other_boolean_spellings_do_not_parse(String text) {
        assertThat(bool(text)).isNull();
    }

    @Test
    void the_local_date_of_an_instant_depends_on_the_zone() {
        long micros = Instant.parse("2026-06-29T20:00:00Z").toEpochMilli() * 1000;
        assertThat(ValueParsers.localEpochDay(micros, UTC.getRules())).isEqualTo((int) LocalDate.of(2026, 6, 29).toEpochDay());
        assertThat(ValueParsers.localEpochDay(micros, SHANGHAI.getRules())).isEqualTo((int) LocalDate.of(2026, 6, 30).toEpochDay());
        long beforeEpoch = Instant.parse("1969-12-31T23:59:59.5Z").toEpochMilli() * 1000;
        assertThat(ValueParsers.localEpochDay(beforeEpoch, UTC.getRules())).isEqualTo(-1);
    }
}
