package io.salescope.ingest.generate;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

import static java.util.Objects.requireNonNull;

/** A person's time zone, with the conversions the generator does millions of times. */
final class LocalZone {

    static final long DAY = 86_400_000L;
    static final long HOUR = 3_600_000L;
    static final long MINUTE = 60_000L;

    private final ZoneId id;
    private final ZoneRules rules;

    LocalZone(String zoneId) {
        this.id = ZoneId.of(requireNonNull(zoneId, "zoneId is null"));
        this.rules = id.getRules();
    }

    String id() {
        return id.getId();
    }

    int offsetSeconds(long epochMillis) {
        return rules.getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds();
    }

    /** The local calendar day (epoch day) of an instant. */
    long localDay(long epochMillis) {
        return Math.floorDiv(epochMillis + offsetSeconds(epochMillis) * 1000L, DAY);
    }

    /** The instant of a local wall-clock time; near a DST change it may be an hour off, which is harmless here. */
    long at(long epochDay, long millisOfDay) {
        long guess = epochDay * DAY + millisOfDay;
        return guess - offsetSeconds(guess) * 1000L;
    }

    long startOfDay(long epochDay) {
        return at(epochDay, 0);
    }

    @Override
    public String toString() {
        return id.getId();
    }
}
