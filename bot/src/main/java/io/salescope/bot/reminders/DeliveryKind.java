package io.salescope.bot.reminders;

import java.util.Locale;

/** What the scheduler sends. */
public enum DeliveryKind {
    /** Before a task's due time, at each configured offset. */
    DUE_SOON,
    /** Once per working day after a task's due time, at the start of the owner's working hours. */
    OVERDUE,
    /** To each manager at the start of their working day. */
    DAILY_DIGEST,
    /** To the configured channel on the first working day of the week. */
    WEEKLY_REPORT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isReminder() {
        return this == DUE_SOON || this == OVERDUE;
    }
}
