package io.salescope.bot.reminders;

import io.salescope.core.config.ConfigException;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * When people work: from {@code start} to {@code end} local time, both included, on
 * {@code days}. Every question is asked in a person's own zone through
 * {@link ZonedDateTime}, so 09:00 is 09:00 on both sides of a daylight-saving change (and a
 * local time that does not exist that night moves forward, as {@code java.time} resolves it).
 */
public record WorkingHours(LocalTime start, LocalTime end, Set<DayOfWeek> days) {

    /** 09:00-18:00, Monday to Friday. */
    public static final WorkingHours DEFAULT = new WorkingHours(LocalTime.of(9, 0), LocalTime.of(18, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

    /** No instant is looked for further than this from where the search starts. */
    private static final int HORIZON_DAYS = 400;

    public WorkingHours {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        requireNonNull(days, "days is null");
        if (!start.isBefore(end)) {
            throw new ConfigException("working hours must start before they end, got " + start + "-" + end);
        }
        if (days.isEmpty()) {
            throw new ConfigException("working days must name at least one day");
        }
        days = Set.copyOf(days);
    }

    /** From "09:00-18:00" and "MON-FRI" (or "MON,TUE,WED,THU,FRI,SAT"). */
    public static WorkingHours parse(String hours, String dayList) {
        String[] hm = hours.strip().split("\\s*-\\s*");
        if (hm.length != 2) {
            throw new ConfigException("working hours '" + hours + "' must look like 09:00-18:00");
        }
        try {
            return new WorkingHours(LocalTime.parse(pad(hm[0])), LocalTime.parse(pad(hm[1])), days(dayList));
        } catch (DateTimeParseException e) {
            throw new ConfigException("working hours '" + hours + "' must look like 09:00-18:00 (24-hour clock)");
        }
    }

    private static String pad(String t) {
        return t.length() == 4 ? "0" + t : t;
    }

    static Set<DayOfWeek> days(String list) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String part : list.strip().toUpperCase(Locale.ROOT).split("\\s*,\\s*")) {
            String[] range = part.split("\\s*-\\s*");
            DayOfWeek from = day(range[0], list);
            DayOfWeek to = range.length > 1 ? day(range[1], list) : from;
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                out.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        return out;
    }

    private static DayOfWeek day(String s, String list) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(s) && s.length() >= 2) {
                return d;
            }
        }
        throw new ConfigException("working days '" + list + "': '" + s + "' is not a day; write e.g. MON-FRI");
    }

    public boolean isWorkingDay(LocalDate date) {
        return days.contains(date.getDayOfWeek());
    }

    /** The start of {@code date}'s working hours in {@code zone} (whether or not it is a working day). */
    public Instant startOf(LocalDate date, ZoneId zone) {
        return ZonedDateTime.of(date, start, zone).toInstant();
    }

    public Instant endOf(LocalDate date, ZoneId zone) {
        return ZonedDateTime.of(date, end, zone).toInstant();
    }

    /** Whether {@code t} is inside someone's working hours in {@code zone}. */
    public boolean isWorking(Instant t, ZoneId zone) {
        LocalDate d = LocalDate.ofInstant(t, zone);
        return isWorkingDay(d) && !t.isBefore(startOf(d, zone)) && !t.isAfter(endOf(d, zone));
    }

    /** The first start of working hours at or after {@code t}. */
    public Instant dayStartAtOrAfter(Instant t, ZoneId zone) {
        LocalDate d = LocalDate.ofInstant(t, zone).minusDays(1);
        for (int i = 0; i < HORIZON_DAYS; i++, d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                Instant s = startOf(d, zone);
                if (!s.isBefore(t)) {
                    return s;
                }
            }
        }
        throw new IllegalStateException("no working day within " + HORIZON_DAYS + " days of " + t);
    }

    /** The last start of working hours at or before {@code t}. */
    public Instant dayStartAtOrBefore(Instant t, ZoneId zone) {
        LocalDate d = LocalDate.ofInstant(t, zone).plusDays(1);
        for (int i = 0; i < HORIZON_DAYS; i++, d = d.minusDays(1)) {
            if (isWorkingDay(d)) {
                Instant s = startOf(d, zone);
                if (!s.isAfter(t)) {
                    return s;
                }
            }
        }
        throw new IllegalStateException("no working day within " + HORIZON_DAYS + " days before " + t);
    }

    /** The first working moment strictly after {@code t}, when {@code t} is outside working hours: the next start. */
    public Instant nextStartAfter(Instant t, ZoneId zone) {
        return dayStartAtOrAfter(t.plusNanos(1), zone);
    }

    /** The last working moment strictly before {@code t}: the end of the last working period that ended before it. */
    public Instant lastEndBefore(Instant t, ZoneId zone) {
        LocalDate d = LocalDate.ofInstant(t, zone).plusDays(1);
        for (int i = 0; i < HORIZON_DAYS; i++, d = d.minusDays(1)) {
            if (isWorkingDay(d)) {
                Instant e = endOf(d, zone);
                if (e.isBefore(t)) {
                    return e;
                }
            }
        }
        throw new IllegalStateException("no working day within " + HORIZON_DAYS + " days before " + t);
    }

    /**
     * When a message nominally due at {@code nominal} goes out:
     * <ol>
     *   <li>at {@code nominal} when that is inside working hours;</li>
     *   <li>else at the start of the next working period, unless {@code deadline} (the task's
     *       due time; null for none) comes first or at the same moment;</li>
     *   <li>else at the latest working moment before {@code deadline} (the end of the last
     *       working period before it), if that is not before {@code notBefore};</li>
     *   <li>else "immediately": at {@code notBefore}, the earliest moment it could go (when the
     *       task was created).</li>
     * </ol>
     */
    public Instant deliveryTime(Instant nominal, Instant deadline, Instant notBefore, ZoneId zone) {
        if (isWorking(nominal, zone)) {
            return nominal;
        }
        Instant next = nextStartAfter(nominal, zone);
        if (deadline == null || next.isBefore(deadline)) {
            return next;
        }
        Instant latest = lastEndBefore(deadline, zone);
        if (notBefore == null || !latest.isBefore(notBefore)) {
            return latest;
        }
        return notBefore;
    }

    @Override
    public String toString() {
        return start + "-" + end + " " + days;
    }
}
