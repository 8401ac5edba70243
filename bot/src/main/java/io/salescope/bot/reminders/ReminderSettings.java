package io.salescope.bot.reminders;

import io.salescope.core.config.ConfigException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * How reminders and digests are scheduled and sent. Built from the environment with the
 * defaults in one place ({@link #fromEnvironment}); {@code docs/reminders.md} lists them and
 * {@code ReminderSettingsTest} pins them.
 *
 * @param enabled whether {@code serve} runs the scheduler
 * @param offsets due-soon reminders go this long before {@code due_at}, largest first
 * @param defaultZone the zone of people without a (valid) time zone in the CRM
 * @param maxOverdue overdue reminders stop once a task is overdue by more than this
 * @param minGap two due-soon reminders of a task are never closer than this: when working
 *     hours bring an earlier one nearer to the next, only the next is sent
 * @param tick how often the scheduler looks for reminders to send
 * @param lateGrace a reminder found this late (a slow tick) still goes at once; later than
 *     this it waits for working hours like a new one
 * @param staleClaim a claim not refreshed for this long belongs to a process that died
 * @param retryFirst the wait after a first failed attempt; doubled each time up to {@code retryMax}
 * @param slackPace at most one Slack message per channel per this long (Slack's guidance: one per second)
 * @param sendWorkers Slack channels served in parallel
 * @param bundleSize at most this many reminders in one Slack message
 * @param slackTimeout a Slack call without an answer in this time failed (and may have reached Slack)
 * @param identityRecheck a person not found in Slack by email is looked up again after this
 * @param dailyDigest whether managers get the daily digest
 * @param weeklyChannel where the weekly pipeline report goes (a Slack channel id or name), if anywhere
 * @param weeklyAs whose view of the figures the weekly report shows (an email); default the first active executive
 * @param publicUrl the service's address as people reach it, for the "Open" button and links
 * @param clockStart the scheduler's clock starts here (and runs on) instead of the real time: for demos and tests
 */
public record ReminderSettings(boolean enabled, List<Duration> offsets, WorkingHours workingHours, ZoneId defaultZone,
                               Duration maxOverdue, Duration minGap, Duration tick, Duration lateGrace,
                               Duration staleClaim, Duration retryFirst, Duration retryMax, Duration slackPace,
                               int sendWorkers, int bundleSize, Duration slackTimeout, Duration identityRecheck,
                               boolean dailyDigest, Optional<String> weeklyChannel, Optional<String> weeklyAs, Optional<String> publicUrl,
                               Optional<Instant> clockStart) {

    public static final String ENV_ENABLED = "SALESCOPE_REMINDERS";
    public static final String ENV_OFFSETS = "SALESCOPE_REMINDER_OFFSETS";
    public static final String ENV_WORKING_HOURS = "SALESCOPE_WORKING_HOURS";
    public static final String ENV_WORKING_DAYS = "SALESCOPE_WORKING_DAYS";
    public static final String ENV_OVERDUE_DAYS = "SALESCOPE_OVERDUE_DAYS";
    public static final String ENV_TICK = "SALESCOPE_REMINDER_TICK_SECONDS";
    public static final String ENV_SLACK_PACE = "SALESCOPE_SLACK_PACE_MS";
    public static final String ENV_SLACK_TIMEOUT = "SALESCOPE_SLACK_TIMEOUT_MS";
    public static final String ENV_DAILY_DIGEST = "SALESCOPE_DAILY_DIGEST";
    public static final String ENV_WEEKLY_CHANNEL = "SALESCOPE_WEEKLY_CHANNEL";
    public static final String ENV_WEEKLY_AS = "SALESCOPE_WEEKLY_AS";
    public static final String ENV_PUBLIC_URL = "SALESCOPE_PUBLIC_URL";
    public static final String ENV_CLOCK = "SALESCOPE_CLOCK";

    public ReminderSettings {
        requireNonNull(offsets, "offsets is null");
        requireNonNull(workingHours, "workingHours is null");
        requireNonNull(defaultZone, "defaultZone is null");
        for (Duration d : List.of(maxOverdue, minGap, tick, lateGrace, staleClaim, retryFirst, retryMax, slackPace,
                slackTimeout, identityRecheck)) {
            requireNonNull(d, "a duration is null");
            if (d.isNegative()) {
                throw new ConfigException("reminder durations must not be negative, got " + d);
            }
        }
        if (tick.isZero()) {
            throw new ConfigException("the reminder tick must be longer than zero");
        }
        if (staleClaim.compareTo(tick.multipliedBy(3)) < 0) {
            throw new ConfigException("a claim must be considered stale only after three ticks at least (tick " + tick
                    + ", stale after " + staleClaim + ")");
        }
        List<Duration> sorted = new ArrayList<>(offsets);
        for (Duration d : sorted) {
            if (d.isNegative() || d.isZero()) {
                throw new ConfigException("reminder offsets must be positive durations such as 24h or 1h, got " + d);
            }
        }
        sorted.sort(Comparator.reverseOrder());
        offsets = List.copyOf(sorted.stream().distinct().toList());
        if (sendWorkers < 1 || bundleSize < 1 || bundleSize > 20) {
            throw new ConfigException("send workers must be at least 1 and the bundle size 1..20");
        }
        requireNonNull(weeklyChannel, "weeklyChannel is null");
        requireNonNull(weeklyAs, "weeklyAs is null");
        requireNonNull(publicUrl, "publicUrl is null");
        requireNonNull(clockStart, "clockStart is null");
    }

    /** The defaults, for people whose zone is unknown falling back to {@code defaultZone}. */
    public static ReminderSettings defaults(ZoneId defaultZone) {
        return fromEnvironment(Map.of(), defaultZone);
    }

    public static ReminderSettings fromEnvironment(Map<String, String> env, ZoneId defaultZone) {
        return new ReminderSettings(
                !"off".equalsIgnoreCase(env.getOrDefault(ENV_ENABLED, "on").strip()),
                offsets(env.getOrDefault(ENV_OFFSETS, "24h,1h")),
                WorkingHours.parse(env.getOrDefault(ENV_WORKING_HOURS, "09:00-18:00"),
                        env.getOrDefault(ENV_WORKING_DAYS, "MON-FRI")),
                defaultZone,
                Duration.ofDays(whole(env.getOrDefault(ENV_OVERDUE_DAYS, "30"), ENV_OVERDUE_DAYS)),
                Duration.ofHours(1),
                Duration.ofSeconds(Math.max(1, whole(env.getOrDefault(ENV_TICK, "60"), ENV_TICK))),
                Duration.ofMinutes(15),
                Duration.ofMinutes(10),
                Duration.ofSeconds(30),
                Duration.ofMinutes(15),
                Duration.ofMillis(whole(env.getOrDefault(ENV_SLACK_PACE, "1000"), ENV_SLACK_PACE)),
                4,
                10,
                Duration.ofMillis(Math.max(100, whole(env.getOrDefault(ENV_SLACK_TIMEOUT, "10000"), ENV_SLACK_TIMEOUT))),
                Duration.ofHours(24),
                !"off".equalsIgnoreCase(env.getOrDefault(ENV_DAILY_DIGEST, "on").strip()),
                optional(env.get(ENV_WEEKLY_CHANNEL)),
                optional(env.get(ENV_WEEKLY_AS)),
                optional(env.get(ENV_PUBLIC_URL)).map(u -> u.endsWith("/") ? u : u + "/"),
                optional(env.get(ENV_CLOCK)).map(v -> instant(v, ENV_CLOCK)));
    }

    /** The wait before attempt {@code attempts + 1} after {@code attempts} failed ones. */
    public Duration retryDelay(int attempts) {
        Duration d = retryFirst;
        for (int i = 1; i < attempts && d.compareTo(retryMax) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(retryMax) > 0 ? retryMax : d;
    }

    /** "24h" for 24 hours, "90m" for an hour and a half: how an offset reads in a reminder's key. */
    public static String label(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + "h";
        }
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + "m";
        }
        return d.toSeconds() + "s";
    }

    private static final Pattern OFFSET = Pattern.compile("(\\d+)\\s*(d|h|m|s|min|mins|minutes?|hours?|days?)");

    static List<Duration> offsets(String list) {
        List<Duration> out = new ArrayList<>();
        if (list.isBlank()) {
            return out;
        }
        for (String part : list.toLowerCase(Locale.ROOT).split("\\s*,\\s*")) {
            Matcher m = OFFSET.matcher(part.strip());
            if (!m.matches()) {
                throw new ConfigException(ENV_OFFSETS + ": '" + part + "' is not a duration; write e.g. 24h,1h or 2d,30m");
            }
            long n = Long.parseLong(m.group(1));
            out.add(switch (m.group(2).charAt(0)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return out;
    }

    private static long whole(String value, String where) {
        try {
            long v = Long.parseLong(value.strip());
            if (v < 0) {
                throw new ConfigException(where + ": '" + value + "' must not be negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(where + ": '" + value + "' is not a whole number");
        }
    }

    private static Optional<String> optional(String v) {
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** An instant written with Z or an offset, e.g. 2026-06-30T08:00:00Z. */
    public static Instant instant(String value, String where) {
        try {
            return java.time.OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeException e) {
            throw new ConfigException(where + ": '" + value + "' is not an instant; write e.g. 2026-06-30T08:00:00Z");
        }
    }

    public ReminderSettings withEnabled(boolean on) {
        return new ReminderSettings(on, offsets, workingHours, defaultZone, maxOverdue, minGap, tick, lateGrace,
                staleClaim, retryFirst, retryMax, slackPace, sendWorkers, bundleSize, slackTimeout, identityRecheck,
                dailyDigest, weeklyChannel, weeklyAs, publicUrl, clockStart);
    }

    public ReminderSettings withSlack(Duration pace, Duration timeout, int workers) {
        return new ReminderSettings(enabled, offsets, workingHours, defaultZone, maxOverdue, minGap, tick, lateGrace,
                staleClaim, retryFirst, retryMax, pace, workers, bundleSize, timeout, identityRecheck,
                dailyDigest, weeklyChannel, weeklyAs, publicUrl, clockStart);
    }

    public ReminderSettings withWorkingHours(WorkingHours hours) {
        return new ReminderSettings(enabled, offsets, hours, defaultZone, maxOverdue, minGap, tick, lateGrace,
                staleClaim, retryFirst, retryMax, slackPace, sendWorkers, bundleSize, slackTimeout, identityRecheck,
                dailyDigest, weeklyChannel, weeklyAs, publicUrl, clockStart);
    }

    public ReminderSettings withWeeklyChannel(String channel) {
        return new ReminderSettings(enabled, offsets, workingHours, defaultZone, maxOverdue, minGap, tick, lateGrace,
                staleClaim, retryFirst, retryMax, slackPace, sendWorkers, bundleSize, slackTimeout, identityRecheck,
                dailyDigest, optional(channel), weeklyAs, publicUrl, clockStart);
    }

    public ReminderSettings withDailyDigest(boolean on) {
        return new ReminderSettings(enabled, offsets, workingHours, defaultZone, maxOverdue, minGap, tick, lateGrace,
                staleClaim, retryFirst, retryMax, slackPace, sendWorkers, bundleSize, slackTimeout, identityRecheck,
                on, weeklyChannel, weeklyAs, publicUrl, clockStart);
    }

    public ReminderSettings withClockStart(Instant start) {
        return new ReminderSettings(enabled, offsets, workingHours, defaultZone, maxOverdue, minGap, tick, lateGrace,
                staleClaim, retryFirst, retryMax, slackPace, sendWorkers, bundleSize, slackTimeout, identityRecheck,
                dailyDigest, weeklyChannel, weeklyAs, publicUrl, Optional.ofNullable(start));
    }

    /** The scheduler's clock: the real one, or one that starts at {@link #clockStart()} and runs on. */
    public java.time.Clock clock() {
        java.time.Clock real = java.time.Clock.systemUTC();
        return clockStart.map(s -> java.time.Clock.offset(real, Duration.between(real.instant(), s))).orElse(real);
    }
}
