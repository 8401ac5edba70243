package io.salescope.bot.tasks;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as people read them, in their zone and language: "today 15:00", "明天 09:30", "Fri 3 Jul 18:00", "Tue 8 Aug 2023 16:50". */
public final class Times {

    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter ZH_DATE = DateTimeFormatter.ofPattern("M月d日 EEE", Locale.SIMPLIFIED_CHINESE);
    private static final DateTimeFormatter EN_FULL_DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter ZH_FULL_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日 EEE", Locale.SIMPLIFIED_CHINESE);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private Times() {
    }

    /** A moment relative to {@code now}'s day: "today 15:00", "tomorrow 09:00", "Fri 3 Jul 18:00" (or in Chinese). */
    public static String when(Instant t, ZoneId zone, String language, Instant now) {
        ZonedDateTime z = t.atZone(zone);
        LocalDate today = LocalDate.ofInstant(now, zone);
        boolean zh = "zh".equals(language);
        String day;
        if (z.toLocalDate().equals(today)) {
            day = zh ? "今天" : "today";
        } else if (z.toLocalDate().equals(today.plusDays(1))) {
            day = zh ? "明天" : "tomorrow";
        } else if (z.toLocalDate().equals(today.minusDays(1))) {
            day = zh ? "昨天" : "yesterday";
        } else {
            day = date(z.toLocalDate(), language, today);
        }
        return day + " " + z.format(CLOCK);
    }

    /** A date: "Fri 3 Jul" or "7月3日 周五", with the year when it is not {@code today}'s. */
    public static String date(LocalDate d, String language, LocalDate today) {
        boolean zh = "zh".equals(language);
        return d.format(d.getYear() == today.getYear() ? (zh ? ZH_DATE : EN_DATE) : (zh ? ZH_FULL_DATE : EN_FULL_DATE));
    }

    /** The absolute moment with its zone, for texts read later: "Fri 3 Jul 2026 18:00 (Europe/Stockholm)". */
    public static String absolute(Instant t, ZoneId zone, String language) {
        ZonedDateTime z = t.atZone(zone);
        return z.format("zh".equals(language) ? ZH_FULL_DATE : EN_FULL_DATE) + " " + z.format(CLOCK) + " (" + zone.getId() + ")";
    }

    /** How far ahead {@code t} is: "in 45 min", "in 3 h", "in 2 days" (or "45 分钟后"...). */
    public static String until(Instant t, Instant now, String language) {
        Duration d = Duration.between(now, t);
        boolean zh = "zh".equals(language);
        if (d.isNegative() || d.isZero()) {
            return zh ? "已到期" : "now";
        }
        long minutes = (d.toSeconds() + 59) / 60;
        if (minutes < 60) {
            return zh ? minutes + " 分钟后" : "in " + minutes + " min";
        }
        long hours = Math.round(minutes / 60.0);
        if (hours < 48) {
            return zh ? hours + " 小时后" : "in " + hours + " h";
        }
        long days = Math.round(hours / 24.0);
        return zh ? days + " 天后" : "in " + days + " days";
    }

    /** Whole days overdue at {@code now}, at least 1. */
    public static long daysOverdue(Instant due, Instant now) {
        return Math.max(1, Duration.between(due, now).toDays());
    }
}
