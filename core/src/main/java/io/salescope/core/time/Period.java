package io.salescope.core.time;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import static java.util.Objects.requireNonNull;

/**
 * A closed date range [from, to] with the unit it is aligned to and a canonical label
 * ({@code 2026-Q3}, {@code 2026-03}, {@code 2026}, {@code 2026-W14}, {@code 2026-06-30},
 * or {@code 2026-01-01..2026-03-31}).
 *
 * @param toDate true when the range stops at the reference date inside its unit
 *     (year, quarter, month to date); its label then ends in ":TD"-free text such as
 *     "2026 YTD" so it is never mistaken for the whole unit
 */
public record Period(LocalDate from, LocalDate to, Granularity granularity, String label, boolean toDate) {

    public Period {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(granularity, "granularity is null");
        requireNonNull(label, "label is null");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("period ends before it starts: " + from + ".." + to);
        }
    }

    public static Period custom(LocalDate from, LocalDate to) {
        return new Period(from, to, Granularity.CUSTOM, from + ".." + to, false);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** True when the whole period lies before {@code today}. */
    public boolean isOver(LocalDate today) {
        return to.isBefore(today);
    }

    /** Exclusive end, for half-open SQL ranges. */
    public LocalDate toExclusive() {
        return to.plusDays(1);
    }

    /** The range as written in the API: the canonical label. */
    @Override
    public String toString() {
        return label;
    }
}
