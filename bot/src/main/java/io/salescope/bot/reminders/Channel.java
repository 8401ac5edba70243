package io.salescope.bot.reminders;

import java.util.Locale;

/** Where a person gets reminders: a Slack direct message, or the web page's notification list. */
public enum Channel {
    SLACK, WEB;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
