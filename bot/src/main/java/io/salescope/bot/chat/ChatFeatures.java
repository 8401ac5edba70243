package io.salescope.bot.chat;

import io.salescope.bot.reminders.ReminderPlanner;
import io.salescope.bot.reminders.Reminders;
import io.salescope.warehouse.query.MetricEngine;

import static java.util.Objects.requireNonNull;

/**
 * The chat side of tasks over a wired {@link Reminders}: the commands ({@link TaskChat}), the
 * reminder buttons ({@link TaskButtons}) and assignment notices. {@code serve} and {@code ask}
 * build it the same way.
 */
public final class ChatFeatures implements AutoCloseable {

    private final TaskChat commands;
    private final TaskButtons buttons;
    private final AssignmentNotices notices;

    public ChatFeatures(Reminders reminders, MetricEngine engine) {
        requireNonNull(reminders, "reminders is null");
        requireNonNull(engine, "engine is null");
        this.notices = new AssignmentNotices(reminders.recipients(), reminders.notifications(), reminders.slack(),
                reminders.identities(), reminders.messages(), reminders.clock());
        this.commands = new TaskChat(reminders.tasks(), engine, reminders.recipients(), reminders.settings(),
                reminders.digests(), reminders.messages(), notices, reminders.clock());
        this.buttons = new TaskButtons(reminders.tasks(), engine, reminders.recipients(),
                new ReminderPlanner(reminders.settings()), reminders.messages(), reminders.clock());
    }

    public TaskChat commands() {
        return commands;
    }

    public TaskButtons buttons() {
        return buttons;
    }

    public AssignmentNotices notices() {
        return notices;
    }

    @Override
    public void close() {
        notices.close();
    }
}
