package io.salescope.bot.reminders;

import io.salescope.bot.tasks.Task;
import io.salescope.warehouse.query.UserInfo;

import java.time.Instant;
import java.time.ZoneId;

/** Tasks and people for planner tests. */
final class Fixtures {

    private Fixtures() {
    }

    static UserInfo user(String id, String zone, String locale) {
        return new UserInfo(id, "User " + id, id.toLowerCase() + "@x.io", "rep", "T1", "Team", "Region", zone, locale, true,
                "U" + id);
    }

    static Recipient person(String id, String zone) {
        return new Recipient(id, user(id, zone, "en"), ZoneId.of(zone), "en", Channel.SLACK, "U" + id, null);
    }

    static Task task(String id, String owner, String due) {
        return task(id, owner, due, null);
    }

    static Task task(String id, String owner, String due, String created) {
        return new Task(id, Task.Origin.CRM, owner, "Task " + id, Instant.parse(due), "normal", owner,
                created == null ? null : Instant.parse(created), null, null, null, true, null);
    }

    static Task snoozed(Task t, String at, String until) {
        return new Task(t.taskId(), t.origin(), t.ownerId(), t.subject(), t.dueAt(), t.priority(), t.createdBy(),
                t.createdAt(), t.modifiedAt(), t.accountName(), t.opportunityName(), true,
                new Task.Snooze(Instant.parse(at), Instant.parse(until), t.ownerId()));
    }

    static Task closed(Task t) {
        return new Task(t.taskId(), t.origin(), t.ownerId(), t.subject(), t.dueAt(), t.priority(), t.createdBy(),
                t.createdAt(), t.modifiedAt(), t.accountName(), t.opportunityName(), false, null);
    }
}
