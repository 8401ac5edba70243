package io.salescope.core.config;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Settings shared by every salescope process. Built from flags and environment with the
 * defaults in one place ({@link #fromEnvironment(Map)}); the README's configuration table
 * mirrors this record.
 *
 * @param dataDir where the warehouse, run reports and the operational store live: a local
 *     path or any Hadoop file system URI for the Spark jobs
 * @param reportingCurrency ISO 4217 code every amount is converted to
 * @param defaultZone zone of timestamps written without one, and of dates derived from
 *     timestamps
 * @param fiscalYearStartMonth 1 = January
 * @param today the reference date, or empty for the real date
 * @param keepVersions how many published warehouse versions to keep
 */
public record SalescopeConfig(
        String dataDir,
        String reportingCurrency,
        ZoneId defaultZone,
        int fiscalYearStartMonth,
        Optional<LocalDate> today,
        int keepVersions) {

    public static final String DEFAULT_DATA_DIR = "./data";
    public static final String DEFAULT_CURRENCY = "USD";
    public static final String DEFAULT_ZONE = "UTC";
    public static final int DEFAULT_FISCAL_START = 1;
    public static final int DEFAULT_KEEP_VERSIONS = 10;

    public static final String ENV_DATA = "SALESCOPE_DATA";
    public static final String ENV_CURRENCY = "SALESCOPE_CURRENCY";
    public static final String ENV_ZONE = "SALESCOPE_TIME_ZONE";
    public static final String ENV_FISCAL_START = "SALESCOPE_FISCAL_START_MONTH";
    public static final String ENV_TODAY = "SALESCOPE_TODAY";
    public static final String ENV_KEEP_VERSIONS = "SALESCOPE_KEEP_VERSIONS";

    public SalescopeConfig {
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(reportingCurrency, "reportingCurrency is null");
        requireNonNull(defaultZone, "defaultZone is null");
        requireNonNull(today, "today is null");
        if (dataDir.isBlank()) {
            throw new ConfigException("data directory is empty: pass --data DIR or set " + ENV_DATA);
        }
        if (!reportingCurrency.matches("[A-Z]{3}")) {
            throw new ConfigException("reporting currency '" + reportingCurrency
                    + "' is not an ISO 4217 code such as USD, EUR or CNY");
        }
        if (fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
            throw new ConfigException("fiscal-year start month must be 1..12, got " + fiscalYearStartMonth);
        }
        if (keepVersions < 1) {
            throw new ConfigException("keep-versions must be at least 1, got " + keepVersions);
        }
    }

    public static SalescopeConfig defaults() {
        return fromEnvironment(Map.of());
    }

    /** The configuration from environment variables alone, defaults for what is unset. */
    public static SalescopeConfig fromEnvironment(Map<String, String> env) {
        return new SalescopeConfig(
                env.getOrDefault(ENV_DATA, DEFAULT_DATA_DIR),
                env.getOrDefault(ENV_CURRENCY, DEFAULT_CURRENCY).trim().toUpperCase(Locale.ROOT),
                parseZone(env.getOrDefault(ENV_ZONE, DEFAULT_ZONE), ENV_ZONE),
                parseInt(env.getOrDefault(ENV_FISCAL_START, String.valueOf(DEFAULT_FISCAL_START)), ENV_FISCAL_START),
                Optional.ofNullable(env.get(ENV_TODAY)).filter(s -> !s.isBlank()).map(s -> parseDate(s, ENV_TODAY)),
                parseInt(env.getOrDefault(ENV_KEEP_VERSIONS, String.valueOf(DEFAULT_KEEP_VERSIONS)), ENV_KEEP_VERSIONS));
    }

    /** The reference date: the configured one, else the real date in the default zone. */
    public LocalDate referenceDate() {
        return today.orElseGet(() -> LocalDate.now(defaultZone));
    }

    public SalescopeConfig withDataDir(String dir) {
        return new SalescopeConfig(dir, reportingCurrency, defaultZone, fiscalYearStartMonth, today, keepVersions);
    }

    public SalescopeConfig withToday(LocalDate date) {
        return new SalescopeConfig(dataDir, reportingCurrency, defaultZone, fiscalYearStartMonth,
                Optional.ofNullable(date), keepVersions);
    }

    public static ZoneId parseZone(String value, String where) {
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            throw new ConfigException(where + ": '" + value + "' is not a time zone; use an IANA name such as UTC or Asia/Shanghai");
        }
    }

    public static LocalDate parseDate(String value, String where) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigException(where + ": '" + value + "' is not a date; write YYYY-MM-DD");
        }
    }

    static int parseInt(String value, String where) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(where + ": '" + value + "' is not a whole number");
        }
    }
}
