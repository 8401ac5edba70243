package io.salescope.core.config;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SalescopeConfigTest {

    @Test
    void defaults_are_pinned() {
        SalescopeConfig c = SalescopeConfig.fromEnvironment(Map.of());
        assertThat(c).isEqualTo(new SalescopeConfig("./data", "USD", ZoneId.of("UTC"), 1, Optional.empty(), 10));
    }

    @Test
    void environment_overrides_defaults_and_flags_override_environment() {
        Map<String, String> env = Map.of("SALESCOPE_DATA", "/srv/data", "SALESCOPE_TODAY", "2026-06-30",
                "SALESCOPE_FISCAL_START_MONTH", "4", "SALESCOPE_CURRENCY", "eur");
        SalescopeConfig c = SalescopeConfig.fromEnvironment(env);
        assertThat(c.dataDir()).isEqualTo("/srv/data");
        assertThat(c.referenceDate()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(c.reportingCurrency()).isEqualTo("EUR");
        GlobalOptions flags = new GlobalOptions();
        new picocli.CommandLine(flags).parseArgs("--data", "/tmp/d", "--zone", "Asia/Shanghai");
        SalescopeConfig merged = flags.toConfig(env);
        assertThat(merged.dataDir()).isEqualTo("/tmp/d");
        assertThat(merged.defaultZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(merged.fiscalYearStartMonth()).isEqualTo(4);
    }

    @Test
    void bad_settings_name_the_setting_and_the_fix() {
        assertThatThrownBy(() -> SalescopeConfig.fromEnvironment(Map.of("SALESCOPE_TIME_ZONE", "Mars/Olympus")))
                .hasMessageContaining("SALESCOPE_TIME_ZONE").hasMessageContaining("IANA");
        assertThatThrownBy(() -> SalescopeConfig.fromEnvironment(Map.of("SALESCOPE_TODAY", "30/06/2026")))
                .hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> SalescopeConfig.fromEnvironment(Map.of("SALESCOPE_FISCAL_START_MONTH", "13")))
                .hasMessageContaining("1..12");
        assertThatThrownBy(() -> SalescopeConfig.fromEnvironment(Map.of("SALESCOPE_CURRENCY", "dollars")))
                .hasMessageContaining("ISO 4217");
    }
}
