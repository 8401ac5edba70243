package io.salescope.bot.reminders;

import io.salescope.bot.digest.Digests;
import io.salescope.bot.digest.Report;
import io.salescope.bot.slack.SlackMessages;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.UserInfo;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a delivery says, worked out when it is sent (so a late or retried reminder reads right:
 * "overdue by 2 days", never a stale "in 1 h"): reminders through {@link ReminderMessages},
 * digests through {@link Digests}.
 */
public final class DeliveryContent {

    /** A Slack message and, for the weekly report, a chart to upload into its thread. */
    public record Slack(SlackMessages.Message message, byte[] chartPng, String chartTitle) {
    }

    private final ReminderMessages reminders;
    private final Digests digests;
    private final MetricEngine engine;
    private final Recipients recipients;

    public DeliveryContent(ReminderMessages reminders, Digests digests, MetricEngine engine, Recipients recipients) {
        this.reminders = requireNonNull(reminders, "reminders is null");
        this.digests = requireNonNull(digests, "digests is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.recipients = requireNonNull(recipients, "recipients is null");
    }

    public ReminderMessages reminders() {
        return reminders;
    }

    /** One Slack message for a bundle of reminders to one person, or for one digest. */
    public Slack slack(List<Delivery> bundle, Instant now) {
        Delivery first = bundle.get(0);
        if (first.kind().isReminder()) {
            return new Slack(reminders.slack(bundle, now), null, null);
        }
        Report r = report(first, first.recipient().language(), now);
        return new Slack(r.slack(), r.chartPng(), r.chartTitle());
    }

    /** The web notification of a delivery (both languages). */
    public ReminderMessages.WebNote web(Delivery d, Instant now) {
        if (d.kind().isReminder()) {
            return reminders.web(d);
        }
        return new ReminderMessages.WebNote(d.kind().wire(), report(d, "en", now).text(), report(d, "zh", now).text(), null);
    }

    private Report report(Delivery d, String language, Instant now) {
        if (d.kind() == DeliveryKind.DAILY_DIGEST) {
            return digests.daily(d.recipient().user(), d.recipient().zone(), now, language);
        }
        UserInfo as = recipients.weeklyAs(engine.users()).orElseThrow(() -> new IllegalStateException(
                "the weekly report needs an active executive or admin, or " + ReminderSettings.ENV_WEEKLY_AS));
        return digests.weekly(as, d.recipient().zone(), now, language);
    }
}
