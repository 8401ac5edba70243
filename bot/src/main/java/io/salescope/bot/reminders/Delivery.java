package io.salescope.bot.reminders;

import io.salescope.bot.ops.ReminderLedger;
import io.salescope.bot.tasks.Task;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One message the scheduler sends: a reminder of a task, or a digest.
 *
 * @param task the task, or null for a digest
 * @param slot what tells this reminder from the task's others: the offset ("24h"), the
 *     owner-local day of an overdue reminder ("2026-07-01"), {@code snooze@<click>}, or the
 *     digest's day or ISO week
 * @param sendAt when it goes out
 * @param validUntil when it is superseded by the next one (or stops mattering); a failed send
 *     is retried until then, never after
 */
public record Delivery(DeliveryKind kind, Task task, Recipient recipient, String slot, Instant sendAt,
                       Instant validUntil) {

    public Delivery {
        requireNonNull(kind, "kind is null");
        requireNonNull(recipient, "recipient is null");
        requireNonNull(slot, "slot is null");
        requireNonNull(sendAt, "sendAt is null");
        requireNonNull(validUntil, "validUntil is null");
        if (kind.isReminder() != (task != null)) {
            throw new IllegalArgumentException(kind + " needs " + (kind.isReminder() ? "a task" : "no task"));
        }
    }

    /**
     * The ledger key: task, kind, due date and slot for a reminder (a changed due date makes
     * new keys, so the reminders are scheduled afresh); kind, recipient and slot for a digest.
     */
    public String key() {
        if (task != null) {
            return task.taskId() + "|" + kind.wire() + "|" + task.dueAt() + "|" + slot;
        }
        return kind.wire() + "|" + recipient.id() + "|" + slot;
    }

    public ReminderLedger.Entry entry() {
        return new ReminderLedger.Entry(key(), kind.wire(), task == null ? null : task.taskId(),
                task == null ? null : task.dueAt(), slot, recipient.userId(), recipient.channel().wire(), sendAt);
    }
}
