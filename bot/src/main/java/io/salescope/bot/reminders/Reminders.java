package io.salescope.bot.reminders;

import io.salescope.bot.digest.Digests;
import io.salescope.bot.ops.ChatTaskStore;
import io.salescope.bot.ops.NotificationStore;
import io.salescope.bot.ops.OpsStore;
import io.salescope.bot.ops.ReminderLedger;
import io.salescope.bot.ops.SlackIdentityStore;
import io.salescope.bot.ops.TaskChangeStore;
import io.salescope.bot.slack.SlackGateway;
import io.salescope.bot.slack.SlackSettings;
import io.salescope.bot.slack.SlackWebGateway;
import io.salescope.bot.tasks.TaskBook;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.WarehouseRecords;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The reminders feature wired together over an engine and an operational store: tasks,
 * people, planner, ledger, dispatcher and scheduler, digests and messages. {@code serve} and
 * the {@code reminders} command build it the same way, so the plan view and the scheduler share
 * every rule.
 */
public final class Reminders implements AutoCloseable {

    private final ReminderSettings settings;
    private final Clock clock;
    private final TaskBook tasks;
    private final Recipients recipients;
    private final ReminderLedger ledger;
    private final Digests digests;
    private final ReminderMessages messages;
    private final SlackGateway slack;
    private final SlackIdentityStore identities;
    private final NotificationStore notifications;
    private final ReminderScheduler scheduler;

    private Reminders(ReminderSettings settings, Clock clock, TaskBook tasks, Recipients recipients, ReminderLedger ledger,
                      Digests digests, ReminderMessages messages, SlackGateway slack, SlackIdentityStore identities,
                      NotificationStore notifications, ReminderScheduler scheduler) {
        this.settings = settings;
        this.clock = clock;
        this.tasks = tasks;
        this.recipients = recipients;
        this.ledger = ledger;
        this.digests = digests;
        this.messages = messages;
        this.slack = slack;
        this.identities = identities;
        this.notifications = notifications;
        this.scheduler = scheduler;
    }

    /**
     * Wires the feature. The scheduler is not started: call {@code scheduler().start()} (serve)
     * or {@code scheduler().tick()} (one tick).
     */
    public static <E extends MetricEngine & WarehouseRecords> Reminders create(ReminderSettings settings, Clock clock,
                                                                                OpsStore ops, E engine,
                                                                                Optional<SlackSettings> slackSettings,
                                                                                String currency) {
        requireNonNull(settings, "settings is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(ops, "ops is null");
        requireNonNull(engine, "engine is null");
        TaskBook tasks = new TaskBook(engine, new ChatTaskStore(ops), new TaskChangeStore(ops));
        SlackIdentityStore identities = new SlackIdentityStore(ops);
        SlackGateway slack = slackSettings.map(s -> (SlackGateway) SlackWebGateway.of(s, settings.slackTimeout())).orElse(null);
        Recipients recipients = new Recipients(settings, slack != null, identities);
        ReminderLedger ledger = new ReminderLedger(ops);
        NotificationStore notifications = new NotificationStore(ops);
        Digests digests = new Digests(tasks, engine, engine, currency);
        ReminderMessages messages = new ReminderMessages(settings.publicUrl());
        DeliveryContent content = new DeliveryContent(messages, digests, engine, recipients);
        Dispatcher dispatcher = new Dispatcher(settings, clock, ledger, notifications, slack, identities, content,
                UUID.randomUUID().toString());
        ReminderScheduler scheduler = new ReminderScheduler(settings, clock, engine, tasks, recipients, ledger, dispatcher,
                slack == null ? null : new SlackDirectory(slack, identities, settings));
        return new Reminders(settings, clock, tasks, recipients, ledger, digests, messages, slack, identities,
                notifications, scheduler);
    }

    public ReminderSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public TaskBook tasks() {
        return tasks;
    }

    public Recipients recipients() {
        return recipients;
    }

    public ReminderLedger ledger() {
        return ledger;
    }

    public Digests digests() {
        return digests;
    }

    public ReminderMessages messages() {
        return messages;
    }

    /** The Slack gateway, or null when the Slack app is off. */
    public SlackGateway slack() {
        return slack;
    }

    public SlackIdentityStore identities() {
        return identities;
    }

    public NotificationStore notifications() {
        return notifications;
    }

    public ReminderScheduler scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
