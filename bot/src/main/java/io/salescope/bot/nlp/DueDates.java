package io.salescope.bot.nlp;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds when a task is due in what someone typed, in English or Chinese: "due Friday",
 * "by tomorrow 3pm", "next Monday at 10:30", "in 2 days", "end of week", "July 3",
 * "周五前", "明天下午三点", "下周一上午10点", "3天内", "月底", "7月3日". Resolved in the
 * writer's zone ({@code now}'s), relative to {@code now}:
 * <ul>
 *   <li>a day without a time means the end of that day's working hours ({@code endOfDay});</li>
 *   <li>a time without a day means today, or tomorrow when that time has passed;</li>
 *   <li>a weekday means the next such day (today if the moment has not passed); "next" /
 *       下 means that day of next week; 前 / 之前 after a day ("周五前") means by the end of it;</li>
 *   <li>"end of week" / 周末 / 本周内 is the last working day of the week, "end of month" /
 *       月底 of the month; "in N hours" is that long from now;</li>
 *   <li>month and day without a year is the next such date; M/D is month first.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class DueDates {

    /** A due time found at {@code [start, end)} of the text. */
    public record Due(ZonedDateTime at, int start, int end) {
    }

    /** Full day names anywhere; "mon".."sun" only after due/by/on/next... ("sat down with ACME" is no date). */
    private static final String EN_WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
            + "|(?<=(?:due|by|before|on|until|till|next|this|coming)\\s{1,3})(?:mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)";
    private static final String EN_MONTH = "january|february|march|april|may|june|july|august|september|october"
            + "|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
    private static final String EN_NUMBER = "\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";

    private static final String EN_DAY = "(?<today>today|tonight)|(?<tomorrow>tomorrow|tmrw|tmr)"
            + "|(?<after>(?:the\\s+)?day\\s+after\\s+tomorrow)"
            + "|(?<endof>end\\s+of\\s+(?:the\\s+)?(?:day|week|month)|eod|eow|eom|cob|close\\s+of\\s+business)"
            + "|(?:(?<wmod>next|this|coming)\\s+)?(?<weekday>" + EN_WEEKDAY + ")\\b"
            + "|(?<nextweek>next\\s+week)"
            + "|in\\s+(?<indays>" + EN_NUMBER + ")\\s+(?<inunit>days?|weeks?)\\b"
            + "|(?<iso>\\d{4}-\\d{2}-\\d{2})"
            + "|(?<mname>" + EN_MONTH + ")\\.?\\s+(?<mday>\\d{1,2})(?:st|nd|rd|th)?\\b"
            + "|(?<dday>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<dname>" + EN_MONTH + ")\\b"
            + "|(?<slash>\\d{1,2})/(?<slashday>\\d{1,2})\\b";
    private static final String EN_TIME = "(?<noon>noon|midday)|(?<midnight>midnight)"
            + "|(?<h>\\d{1,2})(?::(?<m>\\d{2}))?\\s*(?<ampm>am|pm|a\\.m\\.|p\\.m\\.)"
            + "|(?<hh>\\d{1,2}):(?<mm>\\d{2})"
            + "|at\\s+(?<at>\\d{1,2})\\b(?!\\s*(?:%|days?|hours?|weeks?))";

    private static final Pattern EN = Pattern.compile(
            "(?<lead>\\b(?:due|by|before|on|until|till|for|no\\s+later\\s+than)\\s+(?:the\\s+)?)?"
                    + "(?:\\b(?:" + EN_DAY + ")(?:\\s*(?:,|at|@)?\\s*(?:" + named(EN_TIME, "d") + "))?"
                    + "|(?:" + EN_TIME + ")(?:\\s*(?:on\\s+)?\\b(?:" + named(EN_DAY, "t") + "))?"
                    + "|\\bin\\s+(?<inn>" + EN_NUMBER + ")\\s+(?<innunit>hours?|hrs?|minutes?|mins?)\\b)",
            Pattern.CASE_INSENSITIVE);

    private static final String ZH_NUM = "\\d{1,2}|[零〇一二两三四五六七八九十]{1,3}";
    private static final String ZH_DAY = "(?<today>今天|今日|今晚)|(?<tomorrow>明天|明日|明早|明晚)|(?<after>后天)|(?<after2>大后天)"
            + "|(?<wmod>下下|下个|下|这个|这|本)?(?:周|星期|礼拜)(?<weekday>[一二三四五六日天1-7])"
            + "|(?<endmonth>(?:本月|这个月)?月底)|(?<endweek>周末|本周内|这周内|本周|这周)|(?<nextweek>下周|下个星期|下星期)"
            + "|(?<ndays>" + ZH_NUM + ")\\s*天(?<ndaysuffix>后|以后|之后|内|之内)"
            + "|(?:(?<month>" + ZH_NUM + ")\\s*月)?(?<mday>" + ZH_NUM + ")\\s*(?:日|号)";
    private static final String ZH_TIME = "(?<part>上午|早上|早晨|早|中午|下午|傍晚|晚上|晚)?\\s*(?:(?<h>" + ZH_NUM + ")\\s*(?:点|时)"
            + "\\s*(?:(?<half>半)|(?<quarter>一刻)|(?<m>\\d{1,2}|[零〇一二三四五六七八九十]{1,3})\\s*分?)?"
            + "|(?<hc>\\d{1,2})[:：](?<mc>\\d{2}))"
            + "|(?<noon>中午)";
    private static final Pattern ZH = Pattern.compile(
            "(?<lead>(?:在|于|截止到|截至|截止|到)\\s*)?"
                    + "(?:(?:" + ZH_DAY + ")\\s*(?:" + named(ZH_TIME, "d") + ")?|(?:" + named(ZH_TIME, "t") + "))"
                    + "(?<tail>\\s*(?:之前|以前|前|截止|到期|为止))?");

    /** The regex with its named groups renamed {@code prefix + name}, so it can appear twice in one pattern. */
    private static String named(String regex, String prefix) {
        return regex.replaceAll("\\(\\?<([a-z])", "(?<" + prefix + "$1");
    }

    private static final Map<String, DayOfWeek> EN_DAYS = Map.ofEntries(
            Map.entry("mon", DayOfWeek.MONDAY), Map.entry("tue", DayOfWeek.TUESDAY), Map.entry("wed", DayOfWeek.WEDNESDAY),
            Map.entry("thu", DayOfWeek.THURSDAY), Map.entry("fri", DayOfWeek.FRIDAY), Map.entry("sat", DayOfWeek.SATURDAY),
            Map.entry("sun", DayOfWeek.SUNDAY));

    private DueDates() {
    }

    /**
     * The due time in {@code text}, or empty when it names none (or names an impossible date).
     * Of several, the one after "due" / "by" (or with 前) wins, else the last.
     */
    public static Optional<Due> find(String text, ZonedDateTime now, LocalTime endOfDay, Predicate<LocalDate> workingDay) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        boolean zh = NormalizedText.containsCjk(text);
        Matcher m = (zh ? ZH : EN).matcher(text);
        List<Due> found = new ArrayList<>();
        Due preferred = null;
        while (m.find()) {
            if (m.end() == m.start()) {
                continue;
            }
            try {
                ZonedDateTime at = zh ? chinese(m, now, endOfDay, workingDay) : english(m, now, endOfDay, workingDay);
                if (at == null) {
                    continue;
                }
                Due d = new Due(at, m.start(), m.end());
                found.add(d);
                if (m.group("lead") != null || (zh && m.group("tail") != null)) {
                    preferred = d;
                }
            } catch (DateTimeException | NumberFormatException e) {
                // "February 30" or "25点": not a date; keep looking
            }
        }
        if (preferred != null) {
            return Optional.of(preferred);
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    /** The end of the next working day after {@code now}'s date: the default due time of a new task. */
    public static ZonedDateTime defaultDue(ZonedDateTime now, LocalTime endOfDay, Predicate<LocalDate> workingDay) {
        LocalDate d = now.toLocalDate().plusDays(1);
        for (int i = 0; i < 14 && !workingDay.test(d); i++) {
            d = d.plusDays(1);
        }
        return ZonedDateTime.of(d, endOfDay, now.getZone());
    }

    // ------------------------------------------------------------------ English

    private static ZonedDateTime english(Matcher m, ZonedDateTime now, LocalTime endOfDay, Predicate<LocalDate> workingDay) {
        if (m.group("inn") != null) {
            long n = enNumber(m.group("inn"));
            String unit = m.group("innunit").toLowerCase(Locale.ROOT);
            return now.plus(unit.startsWith("h") ? Duration.ofHours(n) : Duration.ofMinutes(n)).withSecond(0).withNano(0);
        }
        String prefix = m.group("today") != null || m.group("tomorrow") != null || m.group("after") != null
                || m.group("endof") != null || m.group("weekday") != null || m.group("nextweek") != null
                || m.group("indays") != null || m.group("iso") != null || m.group("mname") != null
                || m.group("dday") != null || m.group("slash") != null ? "" : "t";
        String tp = prefix.isEmpty() ? "d" : "";
        LocalTime time = enTime(m, tp);
        LocalDate day = enDay(m, prefix, now.toLocalDate(), workingDay);
        if (day == null && time == null) {
            return null;
        }
        if (m.group(prefix + "today") != null && m.group(prefix + "today").equalsIgnoreCase("tonight") && time == null) {
            time = LocalTime.of(20, 0);
        }
        return combine(day, time, m.group(prefix + "weekday") != null && m.group(prefix + "wmod") == null, now, endOfDay);
    }

    private static LocalTime enTime(Matcher m, String p) {
        if (m.group(p + "noon") != null) {
            return LocalTime.NOON;
        }
        if (m.group(p + "midnight") != null) {
            return LocalTime.of(23, 59);
        }
        if (m.group(p + "h") != null) {
            int h = Integer.parseInt(m.group(p + "h"));
            int min = m.group(p + "m") == null ? 0 : Integer.parseInt(m.group(p + "m"));
            boolean pm = m.group(p + "ampm").toLowerCase(Locale.ROOT).startsWith("p");
            if (h < 1 || h > 12) {
                throw new DateTimeException("not a 12-hour time");
            }
            return LocalTime.of(h % 12 + (pm ? 12 : 0), min);
        }
        if (m.group(p + "hh") != null) {
            return LocalTime.of(Integer.parseInt(m.group(p + "hh")), Integer.parseInt(m.group(p + "mm")));
        }
        if (m.group(p + "at") != null) {
            int h = Integer.parseInt(m.group(p + "at"));
            // "at 3" in business hours means 15:00, "at 9" 09:00
            return LocalTime.of(h >= 1 && h <= 7 ? h + 12 : h, 0);
        }
        return null;
    }

    private static LocalDate enDay(Matcher m, String p, LocalDate today, Predicate<LocalDate> workingDay) {
        if (m.group(p + "today") != null) {
            return today;
        }
        if (m.group(p + "tomorrow") != null) {
            return today.plusDays(1);
        }
        if (m.group(p + "after") != null) {
            return today.plusDays(2);
        }
        if (m.group(p + "endof") != null) {
            String e = m.group(p + "endof").toLowerCase(Locale.ROOT);
            if (e.contains("week") || e.equals("eow")) {
                return lastWorkingDayOfWeek(today, workingDay);
            }
            if (e.contains("month") || e.equals("eom")) {
                return lastWorkingDayOfMonth(today, workingDay);
            }
            return today;
        }
        if (m.group(p + "weekday") != null) {
            DayOfWeek dow = EN_DAYS.get(m.group(p + "weekday").toLowerCase(Locale.ROOT).substring(0, 3));
            String mod = m.group(p + "wmod") == null ? "" : m.group(p + "wmod").toLowerCase(Locale.ROOT);
            if (mod.equals("next")) {
                return today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(1)
                        .with(TemporalAdjusters.nextOrSame(dow));
            }
            return today.with(TemporalAdjusters.nextOrSame(dow));
        }
        if (m.group(p + "nextweek") != null) {
            return lastWorkingDayOfWeek(today.plusWeeks(1), workingDay);
        }
        if (m.group(p + "indays") != null) {
            long n = enNumber(m.group(p + "indays"));
            return m.group(p + "inunit").toLowerCase(Locale.ROOT).startsWith("w") ? today.plusWeeks(n) : today.plusDays(n);
        }
        if (m.group(p + "iso") != null) {
            return LocalDate.parse(m.group(p + "iso"));
        }
        if (m.group(p + "mname") != null) {
            return nextDate(today, TimeWords.MONTHS.get(m.group(p + "mname").toLowerCase(Locale.ROOT)),
                    Integer.parseInt(m.group(p + "mday")));
        }
        if (m.group(p + "dname") != null) {
            return nextDate(today, TimeWords.MONTHS.get(m.group(p + "dname").toLowerCase(Locale.ROOT)),
                    Integer.parseInt(m.group(p + "dday")));
        }
        if (m.group(p + "slash") != null) {
            return nextDate(today, Integer.parseInt(m.group(p + "slash")), Integer.parseInt(m.group(p + "slashday")));
        }
        return null;
    }

    private static long enNumber(String s) {
        String w = s.toLowerCase(Locale.ROOT);
        if (w.equals("a") || w.equals("an")) {
            return 1;
        }
        Integer n = Numbers.parse(w);
        if (n == null) {
            throw new NumberFormatException(s);
        }
        return n;
    }

    // ------------------------------------------------------------------ Chinese

    private static ZonedDateTime chinese(Matcher m, ZonedDateTime now, LocalTime endOfDay, Predicate<LocalDate> workingDay) {
        LocalDate today = now.toLocalDate();
        LocalDate day = null;
        boolean bareWeekday = false;
        LocalTime implied = null;
        if (m.group("today") != null) {
            day = today;
            implied = m.group("today").equals("今晚") ? LocalTime.of(20, 0) : null;
        } else if (m.group("tomorrow") != null) {
            day = today.plusDays(1);
            implied = m.group("tomorrow").equals("明晚") ? LocalTime.of(20, 0)
                    : m.group("tomorrow").equals("明早") ? LocalTime.of(9, 0) : null;
        } else if (m.group("after2") != null) {
            day = today.plusDays(3);
        } else if (m.group("after") != null) {
            day = today.plusDays(2);
        } else if (m.group("weekday") != null) {
            DayOfWeek dow = DayOfWeek.of("一二三四五六日".indexOf(zhWeekday(m.group("weekday"))) + 1);
            String mod = m.group("wmod") == null ? "" : m.group("wmod");
            int weeks = mod.equals("下下") ? 2 : mod.startsWith("下") ? 1 : 0;
            if (weeks > 0) {
                day = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(weeks)
                        .with(TemporalAdjusters.nextOrSame(dow));
            } else {
                day = today.with(TemporalAdjusters.nextOrSame(dow));
                bareWeekday = true;
            }
        } else if (m.group("endmonth") != null) {
            day = lastWorkingDayOfMonth(today, workingDay);
        } else if (m.group("endweek") != null) {
            day = lastWorkingDayOfWeek(today, workingDay);
        } else if (m.group("nextweek") != null) {
            day = lastWorkingDayOfWeek(today.plusWeeks(1), workingDay);
        } else if (m.group("ndays") != null) {
            day = today.plusDays(Numbers.parse(m.group("ndays")));
        } else if (m.group("mday") != null) {
            int d = Numbers.parse(m.group("mday"));
            if (m.group("month") != null) {
                day = nextDate(today, Numbers.parse(m.group("month")), d);
            } else {
                LocalDate candidate = today.withDayOfMonth(Math.min(d, today.lengthOfMonth()));
                if (d > today.lengthOfMonth()) {
                    throw new DateTimeException("no such day this month");
                }
                day = candidate.isBefore(today) ? today.plusMonths(1).withDayOfMonth(d) : candidate;
            }
        }
        String tp = day != null ? "d" : "t";
        LocalTime time = zhTime(m, tp);
        if (time == null) {
            time = implied;
        }
        if (day == null && time == null) {
            return null;
        }
        return combine(day, time, bareWeekday, now, endOfDay);
    }

    private static char zhWeekday(String s) {
        char c = s.charAt(0);
        if (c == '天') {
            return '日';
        }
        if (c >= '1' && c <= '7') {
            return "一二三四五六日".charAt(c - '1');
        }
        return c;
    }

    private static LocalTime zhTime(Matcher m, String p) {
        if (m.group(p + "noon") != null) {
            return LocalTime.NOON;
        }
        if (m.group(p + "hc") != null) {
            return zhDayPart(m.group(p + "part"), Integer.parseInt(m.group(p + "hc")), Integer.parseInt(m.group(p + "mc")));
        }
        if (m.group(p + "h") == null) {
            return null;
        }
        int h = Numbers.parse(m.group(p + "h"));
        String part = m.group(p + "part") == null ? "" : m.group(p + "part");
        boolean afternoon = part.equals("下午") || part.equals("傍晚") || part.equals("晚上") || part.equals("晚");
        if (afternoon && h < 12) {
            h += 12;
        } else if (part.equals("中午") && h < 6) {
            h += 12;
        } else if (part.isEmpty() && h >= 1 && h <= 6) {
            // "三点" at work is 15:00
            h += 12;
        }
        int minute = 0;
        if (m.group(p + "half") != null) {
            minute = 30;
        } else if (m.group(p + "quarter") != null) {
            minute = 15;
        } else if (m.group(p + "m") != null) {
            minute = Numbers.parse(m.group(p + "m"));
        }
        return LocalTime.of(h, minute);
    }

    private static LocalTime zhDayPart(String part, int h, int minute) {
        boolean afternoon = part != null && (part.equals("下午") || part.equals("傍晚") || part.equals("晚上") || part.equals("晚"));
        return LocalTime.of(afternoon && h < 12 ? h + 12 : h, minute);
    }

    // ------------------------------------------------------------------ shared

    private static ZonedDateTime combine(LocalDate day, LocalTime time, boolean bareWeekday, ZonedDateTime now,
                                         LocalTime endOfDay) {
        if (day == null) {
            ZonedDateTime at = ZonedDateTime.of(now.toLocalDate(), time, now.getZone());
            return at.isAfter(now) ? at : at.plusDays(1);
        }
        ZonedDateTime at = ZonedDateTime.of(day, time == null ? endOfDay : time, now.getZone());
        if (bareWeekday && !at.isAfter(now)) {
            at = at.plusWeeks(1);
        }
        return at;
    }

    private static LocalDate nextDate(LocalDate today, int month, int day) {
        LocalDate d = LocalDate.of(today.getYear(), month, day);
        return d.isBefore(today) ? LocalDate.of(today.getYear() + 1, month, day) : d;
    }

    private static LocalDate lastWorkingDayOfWeek(LocalDate inWeek, Predicate<LocalDate> workingDay) {
        LocalDate d = inWeek.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        LocalDate monday = inWeek.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        while (d.isAfter(monday) && !workingDay.test(d)) {
            d = d.minusDays(1);
        }
        return d.isBefore(inWeek) ? inWeek : d;
    }

    private static LocalDate lastWorkingDayOfMonth(LocalDate inMonth, Predicate<LocalDate> workingDay) {
        LocalDate d = inMonth.with(TemporalAdjusters.lastDayOfMonth());
        while (d.isAfter(inMonth) && !workingDay.test(d)) {
            d = d.minusDays(1);
        }
        return d;
    }
}
