package io.salescope.bot.reminders;

import io.salescope.bot.tasks.Task;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The scheduling rules, as pure functions of a task, its owner and a time: what the plan view
 * prints and what the scheduler sends come from here and nowhere else.
 *
 * <h2>A task's reminders</h2>
 * A task's reminders form one series in time order:
 * <ul>
 *   <li><b>due soon</b>, one per offset (default 24 h and 1 h): nominally at {@code due_at -
 *       offset}, moved by {@link WorkingHours#deliveryTime} into the owner's working hours (or
 *       to the latest working moment before the due time, or "immediately" when the task is
 *       created after that). None for a nominal time before the task was created. When two
 *       land closer than {@code minGap} (e.g. both moved to Monday 09:00), only the later,
 *       more urgent one is kept;</li>
 *   <li><b>overdue</b>, at the start of the owner's working hours on each working day after
 *       {@code due_at} (not before the task was created), while the task is overdue by at most
 *       {@code maxOverdue};</li>
 *   <li>a <b>snooze</b> replaces the reminders between the click and the moment asked for with
 *       one reminder at that moment (in working hours, or as asked when no working time is
 *       left before the due time); it is due-soon or overdue by which side of the due time it
 *       falls on.</li>
 * </ul>
 * A reminder is <em>current</em> from its send time until the next one's ({@code validUntil};
 * the last one until the next working day starts). Closed tasks have none.
 *
 * <h2>Digests</h2>
 * A daily digest at the start of each working day in the manager's zone, current until the
 * next; a weekly report at the start of the first working day of each ISO week in the default
 * zone, current until the next week's.
 */
public final class ReminderPlanner {

    private static final Duration NANO = Duration.ofNanos(1);

    private final ReminderSettings settings;
    private final WorkingHours hours;

    public ReminderPlanner(ReminderSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
        this.hours = settings.workingHours();
    }

    public ReminderSettings settings() {
        return settings;
    }

    /** The task's reminders whose send time is in {@code [from, to)}, in time order. */
    public List<Delivery> reminders(Task task, Recipient owner, Instant from, Instant to) {
        List<Delivery> out = new ArrayList<>();
        if (!task.open()) {
            return out;
        }
        Series s = new Series(task, owner);
        for (Item it = s.after(from.minus(NANO)); it != null && it.sendAt.isBefore(to); it = s.after(it.sendAt)) {
            out.add(s.delivery(it));
        }
        return out;
    }

    /** The task's reminder current at {@code now}: the latest sent at or before it and not yet superseded. */
    public Optional<Delivery> currentReminder(Task task, Recipient owner, Instant now) {
        if (!task.open()) {
            return Optional.empty();
        }
        Series s = new Series(task, owner);
        Item it = s.atOrBefore(now);
        if (it == null) {
            return Optional.empty();
        }
        Delivery d = s.delivery(it);
        return now.isBefore(d.validUntil()) ? Optional.of(d) : Optional.empty();
    }

    /** When the reminder of a snoozed task comes back (its snooze in working hours), or empty when not snoozed. */
    public Optional<Instant> snoozedUntil(Task task, Recipient owner) {
        if (!task.open() || task.snooze() == null) {
            return Optional.empty();
        }
        return Optional.of(new Series(task, owner).snooze.sendAt);
    }

    /** The manager's daily digests in {@code [from, to)}. */
    public List<Delivery> dailyDigests(Recipient manager, Instant from, Instant to) {
        List<Delivery> out = new ArrayList<>();
        for (Instant s = hours.dayStartAtOrAfter(from, manager.zone()); s.isBefore(to);
             s = hours.dayStartAtOrAfter(s.plus(NANO), manager.zone())) {
            out.add(daily(manager, s));
        }
        return out;
    }

    public Optional<Delivery> currentDailyDigest(Recipient manager, Instant now) {
        Delivery d = daily(manager, hours.dayStartAtOrBefore(now, manager.zone()));
        return now.isBefore(d.validUntil()) ? Optional.of(d) : Optional.empty();
    }

