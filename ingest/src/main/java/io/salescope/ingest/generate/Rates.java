package io.salescope.ingest.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Monthly exchange rates of USD, EUR and CNY from the first simulated month on; the last
 * month's rate stays valid (open-ended), which covers open deals' future close dates.
 * Rates drift as a mean-reverting random walk around realistic levels.
 */
final class Rates {

    static final List<String> CURRENCIES = List.of("USD", "EUR", "CNY");

    private final long[] monthStartDays;
    /** USD per unit, [currency][month]. */
    private final double[][] usdPer;
    private final String reporting;

    Rates(SplittableRandom r, long firstMonthDay, int months, String reportingCurrency) {
        if (!CURRENCIES.contains(reportingCurrency)) {
            throw new IllegalArgumentException("no rates for reporting currency " + reportingCurrency);
        }
        this.reporting = reportingCurrency;
        this.monthStartDays = new long[months];
        java.time.LocalDate first = java.time.LocalDate.ofEpochDay(firstMonthDay);
        for (int m = 0; m < months; m++) {
            monthStartDays[m] = first.plusMonths(m).toEpochDay();
        }
        usdPer = new double[3][months];
        double eur = StrictMath.log(1.08);
        double cny = StrictMath.log(0.139);
        for (int m = 0; m < months; m++) {
            usdPer[0][m] = 1.0;
            eur += 0.2 * (StrictMath.log(1.09) - eur) + 0.016 * r.nextGaussian();
            cny += 0.2 * (StrictMath.log(0.138) - cny) + 0.007 * r.nextGaussian();
            usdPer[1][m] = round6(StrictMath.exp(eur));
            usdPer[2][m] = round6(StrictMath.exp(cny));
        }
    }

    int months() {
        return monthStartDays.length;
    }

    long monthStartDay(int month) {
        return monthStartDays[month];
    }

    /** The month index valid on an epoch day (the first month before the first, the last after the last). */
    int monthOf(long epochDay) {
        int lo = 0;
        int hi = monthStartDays.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (monthStartDays[mid] <= epochDay) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** USD for one unit of {@code currency} on an epoch day. */
    double usdPer(String currency, long epochDay) {
        return usdPer[CURRENCIES.indexOf(currency)][monthOf(epochDay)];
    }

    String reporting() {
        return reporting;
    }

    /** The rate written to exchange_rates.csv: reporting-currency units for one unit of {@code currency}. */
    double reportingPer(String currency, int month) {
        return usdPer[CURRENCIES.indexOf(currency)][month] / usdPer[CURRENCIES.indexOf(reporting)][month];
    }

    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
