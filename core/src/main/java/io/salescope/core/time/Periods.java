package io.salescope.core.time;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Parses the period strings of the CLI and the API: {@code 2026-Q3}, {@code 2026-03},
 * {@code 2026}, {@code 2026-W14}, {@code 2026-06-30}, {@code 2026-01-01..2026-03-31}, and
 * the relative words {@code today}, {@code yesterday}, {@code this_week|month|quarter|year},
 * {@code last_...}, {@code next_...}, {@code ytd}, {@code qtd}, {@code mtd}, {@code wtd},
 * {@code last_30_days}, {@code last_3_months} and the like ({@code previous_4_quarters}: the
 * four whole quarters before the current one), resolved against the reference
 * date and the fiscal year.
 */
public final class Periods {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-?Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})");
    private static final Pattern YEAR = Pattern.compile("(?:FY)?(\\d{4})");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{1,2})");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern RELATIVE = Pattern.compile("(this|last|next|previous)_(week|month|quarter|year)");
    private static final Pattern LAST_N = Pattern.compile("last_(\\d{1,4})_(days?|weeks?|months?|quarters?|years?)");
    private static final Pattern PREVIOUS_N = Pattern.compile("previous_(\\d{1,4})_(days?|weeks?|months?|quarters?|years?)");
    /** "2_months_ago": the whole unit that many units before the current one (the month before last). */
    private static final Pattern UNITS_AGO = Pattern.compile("(\\d{1,4})_(weeks?|months?|quarters?|years?)_ago");

    public static final List<String> EXAMPLES = List.of(
            "2026-Q3", "2026-03", "2026", "2026-W14", "2026-06-30", "2026-01-01..2026-03-31",
            "today", "yesterday", "this_quarter", "last_month", "next_quarter", "ytd", "qtd", "mtd",
            "last_30_days", "last_3_months", "all_time");

    /** Every date a CRM can hold; used for "all time" and "ever". */
    public static final Period ALL_TIME = new Period(LocalDate.of(1900, 1, 1), LocalDate.of(2999, 12, 31),
            Granularity.CUSTOM, "all time", false);

    private final FiscalCalendar calendar;
    private final LocalDate today;

    public Periods(FiscalCalendar calendar, LocalDate today) {
        this.calendar = requireNonNull(calendar, "calendar is null");
        this.today = requireNonNull(today, "today is null");
    }

    public FiscalCalendar calendar() {
        return calendar;
    }

    public LocalDate today() {
        return today;
    }

    public Period parse(String text) {
        String s = requireNonNull(text, "period is null").trim();
        String lower = s.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        try {
            Matcher m;
            if ((m = RANGE.matcher(s)).matches()) {
                return Period.custom(LocalDate.parse(m.group(1)), LocalDate.parse(m.group(2)));
            }
            if (DAY.matcher(s).matches()) {
                return calendar.day(LocalDate.parse(s));
            }
            if ((m = QUARTER.matcher(s.toUpperCase(Locale.ROOT))).matches()) {
                return calendar.quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            if ((m = WEEK.matcher(s.toUpperCase(Locale.ROOT))).matches()) {
                return calendar.isoWeek(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            if ((m = MONTH.matcher(s)).matches()) {
                int month = Integer.parseInt(m.group(2));
                if (month >= 1 && month <= 12) {
                    return calendar.month(Integer.parseInt(m.group(1)), month);
                }
            }
            if ((m = YEAR.matcher(s.toUpperCase(Locale.ROOT))).matches()) {
                return calendar.year(Integer.parseInt(m.group(1)));
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new PeriodException("'" + text + "' is not a valid period: " + e.getMessage(), e);
        }
        switch (lower) {
            case "today":
                return calendar.day(today);
            case "all":
            case "all_time":
                return ALL_TIME;
            case "yesterday":
                return calendar.day(today.minusDays(1));
            case "ytd":
            case "year_to_date":
                return calendar.toDate(Granularity.YEAR, today);
            case "qtd":
            case "quarter_to_date":
                return calendar.toDate(Granularity.QUARTER, today);
            case "mtd":
            case "month_to_date":
                return calendar.toDate(Granularity.MONTH, today);
            case "wtd":
            case "week_to_date":
                return calendar.toDate(Granularity.WEEK, today);
            default:
                break;
        }
        Matcher rel = RELATIVE.matcher(lower);
        if (rel.matches()) {
            Granularity g = Granularity.valueOf(rel.group(2).toUpperCase(Locale.ROOT));
            int steps = switch (rel.group(1)) {
                case "this" -> 0;
                case "next" -> 1;
                default -> -1;
            };
            return calendar.unitShifted(g, today, steps);
        }
        Matcher lastN = LAST_N.matcher(lower);
        if (lastN.matches()) {
            int n = Integer.parseInt(lastN.group(1));
            String unit = lastN.group(2).replaceAll("s$", "");
            return calendar.lastUnits(Granularity.valueOf(unit.toUpperCase(Locale.ROOT)), n, today);
        }
        Matcher previousN = PREVIOUS_N.matcher(lower);
        if (previousN.matches()) {
            int n = Integer.parseInt(previousN.group(1));
            String unit = previousN.group(2).replaceAll("s$", "");
            return calendar.previousUnits(Granularity.valueOf(unit.toUpperCase(Locale.ROOT)), n, today);
        }
        Matcher ago = UNITS_AGO.matcher(lower);
        if (ago.matches()) {
            int n = Integer.parseInt(ago.group(1));
            String unit = ago.group(2).replaceAll("s$", "");
            return calendar.unitShifted(Granularity.valueOf(unit.toUpperCase(Locale.ROOT)), today, -n);
        }
        throw new PeriodException("'" + text + "' is not a period; write one of " + String.join(", ", EXAMPLES));
    }

    public static final class PeriodException extends IllegalArgumentException {
        public PeriodException(String message) {
            super(message);
        }

        public PeriodException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
