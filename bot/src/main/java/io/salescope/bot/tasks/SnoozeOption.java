package io.salescope.bot.tasks;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/** How long a reminder is put off: one hour, or one calendar day in the owner's zone. */
public enum SnoozeOption {
    ONE_HOUR("1h"), ONE_DAY("1d");

    private final String wire;

    SnoozeOption(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The moment asked for, from a click at {@code at}; a day keeps the local time across a DST change. */
    public Instant from(Instant at, ZoneId zone) {
        return switch (this) {
            case ONE_HOUR -> at.plusSeconds(3600);
            case ONE_DAY -> at.atZone(zone).plusDays(1).toInstant();
        };
    }

    public static Optional<SnoozeOption> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "1h", "1 h", "hour", "1 hour", "pt1h" -> Optional.of(ONE_HOUR);
            case "1d", "1 d", "day", "1 day", "p1d" -> Optional.of(ONE_DAY);
            default -> Optional.empty();
        };
    }
}
