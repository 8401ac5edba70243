package io.salescope.bot.reminders;

import io.salescope.core.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReminderSettingsTest {

    @Test
    void the_defaults_are_pinned() {
        ReminderSettings d = ReminderSettings.defaults(ZoneId.of("UTC"));
        assertThat(d.enabled()).isTrue();
        assertThat(d.offsets()).containsExactly(Duration.ofHours(24), Duration.ofHours(1));
        assertThat(d.workingHours()).isEqualTo(WorkingHours.DEFAULT);
        assertThat(d.maxOverdue()).isEqualTo(Duration.ofDays(30));
        assertThat(d.minGap()).isEqualTo(Duration.ofHours(1));
        assertThat(d.tick()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.lateGrace()).isEqualTo(Duration.ofMinutes(15));
        assertThat(d.staleClaim()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.retryFirst()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.retryMax()).isEqualTo(Duration.ofMinutes(15));
        assertThat(d.slackPace()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.sendWorkers()).isEqualTo(4);
        assertThat(d.bundleSize()).isEqualTo(10);
        assertThat(d.slackTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.identityRecheck()).isEqualTo(Duration.ofHours(24));
        assertThat(d.dailyDigest()).isTrue();
        assertThat(d.weeklyChannel()).isEmpty();
        assertThat(d.weeklyAs()).isEmpty();
        assertThat(d.publicUrl()).isEmpty();
        assertThat(d.clockStart()).isEmpty();
    }

    @Test
    void the_environment_overrides_the_defaults() {
        ReminderSettings s = ReminderSettings.fromEnvironment(Map.of(
                ReminderSettings.ENV_ENABLED, "off", ReminderSettings.ENV_OFFSETS, "2d, 30m",
                ReminderSettings.ENV_WORKING_HOURS, "08:00-17:30", ReminderSettings.ENV_WORKING_DAYS, "SUN-THU",
                ReminderSettings.ENV_OVERDUE_DAYS, "10", ReminderSettings.ENV_WEEKLY_CHANNEL, "#sales",
                ReminderSettings.ENV_PUBLIC_URL, "https://salescope.example.com",
                ReminderSettings.ENV_CLOCK, "2026-06-30T08:00:00Z"), ZoneId.of("Europe/Berlin"));
        assertThat(s.enabled()).isFalse();
        assertThat(s.offsets()).containsExactly(Duration.ofDays(2), Duration.ofMinutes(30));
        assertThat(s.workingHours()).isEqualTo(WorkingHours.parse("08:00-17:30", "SUN-THU"));
        assertThat(s.maxOverdue()).isEqualTo(Duration.ofDays(10));
        assertThat(s.weeklyChannel()).contains("#sales");
        assertThat(s.publicUrl()).contains("https://salescope.example.com/");
        assertThat(s.clockStart()).contains(Instant.parse("2026-06-30T08:00:00Z"));
        assertThat(s.defaultZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void a_clock_start_makes_a_clock_that_starts_there_and_runs() throws Exception {
        var clock = ReminderSettings.defaults(ZoneId.of("UTC")).withClockStart(Instant.parse("2026-06-30T08:00:00Z")).clock();
        Instant a = clock.instant();
        assertThat(a).isBetween(Instant.parse("2026-06-30T08:00:00Z"), Instant.parse("2026-06-30T08:00:05Z"));
        Thread.sleep(20);
        assertThat(clock.instant()).isAfter(a);
    }

    @Test
    void bad_values_are_refused_with_the_variable_named() {
        assertThatThrownBy(() -> ReminderSettings.fromEnvironment(Map.of(ReminderSettings.ENV_OFFSETS, "a day"), ZoneId.of("UTC")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(ReminderSettings.ENV_OFFSETS);
        assertThatThrownBy(() -> ReminderSettings.fromEnvironment(Map.of(ReminderSettings.ENV_OVERDUE_DAYS, "-3"), ZoneId.of("UTC")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(ReminderSettings.ENV_OVERDUE_DAYS);
        assertThatThrownBy(() -> ReminderSettings.fromEnvironment(Map.of(ReminderSettings.ENV_CLOCK, "yesterday"), ZoneId.of("UTC")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(ReminderSettings.ENV_CLOCK);
    }

    @Test
    void retries_wait_longer_each_time_up_to_the_maximum() {
        ReminderSettings d = ReminderSettings.defaults(ZoneId.of("UTC"));
        assertThat(List.of(1, 2, 3, 4, 5, 6, 10).stream().map(d::retryDelay).toList()).containsExactly(
                Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(240),
                Duration.ofSeconds(480), Duration.ofMinutes(15), Duration.ofMinutes(15));
        assertThat(ReminderSettings.label(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(ReminderSettings.label(Duration.ofDays(2))).isEqualTo("48h");
        assertThat(ReminderSettings.label(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(ReminderSettings.label(Duration.ofMinutes(90))).isEqualTo("90m");
    }
}
