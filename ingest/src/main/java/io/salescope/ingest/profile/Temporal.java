package io.salescope.ingest.profile;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

/**
 * Turns a foreign date or timestamp into crm-export-v1 text: dates {@code YYYY-MM-DD},
 * timestamps an ISO instant ({@code ...Z}) when the zone is known (written in the value or
 * configured for the source), else a local ISO timestamp the ingest's default zone applies to.
 * Values no pattern reads pass through unchanged, so the typed parse rejects them with the
 * value in the message.
 *
 * @param patterns {@link DateTimeFormatter} patterns tried in order (e.g. {@code MM/dd/yyyy HH:mm})
 * @param zone the source's zone for values without one, or null
 * @param epoch {@code millis} or {@code seconds}: a value of digits only is an epoch instant; or null
 */
record Temporal(List<String> patterns, String zone, String epoch) implements Serializable {

    Temporal {
        patterns = List.copyOf(patterns);
        for (String p : patterns) {
            DateTimeFormatter.ofPattern(p, Locale.ROOT);
        }
        if (zone != null) {
            ZoneId.of(zone);
        }
        if (epoch != null && !epoch.equals("millis") && !epoch.equals("seconds")) {
            throw new IllegalArgumentException("epoch must be millis or seconds, not '" + epoch + "'");
        }
    }

    String timestamp(String value) {
        Instant epochInstant = epochInstant(value);
        if (epochInstant != null) {
            return epochInstant.toString();
        }
        for (String pattern : patterns) {
            TemporalAccessor t = parse(pattern, value);
            if (t == null) {
                continue;
            }
            if (t.isSupported(ChronoField.OFFSET_SECONDS) && t.isSupported(ChronoField.HOUR_OF_DAY)) {
                return ZonedDateTime.from(t).toInstant().toString();
            }
            LocalDateTime local = t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalDateTime.from(t)
                    : LocalDate.from(t).atStartOfDay();
            if (t.query(java.time.temporal.TemporalQueries.zone()) != null) {
                return local.atZone(t.query(java.time.temporal.TemporalQueries.zone())).toInstant().toString();
            }
            // A local time the ingest's default zone applies to; seconds always written (v1 requires them).
            return zone != null ? local.atZone(ZoneId.of(zone)).toInstant().toString()
                    : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local);
        }
        return value;
    }

    String date(String value) {
        Instant epochInstant = epochInstant(value);
        if (epochInstant != null) {
            return epochInstant.atZone(zone != null ? ZoneId.of(zone) : ZoneOffset.UTC).toLocalDate().toString();
        }
        for (String pattern : patterns) {
            TemporalAccessor t = parse(pattern, value);
            if (t != null) {
                return LocalDate.from(t).toString();
            }
        }
        return value;
    }

    private Instant epochInstant(String value) {
        if (epoch == null || value.isEmpty() || value.length() > 19) {
            return null;
        }
        for (int i = value.charAt(0) == '-' ? 1 : 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return null;
            }
        }
        if (value.equals("-")) {
            return null;
        }
        long n = Long.parseLong(value);
        return epoch.equals("millis") ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
    }

    private static TemporalAccessor parse(String pattern, String value) {
        try {
            return formatter(pattern).parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final java.util.Map<String, DateTimeFormatter> FORMATTERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static DateTimeFormatter formatter(String pattern) {
        return FORMATTERS.computeIfAbsent(pattern, p -> DateTimeFormatter.ofPattern(p, Locale.ROOT));
    }
}
