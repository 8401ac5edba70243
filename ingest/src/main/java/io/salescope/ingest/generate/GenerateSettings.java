package io.salescope.ingest.generate;

import java.nio.file.Path;
import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * What to generate.
 *
 * @param out the export folder; created if missing, its export files overwritten
 * @param scale 1 is about 10,000 opportunities; rows grow linearly with it
 * @param seed the same seed, scale and reference date give byte-identical files
 * @param today the reference date: the export is a snapshot taken at 00:00 UTC that day
 * @param plant also write {@code _planted/win_probability.csv}, the latent win chances
 * @param fiscalYearStartMonth quarters (quotas, quarter-end pushes) follow the fiscal year
 * @param reportingCurrency USD, EUR or CNY: exchange rates are written against it, the other two
 *     currencies get monthly rows
 */
public record GenerateSettings(Path out, double scale, long seed, LocalDate today, boolean plant, int fiscalYearStartMonth,
                               String reportingCurrency) {

    public static final double MAX_SCALE = 1000;

    public GenerateSettings {
        requireNonNull(out, "out is null");
        requireNonNull(today, "today is null");
        requireNonNull(reportingCurrency, "reportingCurrency is null");
        if (!(scale > 0) || scale > MAX_SCALE) {
            throw new IllegalArgumentException("--scale must be above 0 and at most " + (int) MAX_SCALE
                    + " (1 = about 10,000 opportunities), got " + scale);
        }
        if (!Rates.CURRENCIES.contains(reportingCurrency)) {
            throw new IllegalArgumentException("the demo export sells in USD, EUR and CNY, so the reporting currency must be"
                    + " one of them, not " + reportingCurrency + " (set --currency or SALESCOPE_CURRENCY)");
        }
        if (fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
            throw new IllegalArgumentException("fiscal-year start month must be 1..12, got " + fiscalYearStartMonth);
        }
    }

    /** Defaults for everything but the folder: scale 1, seed 42, January fiscal year, USD. */
    public static GenerateSettings of(Path out, LocalDate today) {
        return new GenerateSettings(out, 1, 42, today, false, 1, "USD");
    }

    public GenerateSettings withScale(double newScale) {
        return new GenerateSettings(out, newScale, seed, today, plant, fiscalYearStartMonth, reportingCurrency);
    }

    public GenerateSettings withSeed(long newSeed) {
        return new GenerateSettings(out, scale, newSeed, today, plant, fiscalYearStartMonth, reportingCurrency);
    }

    public GenerateSettings withOut(Path newOut) {
        return new GenerateSettings(newOut, scale, seed, today, plant, fiscalYearStartMonth, reportingCurrency);
    }

    public GenerateSettings withPlant(boolean newPlant) {
        return new GenerateSettings(out, scale, seed, today, newPlant, fiscalYearStartMonth, reportingCurrency);
    }
}