    private Delivery daily(Recipient manager, Instant start) {
        return new Delivery(DeliveryKind.DAILY_DIGEST, null, manager, LocalDate.ofInstant(start, manager.zone()).toString(),
                start, hours.dayStartAtOrAfter(start.plus(NANO), manager.zone()));
    }

    /** The weekly reports in {@code [from, to)}. */
    public List<Delivery> weeklyReports(Recipient channel, Instant from, Instant to) {
        List<Delivery> out = new ArrayList<>();
        ZoneId zone = channel.zone();
        LocalDate monday = LocalDate.ofInstant(from, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(1);
        for (int i = 0; i < 1000; i++, monday = monday.plusWeeks(1)) {
            Instant s = weekStart(monday, zone);
            if (!s.isBefore(to)) {
                break;
            }
            if (!s.isBefore(from)) {
                out.add(weekly(channel, monday));
            }
        }
        return out;
    }

    public Optional<Delivery> currentWeeklyReport(Recipient channel, Instant now) {
        LocalDate monday = LocalDate.ofInstant(now, channel.zone()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Delivery d = weekly(channel, monday);
        if (d.sendAt().isAfter(now)) {
            d = weekly(channel, monday.minusWeeks(1));
        }
        return now.isBefore(d.validUntil()) ? Optional.of(d) : Optional.empty();
    }

    private Delivery weekly(Recipient channel, LocalDate monday) {
        String slot = monday.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        return new Delivery(DeliveryKind.WEEKLY_REPORT, null, channel, slot, weekStart(monday, channel.zone()),
                weekStart(monday.plusWeeks(1), channel.zone()));
    }

    /** The start of the first working day of the ISO week beginning on {@code monday}. */
    private Instant weekStart(LocalDate monday, ZoneId zone) {
        return hours.dayStartAtOrAfter(monday.atStartOfDay(zone).toInstant(), zone);
    }

    /**
     * Whether a current delivery may go at {@code now}: on time (within {@code lateGrace} of its
     * send time) always; later (the service was down) only inside the recipient's working hours,
     * or for a due-soon reminder of a task not yet due when no working time is left before it is.
     */
    public boolean deliverable(Delivery d, Instant now) {
        if (now.isBefore(d.sendAt()) || !now.isBefore(d.validUntil())) {
            return false;
        }
        if (Duration.between(d.sendAt(), now).compareTo(settings.lateGrace()) <= 0) {
            return true;
        }
        ZoneId zone = d.recipient().zone();
        if (hours.isWorking(now, zone)) {
            return true;
        }
        return d.kind() == DeliveryKind.DUE_SOON && now.isBefore(d.task().dueAt())
                && !hours.nextStartAfter(now, zone).isBefore(d.task().dueAt());
    }

    /** One reminder of a series before it becomes a {@link Delivery}. */
    private record Item(DeliveryKind kind, String slot, Instant sendAt) {
    }

    /** A task's reminder series, walked forwards or backwards from any instant. */
    private final class Series {
        private final Task task;
        private final Recipient owner;
        private final ZoneId zone;
        /** Due-soon reminders, in time order, after the snooze's cut. */
        private final List<Item> dueSoon = new ArrayList<>();
        private final Item snooze;
        /** Overdue slots are the working-day starts in (overdueAfter, overdueUntil]. */
        private final Instant overdueAfter;
        private final Instant overdueUntil;

        Series(Task task, Recipient owner) {
            this.task = task;
            this.owner = owner;
            this.zone = owner.zone();
            Instant due = task.dueAt();
            Instant created = task.createdAt();
            Item sn = null;
            if (task.snooze() != null) {
                Task.Snooze z = task.snooze();
                Instant at = hours.deliveryTime(z.until(), z.until().isBefore(due) ? due : null, z.until(), zone);
                sn = new Item(at.isBefore(due) ? DeliveryKind.DUE_SOON : DeliveryKind.OVERDUE, "snooze@" + z.at(), at);
            }
            this.snooze = sn;
            List<Item> soon = new ArrayList<>();
            for (Duration offset : settings.offsets()) {
                Instant nominal = due.minus(offset);
                if (created != null && nominal.isBefore(created)) {
                    continue;
                }
                Instant at = hours.deliveryTime(nominal, due, created, zone);
                if (at.isBefore(due) && !cut(at)) {
                    soon.add(new Item(DeliveryKind.DUE_SOON, ReminderSettings.label(offset), at));
                }
            }
            soon.sort(java.util.Comparator.comparing(Item::sendAt));
            for (int i = 0; i < soon.size(); i++) {
                Item it = soon.get(i);
                Item next = i + 1 < soon.size() ? soon.get(i + 1) : null;
                if (next == null || Duration.between(it.sendAt, next.sendAt).compareTo(settings.minGap()) >= 0) {
                    dueSoon.add(it);
                }
            }
            this.overdueAfter = created != null && created.isAfter(due) ? created.minus(NANO) : due;
            this.overdueUntil = due.plus(settings.maxOverdue());
        }

        /** Inside the stretch a snooze replaced: from the click to the snoozed reminder. */
        private boolean cut(Instant t) {
            return snooze != null && task.snooze() != null && !t.isBefore(task.snooze().at()) && !t.isAfter(snooze.sendAt);
        }

        /** The first reminder sent strictly after {@code t}, or null. */
        Item after(Instant t) {
            Item best = null;
            for (Item it : dueSoon) {
                if (it.sendAt.isAfter(t)) {
                    best = it;
                    break;
                }
            }
            if (snooze != null && snooze.sendAt.isAfter(t) && (best == null || snooze.sendAt.isBefore(best.sendAt))) {
                best = snooze;
            }
            Item o = overdueAfter(t);
            if (o != null && (best == null || o.sendAt.isBefore(best.sendAt))) {
                best = o;
            }
            return best;
        }

        /** The last reminder sent at or before {@code t}, or null. */
        Item atOrBefore(Instant t) {
            Item best = null;
            for (Item it : dueSoon) {
                if (!it.sendAt.isAfter(t)) {
                    best = it;
                }
            }
            if (snooze != null && !snooze.sendAt.isAfter(t) && (best == null || snooze.sendAt.isAfter(best.sendAt))) {
                best = snooze;
            }
            Item o = overdueAtOrBefore(t);
            if (o != null && (best == null || o.sendAt.isAfter(best.sendAt))) {
                best = o;
            }
            return best;
        }

        private Item overdueAfter(Instant t) {
            Instant from = t.isBefore(overdueAfter) ? overdueAfter : t;
            Instant s = hours.dayStartAtOrAfter(from.plus(NANO), zone);
            if (cut(s)) {
                s = hours.dayStartAtOrAfter(snooze.sendAt.plus(NANO), zone);
            }
            return s.isAfter(overdueUntil) ? null : overdue(s);
        }

        private Item overdueAtOrBefore(Instant t) {
            Instant s = hours.dayStartAtOrBefore(t.isAfter(overdueUntil) ? overdueUntil : t, zone);
            if (cut(s)) {
                s = hours.dayStartAtOrBefore(task.snooze().at().minus(NANO), zone);
            }
            return s.isAfter(overdueAfter) ? overdue(s) : null;
        }

        private Item overdue(Instant s) {
            return new Item(DeliveryKind.OVERDUE, LocalDate.ofInstant(s, zone).toString(), s);
        }

        Delivery delivery(Item it) {
            Item next = after(it.sendAt);
            Instant until = next != null ? next.sendAt : hours.dayStartAtOrAfter(it.sendAt.plus(NANO), zone);
            if (task.snooze() != null && it != snooze && it.sendAt.isBefore(task.snooze().at())
                    && task.snooze().at().isBefore(until)) {
                until = task.snooze().at();
            }
            return new Delivery(it.kind, task, owner, it.slot, it.sendAt, until);
        }
    }
}
