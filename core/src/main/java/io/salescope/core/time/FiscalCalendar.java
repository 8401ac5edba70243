package io.salescope.core.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * Weeks, months, fiscal quarters and fiscal years around a reference date.
 *
 * <p>A fiscal year is named after the calendar year in which it ends (with a July start,
 * FY2026 runs from 2025-07-01 to 2026-06-30); with the default January start fiscal and
 * calendar years coincide. Quarters are numbered from the fiscal year's first month.
 * Weeks are ISO weeks, Monday first.
 */
public final class FiscalCalendar {

    private final int startMonth;

    public FiscalCalendar(int startMonth) {
        if (startMonth < 1 || startMonth > 12) {
            throw new IllegalArgumentException("fiscal-year start month must be 1..12, got " + startMonth);
        }
        this.startMonth = startMonth;
    }

    public int startMonth() {
        return startMonth;
    }

    /** The fiscal year (named by its ending calendar year) containing {@code date}. */
    public int fiscalYearOf(LocalDate date) {
        if (startMonth == 1) {
            return date.getYear();
        }
        return date.getMonthValue() >= startMonth ? date.getYear() + 1 : date.getYear();
    }

    /** 1..4. */
    public int fiscalQuarterOf(LocalDate date) {
        int offset = Math.floorMod(date.getMonthValue() - startMonth, 12);
        return offset / 3 + 1;
    }

    public LocalDate fiscalYearStart(int fiscalYear) {
        return startMonth == 1
                ? LocalDate.of(fiscalYear, 1, 1)
                : LocalDate.of(fiscalYear - 1, startMonth, 1);
    }

    public Period year(int fiscalYear) {
        LocalDate from = fiscalYearStart(fiscalYear);
        return new Period(from, from.plusYears(1).minusDays(1), Granularity.YEAR, String.valueOf(fiscalYear), false);
    }

    public Period quarter(int fiscalYear, int quarter) {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("quarter must be 1..4, got " + quarter);
        }
        LocalDate from = fiscalYearStart(fiscalYear).plusMonths(3L * (quarter - 1));
        return new Period(from, from.plusMonths(3).minusDays(1), Granularity.QUARTER, fiscalYear + "-Q" + quarter, false);
    }

    public Period month(int year, int month) {
        YearMonth ym = YearMonth.of(year, month);
        return new Period(ym.atDay(1), ym.atEndOfMonth(), Granularity.MONTH, ym.toString(), false);
    }

    public Period isoWeek(int weekBasedYear, int week) {
        LocalDate monday = LocalDate.of(weekBasedYear, 1, 4)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        if (monday.get(IsoFields.WEEK_BASED_YEAR) != weekBasedYear) {
            throw new IllegalArgumentException(weekBasedYear + " has no ISO week " + week);
        }
        return new Period(monday, monday.plusDays(6), Granularity.WEEK,
                String.format("%d-W%02d", weekBasedYear, week), false);
    }

    public Period day(LocalDate date) {
        return new Period(date, date, Granularity.DAY, date.toString(), false);
    }

    /** The aligned unit of {@code granularity} containing {@code date}. */
    public Period unitContaining(Granularity granularity, LocalDate date) {
        return switch (granularity) {
            case DAY -> day(date);
            case WEEK -> isoWeek(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> month(date.getYear(), date.getMonthValue());
            case QUARTER -> quarter(fiscalYearOf(date), fiscalQuarterOf(date));
            case YEAR -> year(fiscalYearOf(date));
            case CUSTOM -> throw new IllegalArgumentException("a custom range has no unit");
        };
    }

    /** The unit {@code steps} units after (negative: before) the one containing {@code date}. */
    public Period unitShifted(Granularity granularity, LocalDate date, int steps) {
        LocalDate anchor = unitContaining(granularity, date).from();
        LocalDate shifted = switch (granularity) {
            case DAY -> anchor.plusDays(steps);
            case WEEK -> anchor.plusWeeks(steps);
            case MONTH -> anchor.plusMonths(steps);
            case QUARTER -> anchor.plusMonths(3L * steps);
            case YEAR -> anchor.plusYears(steps);
            case CUSTOM -> throw new IllegalArgumentException("a custom range has no unit");
        };
        return unitContaining(granularity, shifted);
    }

    /** [start of the unit containing today, today]: year, quarter, month or week to date. */
    public Period toDate(Granularity granularity, LocalDate today) {
        Period unit = unitContaining(granularity, today);
        String suffix = switch (granularity) {
            case YEAR -> " YTD";
            case QUARTER -> " QTD";
            case MONTH -> " MTD";
            case WEEK -> " WTD";
            default -> throw new IllegalArgumentException(granularity + " has no to-date form");
        };
        return new Period(unit.from(), today, granularity, unit.label() + suffix, true);
    }

    /** The N units ending with the one containing today (last 3 months = this month and the two before). */
    public Period lastUnits(Granularity granularity, int n, LocalDate today) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one " + granularity.name().toLowerCase());
        }
        if (granularity == Granularity.DAY) {
            return Period.custom(today.minusDays(n - 1L), today);
        }
        Period first = unitShifted(granularity, today, -(n - 1));
        Period last = unitContaining(granularity, today);
        return Period.custom(first.from(), last.to());
    }

    /** The N whole units before the one containing today (previous 4 quarters = the four before this one). */
    public Period previousUnits(Granularity granularity, int n, LocalDate today) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one " + granularity.name().toLowerCase());
        }
        if (granularity == Granularity.DAY) {
            return Period.custom(today.minusDays(n), today.minusDays(1));
        }
        Period first = unitShifted(granularity, today, -n);
        Period last = unitShifted(granularity, today, -1);
        return Period.custom(first.from(), last.to());
    }

    /**
     * The period to compare with: the previous unit for an aligned period (the same number
     * of days into it for a to-date period), else the range of equal length just before.
     */
    public Period previous(Period p) {
        if (p.granularity() == Granularity.CUSTOM || p.granularity() == Granularity.DAY) {
            return p.granularity() == Granularity.DAY
                    ? day(p.from().minusDays(1))
                    : Period.custom(p.from().minusDays(p.days()), p.from().minusDays(1));
        }
        Period prior = unitShifted(p.granularity(), p.from(), -1);
        if (!p.toDate()) {
            return prior;
        }
        LocalDate end = prior.from().plusDays(p.days() - 1);
        if (end.isAfter(prior.to())) {
            end = prior.to();
        }
        return new Period(prior.from(), end, p.granularity(), prior.label() + labelSuffix(p), true);
    }

    /** The same period one year earlier (year over year). */
    public Period yearAgo(Period p) {
        LocalDate from = p.from().minusYears(1);
        LocalDate to = p.to().minusYears(1);
        return switch (p.granularity()) {
            case YEAR, QUARTER, MONTH -> {
                Period unit = unitContaining(p.granularity(), from);
                yield p.toDate()
                        ? new Period(unit.from(), to, p.granularity(), unit.label() + labelSuffix(p), true)
                        : unit;
            }
            case WEEK -> unitShifted(Granularity.WEEK, p.from(), -52);
            case DAY -> day(from);
            case CUSTOM -> Period.custom(from, to);
        };
    }

    private static String labelSuffix(Period p) {
        int space = p.label().lastIndexOf(' ');
        return space < 0 ? "" : p.label().substring(space);
    }
}
