package io.salescope.forecasting.bookings;

import io.salescope.core.time.FiscalCalendar;
import io.salescope.core.time.Granularity;
import io.salescope.core.time.Period;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Bookings from deals not yet created at the as-of date that will be created and won inside
 * the period. Estimated from analogous past periods: for the period {@code k} units back, the
 * won amount of deals created after the as-of date moved back by the same {@code k} units and
 * closed in that period. The estimate blends the mean of the recent analogs with the analog a
 * year back scaled by the year-over-year growth of the recent analogs (a seasonal, trended
 * mean); its spread is the recent analogs' standard deviation. Analog periods starting in the
 * first {@link #WARM_UP_DAYS} days of a scope's history are skipped: before a pipeline is
 * established nearly every deal won was also created in the same period, which overstates
 * new business.
 */
public final class NewBusinessModel {

    /** An estimate and its standard deviation. */
    public record Estimate(double mean, double sd) {
    }

    static final int WARM_UP_DAYS = 180;

    private final FiscalCalendar calendar;

    public NewBusinessModel(FiscalCalendar calendar) {
        this.calendar = calendar;
    }

    static int recentCount(Granularity g) {
        return g == Granularity.QUARTER ? 4 : 6;
    }

    static int unitsPerYear(Granularity g) {
        return g == Granularity.QUARTER ? 4 : 12;
    }

    /** The analog value k units back, or NaN when that period is not over at asOf. */
    static double analog(List<WonDeal> deals, Period p, LocalDate asOf, int k, FiscalCalendar calendar, LocalDate warmUpEnd) {
        int months = (p.granularity() == Granularity.QUARTER ? 3 : 1) * k;
        Period back = calendar.unitContaining(p.granularity(), p.from().minusMonths(months));
        if (back.to().isAfter(asOf) || back.from().isBefore(warmUpEnd)) {
            return Double.NaN;
        }
        LocalDate createdAfter = asOf.minusMonths(months);
        double sum = 0;
        for (WonDeal d : deals) {
            if (back.contains(d.closeDate()) && d.createdDate() != null && d.createdDate().isAfter(createdAfter)
                    && !d.closedOn().isAfter(asOf)) {
                sum += d.amount();
            }
        }
        return sum;
    }

    public Estimate estimate(List<WonDeal> deals, Period p, LocalDate asOf) {
        LocalDate warmUpEnd = deals.stream().map(WonDeal::createdDate).filter(java.util.Objects::nonNull)
                .min(LocalDate::compareTo).orElse(asOf).plusDays(WARM_UP_DAYS);
        int recent = recentCount(p.granularity());
        int year = unitsPerYear(p.granularity());
        List<Double> recentValues = new ArrayList<>();
        List<Double> priorValues = new ArrayList<>();
        int k = 1;
        int firstValid = -1;
        while (recentValues.size() < recent && k <= year * 2) {
            double v = analog(deals, p, asOf, k, calendar, warmUpEnd);
            if (!Double.isNaN(v)) {
                if (firstValid < 0) {
                    firstValid = k;
                }
                recentValues.add(v);
                double prior = analog(deals, p, asOf, k + year, calendar, warmUpEnd);
                if (!Double.isNaN(prior)) {
                    priorValues.add(prior);
                }
            }
            k++;
        }
        if (recentValues.isEmpty()) {
            return new Estimate(0, 0);
        }
        double mean = recentValues.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sd = sd(recentValues);
        // The same period a year back, if it is over and its year-earlier neighbours are known.
        double lastYear = analog(deals, p, asOf, year, calendar, warmUpEnd);
        if (!Double.isNaN(lastYear) && priorValues.size() == recentValues.size() && !priorValues.isEmpty()) {
            double priorSum = priorValues.stream().mapToDouble(Double::doubleValue).sum();
            double recentSum = recentValues.stream().mapToDouble(Double::doubleValue).sum();
            double growth = priorSum > 0 ? Math.max(0.5, Math.min(2.0, recentSum / priorSum)) : 1.0;
            mean = 0.5 * mean + 0.5 * lastYear * growth;
        }
        return new Estimate(mean, recentValues.size() >= 2 ? sd : 0.5 * mean);
    }

    static double sd(List<Double> values) {
        if (values.size() < 2) {
            return 0;
        }
        double m = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double s = 0;
        for (double v : values) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (values.size() - 1));
    }
}
