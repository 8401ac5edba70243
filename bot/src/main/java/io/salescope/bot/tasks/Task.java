package io.salescope.bot.tasks;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A task as salescope sees it now: the CRM's row (or the chat-created one) with what people
 * did to it in chat laid over it ({@link TaskBook}).
 *
 * @param createdAt when the task came to be (null when the CRM did not say); reminders never
 *     go out for a moment before it
 * @param modifiedAt the CRM's last change (null when unknown or for chat tasks)
 * @param snooze the latest snooze still in force, or null
 */
public record Task(String taskId, Origin origin, String ownerId, String subject, Instant dueAt, String priority,
                   String createdBy, Instant createdAt, Instant modifiedAt, String accountName, String opportunityName,
                   boolean open, Snooze snooze) {

    /** Where a task was created. */
    public enum Origin {
        CRM, CHAT;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** "Remind me again later": clicked at {@code at}, for {@code until} (before working-hours adjustment). */
    public record Snooze(Instant at, Instant until, String by) {
        public Snooze {
            requireNonNull(at, "at is null");
            requireNonNull(until, "until is null");
        }
    }

    public Task {
        requireNonNull(taskId, "taskId is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(ownerId, "ownerId is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(dueAt, "dueAt is null");
    }

    public boolean overdueAt(Instant now) {
        return open && dueAt.isBefore(now);
    }
}
