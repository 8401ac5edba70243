package io.salescope.bot.web;

import io.salescope.bot.auth.Authenticator;
import io.salescope.bot.chat.ChatFeatures;
import io.salescope.bot.reminders.Reminders;
import io.salescope.bot.ops.NotificationStore;
import io.salescope.bot.service.AskService;
import io.salescope.bot.service.DashboardService;
import io.javalin.http.Handler;
import io.salescope.warehouse.query.MetricEngine;

import java.time.LocalDate;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * What the web service is built from.
 *
 * @param slackEvents the handler of {@code POST /slack/events}, or null when Slack is off
 * @param today the reference date, shown by the health check
 * @param reminders tasks, reminders and digests
 * @param chat the task commands of the chat
 */
public record ServiceDependencies(
        MetricEngine engine,
        AskService ask,
        DashboardService dashboard,
        Authenticator authenticator,
        NotificationStore notifications,
        Handler slackEvents,
        Supplier<LocalDate> today,
        Reminders reminders,
        ChatFeatures chat) {

    public ServiceDependencies {
        requireNonNull(engine, "engine is null");
        requireNonNull(ask, "ask is null");
        requireNonNull(dashboard, "dashboard is null");
        requireNonNull(authenticator, "authenticator is null");
        requireNonNull(notifications, "notifications is null");
        requireNonNull(today, "today is null");
        requireNonNull(reminders, "reminders is null");
        requireNonNull(chat, "chat is null");
    }
}
