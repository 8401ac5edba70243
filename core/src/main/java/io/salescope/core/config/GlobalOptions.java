package io.salescope.core.config;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.Map;
import java.util.Optional;

/**
 * The global flags every salescope command takes, before or after the command name. A flag
 * wins over its environment variable, which wins over the default. Mount with {@code @Mixin}
 * on a top-level command; subcommands read the result through
 * {@link io.salescope.core.cli.ConfigProvider}.
 */
public final class GlobalOptions {

    @Option(scope = ScopeType.INHERIT, names = "--data", paramLabel = "DIR",
            description = "Data directory: warehouse, run reports, operational store (env SALESCOPE_DATA, default ./data).")
    String dataDir;

    @Option(scope = ScopeType.INHERIT, names = "--currency", paramLabel = "CODE",
            description = "Reporting currency, ISO 4217 (env SALESCOPE_CURRENCY, default USD).")
    String currency;

    @Option(scope = ScopeType.INHERIT, names = "--zone", paramLabel = "ZONE",
            description = "Default time zone for timestamps without one and for dates (env SALESCOPE_TIME_ZONE, default UTC).")
    String zone;

    @Option(scope = ScopeType.INHERIT, names = "--fiscal-start", paramLabel = "MONTH",
            description = "First month of the fiscal year, 1-12 (env SALESCOPE_FISCAL_START_MONTH, default 1).")
    Integer fiscalStart;

    @Option(scope = ScopeType.INHERIT, names = "--today", paramLabel = "DATE",
            description = "Reference date for 'today', YYYY-MM-DD (env SALESCOPE_TODAY, default the real date).")
    String today;

    @Option(scope = ScopeType.INHERIT, names = "--keep-versions", paramLabel = "N",
            description = "Published warehouse versions to keep (env SALESCOPE_KEEP_VERSIONS, default 10).")
    Integer keepVersions;

    public SalescopeConfig toConfig() {
        return toConfig(System.getenv());
    }

    public SalescopeConfig toConfig(Map<String, String> env) {
        SalescopeConfig base = SalescopeConfig.fromEnvironment(env);
        return new SalescopeConfig(
                dataDir != null ? dataDir : base.dataDir(),
                currency != null ? currency.trim().toUpperCase(java.util.Locale.ROOT) : base.reportingCurrency(),
                zone != null ? SalescopeConfig.parseZone(zone, "--zone") : base.defaultZone(),
                fiscalStart != null ? fiscalStart : base.fiscalYearStartMonth(),
                today != null ? Optional.of(SalescopeConfig.parseDate(today, "--today")) : base.today(),
                keepVersions != null ? keepVersions : base.keepVersions());
    }
}
