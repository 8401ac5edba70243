package io.salescope.bot.nlp;

import io.salescope.core.time.FiscalCalendar;
import io.salescope.core.time.Granularity;
import io.salescope.core.time.Period;
import io.salescope.core.time.Periods;
import io.salescope.warehouse.query.MetricQuery.Comparison;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the time phrases of a question (English and Chinese) and turns them into the API's
 * period strings ({@code 2025-Q3}, {@code last_3_months}, {@code ytd},
 * {@code 2025-03-01..2025-05-31}), following the fiscal year and the reference date: "Q3" and
 * "March" without a year are in the current fiscal year. Also finds comparisons ("vs last
 * quarter", 同比) and "now" words. Stateless and thread-safe.
 */
final class TimeExpressions {

    /**
     * What the question says about time.
     *
     * @param period the main period as an API string, or null when none is named
     * @param phrase the words that named it, as written
     * @param now the question says "now" (現在, currently): point-in-time metrics take no period
     * @param comparison the comparison asked for
     * @param spans positions that are time words (not to be read as names)
     * @param problem why a phrase could not be read (an impossible date), or null
     */
    record Result(String period, String phrase, boolean now, Comparison comparison, BitSet spans, String problem) {
    }

    private enum Type { DATE, MONTH, QUARTER, HALF, YEAR, FIXED, NOW, COMPARE, YEAR_AGO_UNIT }

    /**
     * A time phrase. For DATE..YEAR: {@code year} is an explicit year, else {@code yearOffset}
     * counts fiscal years from the current one; {@code unit} is the month, quarter or half.
     * FIXED carries a ready period string; COMPARE a comparison; YEAR_AGO_UNIT the unit of
     * "the same quarter last year".
     */
    private record Point(int start, int end, Type type, Integer year, int yearOffset, int unit, LocalDate date,
                         String fixed, Comparison comparison, Granularity granularity) {
        Point at(int s, int e) {
            return new Point(s, e, type, year, yearOffset, unit, date, fixed, comparison, granularity);
        }

        boolean isPeriod() {
            return type != Type.NOW && type != Type.COMPARE;
        }

        boolean isAnchor() {
            return type == Type.DATE || type == Type.MONTH || type == Type.QUARTER || type == Type.HALF || type == Type.YEAR;
        }
    }

    private record Rule(Pattern pattern, Function<Matcher, Point> make) {
    }

    /** Word boundaries for ASCII words; Java's \b also treats Chinese characters as word characters. */
    private static final String WORD_START = "(?<![a-z0-9])";
    private static final String WORD_END = "(?![a-z0-9])";
    private static final String MON = "(january|february|march|april|may|june|july|august|september|october|november|december"
            + "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?";
    private static final String MON_FULL = "(january|february|march|april|june|july|august|september|october|november|december)";
    private static final String YEAR = "((?:19|20)\\d{2})";
    private static final String FY = "(?:(?:fy|fiscal(?: year)?)\\s?)?";
    private static final String ZH_MON = "(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])";
    private static final String ZH_Q = "([1-4一二三四])";
    private static final String REL = "(this|current|the current|last|previous|prior|past|the past|next|coming|upcoming|following)";

    private static final Pattern EN_RANGE_GAP = Pattern.compile("\\s*(?:to|until|till|through|thru|and|-|–|—|~|\\.\\.)\\s*");
    private static final Pattern ZH_RANGE_GAP = Pattern.compile("\\s*(?:到|至|~|～|-|—|–)\\s*");
    private static final Pattern RANGE_PREFIX = Pattern.compile("(?:between|from)\\s+(?:the\\s+)?$|(?:从|自)\\s*$");
    private static final Pattern RANGE_SUFFIX = Pattern.compile("^\\s*(?:之间|期间|这段时间)");
    private static final Pattern SINCE_PREFIX = Pattern.compile("(?:since|starting|beginning)\\s+(?:the\\s+)?(?:start of\\s+|beginning of\\s+)?$");
    private static final Pattern SINCE_SUFFIX = Pattern.compile("^\\s*(?:以来|至今|到现在|到目前为止|迄今为止|迄今|到今天)");
    private static final Pattern ZH_SINCE_PREFIX = Pattern.compile("(?:自从|自|从)\\s*$");
    private static final Pattern COMPARE_BEFORE = Pattern.compile(
            "(?:(?<![a-z0-9])(?:vs\\.?|versus|compared (?:to|with)|comparison (?:to|with)|comparing (?:it )?(?:to|with)|compare (?:it )?(?:to|with|against)|against|relative to|than)\\s+(?:the\\s+)?(?:same period\\s+)?"
                    + "|(?:与|和|跟|同|较|比|相比|对比|相较于?|相对于|比起|对照)\\s*)$");
    private static final Pattern COMPARE_AFTER = Pattern.compile("^\\s*(?:的?相比|对比|比较|相较|比起来)");

    private static final Map<String, String> ZH_RELATIVE = orderedZh();
    private static final List<Rule> RULES = rules();

    private final Predicate<String> isNameWord;

    TimeExpressions(Predicate<String> isNameWord) {
        this.isNameWord = isNameWord;
    }

    Result extract(NormalizedText text, Periods periods) {
        String s = text.lower;
        List<Point> found = new ArrayList<>();
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(s);
            while (m.find()) {
                if (m.end() == m.start()) {
                    continue;
                }
                Point p;
                try {
                    p = rule.make().apply(m);
                } catch (RuntimeException e) {
                    p = null;
                }
                if (p != null && acceptable(p, m, s)) {
                    found.add(p.at(m.start(), m.end()));
                }
            }
        }
        found.sort(Comparator.comparingInt((Point p) -> p.end() - p.start()).reversed().thenComparingInt(Point::start));
        BitSet taken = new BitSet();
        List<Point> points = new ArrayList<>();
        for (Point p : found) {
            if (taken.get(p.start(), p.end()).isEmpty()) {
                taken.set(p.start(), p.end());
                points.add(p);
            }
        }
        points.sort(Comparator.comparingInt(Point::start));

        List<Hit> hits = combine(points, s, periods);
        BitSet spans = new BitSet();
        String problem = null;
        for (Hit h : hits) {
            spans.set(h.start, h.end);
            if (h.problem != null) {
                problem = h.problem;
            }
        }
        boolean now = false;
        Comparison comparison = Comparison.NONE;
        Hit main = null;
        for (Hit h : hits) {
            if (h.type == Type.NOW) {
                now = true;
            } else if (h.type == Type.COMPARE) {
                comparison = h.comparison;
            } else if (!h.compare && main == null) {
                main = h;
            }
        }
        String impliedMain = null;
        for (Hit h : hits) {
            if (h.compare && h.type != Type.COMPARE) {
                comparison = comparisonKind(h, main, periods);
                Matcher last = Pattern.compile("last_(week|month|quarter|year)").matcher(h.period == null ? "" : h.period);
                if (main == null && last.matches()) {
                    // "bookings vs last month": this month against last month
                    impliedMain = "this_" + last.group(1);
                }
            }
        }
        String period = main == null ? impliedMain : main.period;
        String phrase = main == null ? null : text.source.substring(main.start, main.end).strip();
        if (main == null && comparison == Comparison.YEAR_AGO && hits.stream().anyMatch(h -> h.periodLike)) {
            // "去年同期的成交额" on its own asks for the figure of the same quarter a year ago
            FiscalCalendar cal = periods.calendar();
            period = cal.yearAgo(cal.unitContaining(Granularity.QUARTER, periods.today())).label();
            comparison = Comparison.NONE;
            Hit h = hits.stream().filter(x -> x.periodLike).findFirst().orElseThrow();
            phrase = text.source.substring(h.start, h.end).strip();
        }
        return new Result(period, phrase, now, comparison, spans, problem);
    }

    /** Month names alone only count where they cannot be a name or the verb "may". */
    private boolean acceptable(Point p, Matcher m, String s) {
        if (p.type() != Type.MONTH || p.year() != null || p.yearOffset() != 0 || m.groupCount() < 1) {
            return true;
        }
        String word = m.group(0).strip();
        if (!TimeWords.MONTHS.containsKey(word)) {
            return true;
        }
        String before = s.substring(Math.max(0, m.start() - 12), m.start());
        boolean preposition = before.matches("(?s).*(?<![a-z])(?:in|for|during|since|of|from|until|till|to|between|and|through|by|before|after)\\s+$");
        if ("may".equals(word) || isNameWord.test(word)) {
            return preposition;
        }
        return true;
    }

    private static Comparison comparisonKind(Hit h, Hit main, Periods periods) {
        if (h.type == Type.YEAR_AGO_UNIT) {
            return Comparison.YEAR_AGO;
        }
        if (h.period != null && (h.period.equals("last_year") || h.period.equals("previous_year"))) {
            return Comparison.YEAR_AGO;
        }
        if (h.period != null && h.period.startsWith("last_") && !h.period.matches("last_\\d+_.*")) {
            return Comparison.PREVIOUS_PERIOD;
        }
        try {
            Period p = periods.parse(main == null ? "this_quarter" : main.period);
            Period c = periods.parse(h.period);
            Period yearAgo = periods.calendar().yearAgo(p);
            if (yearAgo.from().equals(c.from()) && yearAgo.to().equals(c.to())) {
                return Comparison.YEAR_AGO;
            }
        } catch (RuntimeException e) {
            return Comparison.PREVIOUS_PERIOD;
        }
        return Comparison.PREVIOUS_PERIOD;
    }

    /** A resolved time phrase: a period string, "now", or a comparison. */
    private static final class Hit {
        int start;
        int end;
        Type type;
        String period;
        Comparison comparison;
        boolean compare;
        boolean periodLike;
        String problem;
    }

    /** Joins "March to May", "between Q1 and Q2", "从2025年3月到5月", "since March"; marks comparison targets. */
    private List<Hit> combine(List<Point> points, String s, Periods periods) {
        List<Hit> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point a = points.get(i);
            Hit h = new Hit();
            h.start = a.start();
            h.end = a.end();
            h.type = a.type();
            h.comparison = a.comparison();
            Point b = i + 1 < points.size() ? points.get(i + 1) : null;
            boolean ranged = false;
            if (a.isAnchor() && b != null && b.isAnchor()) {
                String gap = s.substring(a.end(), b.start());
                String before = s.substring(0, a.start());
                Matcher prefix = RANGE_PREFIX.matcher(before);
                boolean hasPrefix = prefix.find();
                boolean en = EN_RANGE_GAP.matcher(gap).matches() && (hasPrefix || !gap.strip().equals("and"));
                boolean zh = ZH_RANGE_GAP.matcher(gap).matches();
                if (en || zh) {
                    ranged = true;
                    i++;
                    if (hasPrefix) {
                        h.start = prefix.start();
                    }
                    h.end = b.end();
                    Matcher suffix = RANGE_SUFFIX.matcher(s.substring(h.end));
                    if (suffix.find()) {
                        h.end += suffix.end();
                    }
                    h.type = Type.FIXED;
                    try {
                        Point[] pair = inheritYears(a, b, periods);
                        Period from = periods.parse(string(pair[0], periods));
                        Period to = periods.parse(string(pair[1], periods));
                        if (to.to().isBefore(from.from())) {
                            h.problem = "the range " + s.substring(h.start, h.end).strip() + " ends before it starts";
                        } else {
                            h.period = from.from() + ".." + to.to();
                        }
                    } catch (RuntimeException e) {
                        h.problem = "cannot read the dates in '" + s.substring(h.start, h.end).strip() + "'";
                    }
                }
            }
            if (!ranged) {
                if (a.isAnchor()) {
                    Matcher sincePrefix = SINCE_PREFIX.matcher(s.substring(0, a.start()));
                    Matcher sinceSuffix = SINCE_SUFFIX.matcher(s.substring(a.end()));
                    boolean en = sincePrefix.find();
                    boolean zh = !en && sinceSuffix.find();
                    if (en || zh) {
                        try {
                            Period from = periods.parse(string(a, periods));
                            LocalDate today = periods.today();
                            h.type = Type.FIXED;
                            h.period = from.from().isAfter(today) ? from.from() + ".." + from.from() : from.from() + ".." + today;
                            if (en) {
                                h.start = sincePrefix.start();
                            } else {
                                h.end = a.end() + sinceSuffix.end();
                                Matcher zhPrefix = ZH_SINCE_PREFIX.matcher(s.substring(0, a.start()));
                                if (zhPrefix.find()) {
                                    h.start = zhPrefix.start();
                                }
                            }
                        } catch (RuntimeException e) {
                            h.problem = "cannot read the date in '" + s.substring(a.start(), a.end()).strip() + "'";
                        }
                    }
                }
                if (h.period == null && h.problem == null && a.isPeriod()) {
                    try {
                        h.period = string(a, periods);
                        periods.parse(h.period);
                    } catch (RuntimeException e) {
                        h.problem = "'" + s.substring(a.start(), a.end()).strip() + "' is not a date I can use: " + e.getMessage();
                        h.period = null;
                    }
                }
            }
            boolean before = COMPARE_BEFORE.matcher(s.substring(Math.max(0, h.start - 40), h.start)).find();
            boolean after = COMPARE_AFTER.matcher(s.substring(h.end)).find();
            if (h.type != Type.NOW && h.type != Type.COMPARE) {
                h.compare = before || after;
            }
            h.periodLike = "year_ago_phrase".equals(a.fixed()) && !before && !after;
            out.add(h);
        }
        return out;
    }

    /** "March to May 2025": the first end takes the second's year, and the other way round. */
    private static Point[] inheritYears(Point a, Point b, Periods periods) {
        if (a.year() == null && a.yearOffset() == 0 && b.year() != null && (a.type() == Type.MONTH || a.type() == Type.QUARTER)) {
            int year = b.year();
            if (a.type() == Type.MONTH && b.type() == Type.MONTH && a.unit() > b.unit()) {
                year--;
            }
            a = new Point(a.start(), a.end(), a.type(), year, 0, a.unit(), a.date(), a.fixed(), a.comparison(), a.granularity());
        } else if (b.year() == null && b.yearOffset() == 0 && a.year() != null && (b.type() == Type.MONTH || b.type() == Type.QUARTER)) {
            int year = a.year();
            if (a.type() == Type.MONTH && b.type() == Type.MONTH && b.unit() < a.unit()) {
                year++;
            }
            b = new Point(b.start(), b.end(), b.type(), year, 0, b.unit(), b.date(), b.fixed(), b.comparison(), b.granularity());
        }
        if (a.year() == null && b.year() == null && a.yearOffset() == b.yearOffset() && a.type() == b.type()
                && (a.type() == Type.MONTH || a.type() == Type.QUARTER)) {
            // "三月到五月" with a fiscal year from April: March of this fiscal year comes after May; mean the March before
            Period from = periods.parse(string(a, periods));
            Period to = periods.parse(string(b, periods));
            if (from.from().isAfter(to.from())) {
                a = new Point(a.start(), a.end(), a.type(), null, a.yearOffset() - 1, a.unit(), a.date(), a.fixed(), a.comparison(), a.granularity());
            }
        }
        return new Point[] {a, b};
    }

    /** The API period string of a phrase. */
    private static String string(Point p, Periods periods) {
        FiscalCalendar cal = periods.calendar();
        int fy = cal.fiscalYearOf(periods.today()) + p.yearOffset();
        return switch (p.type()) {
            case DATE -> p.date() != null ? p.date().toString() : monthDay(p.fixed(), periods);
            case MONTH -> {
                int year = p.year() != null ? p.year() : calendarYearOfMonth(cal, fy, p.unit());
                yield YearMonth.of(year, p.unit()).toString();
            }
            case QUARTER -> (p.year() != null ? p.year() : fy) + "-Q" + p.unit();
            case HALF -> {
                int year = p.year() != null ? p.year() : fy;
                LocalDate from = cal.fiscalYearStart(year).plusMonths(6L * (p.unit() - 1));
                yield from + ".." + from.plusMonths(6).minusDays(1);
            }
            case YEAR -> String.valueOf(p.year() != null ? p.year() : fy);
            case FIXED -> resolveFixed(p.fixed(), periods);
            case YEAR_AGO_UNIT -> {
                Period unit = cal.unitContaining(p.granularity(), periods.today());
                yield cal.yearAgo(unit).label();
            }
            default -> throw new IllegalStateException(p.type() + " has no period");
        };
    }

    /** Phrases that need the reference date: tomorrow, the day before yesterday, the next N units. */
    private static String resolveFixed(String fixed, Periods periods) {
        LocalDate today = periods.today();
        FiscalCalendar cal = periods.calendar();
        if (fixed.equals("tomorrow")) {
            return today.plusDays(1).toString();
        }
        if (fixed.equals("day_before_yesterday")) {
            return today.minusDays(2).toString();
        }
        if (fixed.startsWith("half:")) {
            // "this half", "last half", 上个半年: the (fiscal) half-year holding today, shifted by halves
            int shift = Integer.parseInt(fixed.substring("half:".length()));
            LocalDate yearStart = cal.fiscalYearStart(cal.fiscalYearOf(today));
            LocalDate from = yearStart.plusMonths(today.isBefore(yearStart.plusMonths(6)) ? 0 : 6).plusMonths(6L * shift);
            return from + ".." + from.plusMonths(6).minusDays(1);
        }
        if (fixed.startsWith("ago:")) {
            // "the month before last", "上上个月": a whole unit, named by its label (2026-04, 2026-Q1, 2026-W24)
            String[] parts = fixed.split(":");
            Granularity g = Granularity.valueOf(parts[2].toUpperCase(java.util.Locale.ROOT));
            return cal.unitShifted(g, today, -Integer.parseInt(parts[1])).label();
        }
        if (fixed.startsWith("next:")) {
            String[] parts = fixed.split(":");
            int n = Integer.parseInt(parts[1]);
            if (n < 1) {
                throw new IllegalArgumentException("need at least one " + parts[2]);
            }
            if (parts[2].equals("day")) {
                return today.plusDays(1) + ".." + today.plusDays(n);
            }
            Granularity g = Granularity.valueOf(parts[2].toUpperCase(java.util.Locale.ROOT));
            return cal.unitShifted(g, today, 1).from() + ".." + cal.unitShifted(g, today, n).to();
        }
        return fixed;
    }

    /** "3月5日": a day of the reference date's year. */
    private static String monthDay(String fixed, Periods periods) {
        String[] parts = fixed.split(":");
        return LocalDate.of(periods.today().getYear(), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])).toString();
    }

    /** The calendar year in which the given month of fiscal year {@code fy} falls. */
    static int calendarYearOfMonth(FiscalCalendar cal, int fy, int month) {
        LocalDate start = cal.fiscalYearStart(fy);
        return month >= start.getMonthValue() ? start.getYear() : start.getYear() + 1;
    }

    // ---------------------------------------------------------------- rules

    /**
     * Compiles a rule, reading {@code \\b} as an ASCII word boundary: the start of a word before
     * a group or a letter, the end of one before ")", "|" or the end of the pattern.
     */
    private static Pattern p(String regex) {
        StringBuilder out = new StringBuilder(regex.length() + 64);
        for (int i = 0; i < regex.length(); i++) {
            if (regex.startsWith("\\b", i) && (i == 0 || regex.charAt(i - 1) != '\\')) {
                char next = i + 2 < regex.length() ? regex.charAt(i + 2) : '|';
                out.append(next == ')' || next == '|' ? WORD_END : WORD_START);
                i++;
            } else {
                out.append(regex.charAt(i));
            }
        }
        return Pattern.compile(out.toString());
    }

    private static Point fixed(String period) {
        return new Point(0, 0, Type.FIXED, null, 0, 0, null, period, null, null);
    }

    private static Point point(Type type, Integer year, int yearOffset, int unit) {
        return new Point(0, 0, type, year, yearOffset, unit, null, null, null, null);
    }

    private static Point date(int y, int m, int d) {
        try {
            return new Point(0, 0, Type.DATE, y, 0, 0, LocalDate.of(y, m, d), null, null, null);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Point compare(Comparison c) {
        return new Point(0, 0, Type.COMPARE, null, 0, 0, null, null, c, null);
    }

    private static Point now() {
        return new Point(0, 0, Type.NOW, null, 0, 0, null, null, null, null);
    }

    private static Point yearAgoUnit(Granularity g) {
        return new Point(0, 0, Type.YEAR_AGO_UNIT, null, 0, 0, null, null, null, g);
    }

    private static int month(String name) {
        Integer m = TimeWords.MONTHS.get(name.replace(".", ""));
        return m == null ? Numbers.parse(name) : m;
    }

    private static int quarter(String q) {
        return Numbers.parse(q);
    }

    private static int offset(String word) {
        return switch (word) {
            case "last", "去年", "上财年", "上一年", "上年" -> -1;
            case "next", "明年", "下财年", "下一年" -> 1;
            case "前年" -> -2;
            default -> 0;
        };
    }

    private static int ordinal(String word) {
        return switch (word) {
            case "first", "1st" -> 1;
            case "second", "2nd" -> 2;
            case "third", "3rd" -> 3;
            default -> 4;
        };
    }

    private static String relative(String which, String unit) {
        String u = "fy".equals(unit) ? "year" : unit;
        String w = switch (which) {
            case "this", "current", "the current" -> "this";
            case "next", "coming", "upcoming", "following" -> "next";
            default -> "last";
        };
        return w + "_" + u;
    }

    private static String lastN(int n, String unit) {
        String u = unit.replaceAll("s$", "");
        if (u.equals("year")) {
            return "last_" + (12 * n) + "_months";
        }
        return "last_" + n + "_" + u + "s";
    }

    private static Point nextN(int n, String unit, Periods unused) {
        return new Point(0, 0, Type.FIXED, null, 0, n, null, "next:" + n + ":" + unit.replaceAll("s$", ""), null, null);
    }

    private static String zhUnit(String unit) {
        return switch (unit) {
            case "天", "日" -> "day";
            case "周", "星期", "礼拜" -> "week";
            case "月" -> "month";
            case "季度", "季" -> "quarter";
            default -> "year";
        };
    }

    private static List<Rule> rules() {
        List<Rule> r = new ArrayList<>();
        // comparisons on their own
        r.add(new Rule(p("\\b(?:year[ -]?(?:over|on)[ -]?year|yoy|y/y)\\b|同比"), m -> compare(Comparison.YEAR_AGO)));
        r.add(new Rule(p("\\b(?:quarter[ -]?(?:over|on)[ -]?quarter|qoq|q/q|month[ -]?(?:over|on)[ -]?month|m/m"
                + "|week[ -]?(?:over|on)[ -]?week|w/w|sequential(?:ly)?|period[ -]?(?:over|on)[ -]?period)\\b|环比"),
                m -> compare(Comparison.PREVIOUS_PERIOD)));
        r.add(new Rule(p("\\b(?:the\\s+)?(?:previous|prior|preceding|last) period\\b|\\bthe (?:week|month|quarter|year) before\\b|上一?期(?!间)|上个周期"),
                m -> compare(Comparison.PREVIOUS_PERIOD)));
        r.add(new Rule(p("\\b(?:the\\s+)?same (?:period|time) (?:last|a|the previous|previous|the prior|prior) year\\b|\\b(?:a|one) year (?:ago|earlier|before)\\b"
                + "|去年同期|上年同期|上一年同期|去年的同期"),
                m -> new Point(0, 0, Type.COMPARE, null, 0, 0, null, "year_ago_phrase", Comparison.YEAR_AGO, null)));
        r.add(new Rule(p("\\b(?:the\\s+)?same (week|month|quarter) (?:last|a|the previous|previous|the prior|prior) year\\b"),
                m -> yearAgoUnit(Granularity.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)))));
        r.add(new Rule(p("\\b(?:this|current|the current) (week|month|quarter) (?:of )?last year\\b"),
                m -> yearAgoUnit(Granularity.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)))));

        // to date
        r.add(new Rule(p("\\b(?:ytd|year[ -]to[ -]date|so far this (?:fiscal )?year|this (?:fiscal )?year so far|so far in (?:the|this) year|(?:the )?year so far|since (?:the )?(?:start|beginning) of (?:the |this )?(?:fiscal )?year)\\b"
                + "|年初至今|年初到现在|年初到今天|年初以来|今年以来|今年至今|今年迄今|本年迄今|本年度迄今|本年至今|今年到目前为止|今年截至目前|今年截止目前|年度至今|本财年至今|今年到现在|今年到今天|本年度至今"),
                m -> fixed("ytd")));
        r.add(new Rule(p("\\b(?:qtd|quarter[ -]to[ -]date|so far this (?:fiscal )?quarter|this quarter so far|(?:the )?quarter so far|since (?:the )?(?:start|beginning) of (?:the |this )?quarter)\\b"
                + "|季初至今|季度初至今|本季度迄今|本季迄今|本季度至今|本季至今|本季度以来|这个季度以来|本季度到目前为止|季度至今|本季度到现在"),
                m -> fixed("qtd")));
        r.add(new Rule(p("\\b(?:mtd|month[ -]to[ -]date|so far this month|this month so far|(?:the )?month so far|since (?:the )?(?:start|beginning) of (?:the |this )?month)\\b"
                + "|月初至今|本月至今|本月迄今|本月以来|这个月以来|本月到目前为止|当月至今|本月到现在"), m -> fixed("mtd")));
        r.add(new Rule(p("\\b(?:wtd|week[ -]to[ -]date|so far this week|this week so far)\\b|本周至今|本周以来|这周以来|周初至今"), m -> fixed("wtd")));

        // last / next N
        r.add(new Rule(p("\\b(?:(?:in|over|during|for|within) )?(?:the )?(?:last|past|previous|prior|trailing|recent|most recent) (" + Numbers.EN
                + ") (days?|weeks?|months?|quarters?|years?)\\b"),
                m -> fixed(lastN(Numbers.parse(m.group(1)), m.group(2)))));
        r.add(new Rule(p("\\b(?:(?:in|over|during|within) )?(?:the )?(?:next|coming|upcoming|following) (" + Numbers.EN
                + ") (days?|weeks?|months?|quarters?)\\b"),
                m -> nextN(Numbers.parse(m.group(1)), m.group(2), null)));
        r.add(new Rule(p("\\b(?:ttm|ltm|trailing twelve months)\\b"), m -> fixed("last_12_months")));
        r.add(new Rule(p("\\b(?:(?:in|over|during|for|within) )?(?:the )?(?:last|past|previous|prior) fortnight\\b"),
                m -> fixed("last_14_days")));
        r.add(new Rule(p("\\b(this|current|the current|last|previous|prior|next|coming) half(?:[ -]year)?\\b"),
                m -> fixed("half:" + switch (m.group(1)) {
                    case "last", "previous", "prior" -> -1;
                    case "next", "coming" -> 1;
                    default -> 0;
                })));
        r.add(new Rule(p("(?:本|这个?|当前)半年|(上一?个)半年(?!度)"),
                m -> fixed("half:" + (m.group(1) != null ? -1 : 0))));
        r.add(new Rule(p("(?:最近|近|过去|之前)\\s*的?\\s*(" + Numbers.ZH + ")\\s*(?:个)?\\s*(天|日|周|星期|礼拜|月|季度|季|年)"),
                m -> fixed(lastN(Numbers.parse(m.group(1)), zhUnit(m.group(2))))));
        r.add(new Rule(p("(" + Numbers.ZH + ")\\s*(?:天|日)\\s*(?:内|以内|之内)"), m -> fixed(lastN(Numbers.parse(m.group(1)), "day"))));
        r.add(new Rule(p("(?:未来|接下来的?|今后)\\s*(" + Numbers.ZH + ")\\s*(?:个)?\\s*(天|日|周|星期|月|季度)"),
                m -> nextN(Numbers.parse(m.group(1)), zhUnit(m.group(2)), null)));

        // units ago: "the month before last", "two quarters ago", "上上个月"
        r.add(new Rule(p("\\b(?:the )?(week|month|quarter|year) before last\\b"), m -> fixed("ago:2:" + m.group(1))));
        r.add(new Rule(p("\\b(" + Numbers.EN + ") (weeks?|months?|quarters?|years?) ago\\b"), m -> {
            int n = Numbers.parse(m.group(1));
            return n >= 2 ? fixed("ago:" + n + ":" + m.group(2).replaceAll("s$", "")) : null;
        }));
        r.add(new Rule(p("上上(?:一)?个?(?:月|月份)"), m -> fixed("ago:2:month")));
        r.add(new Rule(p("上上(?:一)?个?(?:周|星期|礼拜)"), m -> fixed("ago:2:week")));
        r.add(new Rule(p("上上(?:一)?个?(?:季度|季|财季)"), m -> fixed("ago:2:quarter")));
        r.add(new Rule(p("(" + Numbers.ZH + ")\\s*个\\s*(月|季度|星期|礼拜)前"), m -> {
            int n = Numbers.parse(m.group(1));
            String unit = zhUnit(m.group(2));
            return n >= 2 ? fixed("ago:" + n + ":" + unit.replaceAll("s$", "")) : null;
        }));

        // this / last / next unit
        r.add(new Rule(p("\\b" + REL + " (?:fiscal )?(week|month|quarter|year|fy)\\b"), m -> fixed(relative(m.group(1), m.group(2)))));
        for (Map.Entry<String, String> e : ZH_RELATIVE.entrySet()) {
            r.add(new Rule(p(e.getKey()), m -> fixed(e.getValue())));
        }
        r.add(new Rule(p("\\btoday\\b|今天|今日"), m -> fixed("today")));
        r.add(new Rule(p("\\byesterday\\b|昨天|昨日"), m -> fixed("yesterday")));
        r.add(new Rule(p("\\btomorrow\\b|明天|明日"), m -> fixed("tomorrow")));
        r.add(new Rule(p("前天"), m -> fixed("day_before_yesterday")));
        r.add(new Rule(p("前年"), m -> point(Type.YEAR, null, -2, 0)));

        // dates
        r.add(new Rule(p("(?<!\\d)" + YEAR + "[-/.](\\d{1,2})[-/.](\\d{1,2})(?!\\d)"),
                m -> date(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))));
        r.add(new Rule(p("\\b" + MON + " (\\d{1,2})(?:st|nd|rd|th)?,? " + YEAR + "\\b"),
                m -> date(Integer.parseInt(m.group(3)), month(m.group(1)), Integer.parseInt(m.group(2)))));
        r.add(new Rule(p("\\b(\\d{1,2})(?:st|nd|rd|th)? (?:of )?" + MON + ",? " + YEAR + "\\b"),
                m -> date(Integer.parseInt(m.group(3)), month(m.group(2)), Integer.parseInt(m.group(1)))));
        r.add(new Rule(p(YEAR + "\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]"),
                m -> date(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))));
        r.add(new Rule(p("(?<![\\d年])(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]"),
                m -> new Point(0, 0, Type.DATE, null, 0, 0, null, "md:" + m.group(1) + ":" + m.group(2), null, null)));

        // quarters
        r.add(new Rule(p("\\bq([1-4])\\s*(?:of |in |, ?)?" + FY + YEAR + "\\b"),
                m -> point(Type.QUARTER, Integer.parseInt(m.group(2)), 0, quarter(m.group(1)))));
        r.add(new Rule(p("\\bq([1-4])\\s*(?:fy\\s?|')(\\d{2})\\b"),
                m -> point(Type.QUARTER, 2000 + Integer.parseInt(m.group(2)), 0, quarter(m.group(1)))));
        r.add(new Rule(p("\\b" + FY + YEAR + "\\s*(?:年|财年|年度)?\\s*的?\\s*[-/ ]?\\s*q([1-4])\\b"),
                m -> point(Type.QUARTER, Integer.parseInt(m.group(1)), 0, quarter(m.group(2)))));
        r.add(new Rule(p("\\bfy\\s?(\\d{2})\\s*[-/ ]?\\s*q([1-4])\\b"),
                m -> point(Type.QUARTER, 2000 + Integer.parseInt(m.group(1)), 0, quarter(m.group(2)))));
        r.add(new Rule(p("\\b(first|second|third|fourth|1st|2nd|3rd|4th) (?:fiscal )?quarter (?:of |in )?" + FY + YEAR + "\\b"),
                m -> point(Type.QUARTER, Integer.parseInt(m.group(2)), 0, ordinal(m.group(1)))));
        r.add(new Rule(p("\\b(?:the )?(?:last|final) (?:fiscal )?quarter (?:of |in )" + FY + YEAR + "\\b"),
                m -> point(Type.QUARTER, Integer.parseInt(m.group(1)), 0, 4)));
        r.add(new Rule(p("\\bq([1-4]) (?:of )?(?:the )?(this|last|next) (?:fiscal )?year\\b"),
                m -> point(Type.QUARTER, null, offset(m.group(2)), quarter(m.group(1)))));
        r.add(new Rule(p("\\b(this|last|next) (?:fiscal )?year(?:'s|s)? q([1-4])\\b"),
                m -> point(Type.QUARTER, null, offset(m.group(1)), quarter(m.group(2)))));
        r.add(new Rule(p("\\b(first|second|third|fourth|1st|2nd|3rd|4th) (?:fiscal )?quarter\\b"),
                m -> point(Type.QUARTER, null, 0, ordinal(m.group(1)))));
        r.add(new Rule(p("\\bq([1-4])\\b"), m -> point(Type.QUARTER, null, 0, quarter(m.group(1)))));
        r.add(new Rule(p(YEAR + "\\s*(?:年|财年|年度|财政年度)?\\s*的?\\s*(?:第\\s*)?" + ZH_Q + "\\s*(?:季度|季)"),
                m -> point(Type.QUARTER, Integer.parseInt(m.group(1)), 0, quarter(m.group(2)))));
        r.add(new Rule(p("(今年|本年|去年|明年|前年|本财年|上财年|下财年)\\s*的?\\s*(?:第\\s*)?" + ZH_Q + "\\s*(?:季度|季)"),
                m -> point(Type.QUARTER, null, offset(m.group(1)), quarter(m.group(2)))));
        r.add(new Rule(p("(今年|本年|去年|明年|前年)\\s*的?\\s*q([1-4])\\b"),
                m -> point(Type.QUARTER, null, offset(m.group(1)), quarter(m.group(2)))));
        r.add(new Rule(p("第\\s*" + ZH_Q + "\\s*(?:季度|季)|(?<![\\d一二三四五六七八九十上下本这当])([一二三四])\\s*季度"),
                m -> point(Type.QUARTER, null, 0, quarter(m.group(1) != null ? m.group(1) : m.group(2)))));

        // halves
        r.add(new Rule(p("\\b(?:h([12])|(first|second|1st|2nd) half)(?: of)?(?: (?:the )?" + FY + YEAR + "| (?:the )?(this|last|next) (?:fiscal )?year)?\\b"),
                m -> point(Type.HALF, m.group(3) == null ? null : Integer.parseInt(m.group(3)),
                        m.group(4) == null ? 0 : offset(m.group(4)), m.group(1) != null ? Integer.parseInt(m.group(1)) : ordinal(m.group(2)))));
        r.add(new Rule(p("\\b" + FY + YEAR + " ?h([12])\\b"),
                m -> point(Type.HALF, Integer.parseInt(m.group(1)), 0, Integer.parseInt(m.group(2)))));
        r.add(new Rule(p("(?:" + YEAR + "\\s*(?:年|财年|年度)?|(今年|本年|去年|明年|本财年))?\\s*的?\\s*(上|下)半年"),
                m -> point(Type.HALF, m.group(1) == null ? null : Integer.parseInt(m.group(1)),
                        m.group(2) == null ? 0 : offset(m.group(2)), "上".equals(m.group(3)) ? 1 : 2)));

        // months
        r.add(new Rule(p("\\b" + MON + ",? (?:of )?" + FY + YEAR + "\\b"),
                m -> point(Type.MONTH, Integer.parseInt(m.group(2)), 0, month(m.group(1)))));
        r.add(new Rule(p("(?<![\\d.])" + YEAR + "[-/.](0?[1-9]|1[0-2])(?![\\d])(?![-/.]\\d)"),
                m -> point(Type.MONTH, Integer.parseInt(m.group(1)), 0, Integer.parseInt(m.group(2)))));
        r.add(new Rule(p("\\b" + MON + " (?:of )?(?:the )?(this|last|next) (?:fiscal )?year\\b"),
                m -> point(Type.MONTH, null, offset(m.group(2)), month(m.group(1)))));
        r.add(new Rule(p("\\b(this|last|next) (?:fiscal )?year(?:'s|s)? " + MON + "\\b"),
                m -> point(Type.MONTH, null, offset(m.group(1)), month(m.group(2)))));
        r.add(new Rule(p("\\b" + MON_FULL + "\\b|\\bmay\\b"), m -> point(Type.MONTH, null, 0, month(m.group(0)))));
        r.add(new Rule(p(YEAR + "\\s*年\\s*" + ZH_MON + "\\s*月份?"),
                m -> point(Type.MONTH, Integer.parseInt(m.group(1)), 0, month(m.group(2)))));
        r.add(new Rule(p("(今年|本年|去年|明年|前年)\\s*的?\\s*" + ZH_MON + "\\s*月份?"),
                m -> point(Type.MONTH, null, offset(m.group(1)), month(m.group(2)))));
        r.add(new Rule(p("(?<![\\d一二三四五六七八九十两个第])" + ZH_MON + "\\s*月份?"),
                m -> point(Type.MONTH, null, 0, month(m.group(1)))));

        // years
        r.add(new Rule(p("\\b(?:fy|fiscal year|fiscal)\\s?" + YEAR + "\\b"), m -> point(Type.YEAR, Integer.parseInt(m.group(1)), 0, 0)));
        r.add(new Rule(p("\\bfy\\s?(\\d{2})\\b"), m -> point(Type.YEAR, 2000 + Integer.parseInt(m.group(1)), 0, 0)));
        r.add(new Rule(p(YEAR + "\\s*(?:年度|财年|财政年度|年)"), m -> point(Type.YEAR, Integer.parseInt(m.group(1)), 0, 0)));
        r.add(new Rule(p("(?:财年|fy)\\s*" + YEAR), m -> point(Type.YEAR, Integer.parseInt(m.group(1)), 0, 0)));
        r.add(new Rule(p("(?<![\\d./:-])" + YEAR + "(?![\\d/:-]|\\.\\d)"), m -> point(Type.YEAR, Integer.parseInt(m.group(1)), 0, 0)));

        // all time, now
        r.add(new Rule(p("\\b(?:all[ -]time|ever|lifetime|since (?:the )?(?:beginning|start|inception)|to date)\\b|历史上|历史|有史以来|全部时间|所有时间|迄今为止|至今为止|累计"),
                m -> fixed("all_time")));
        r.add(new Rule(p("\\b(?:right now|now|currently|at the moment|at present|as of (?:today|now)|as it stands|as things stand|at this point)\\b"
                + "|\\bcurrent(?![a-z0-9])(?! (?:fiscal )?(?:week|month|quarter|year|fy)(?![a-z0-9]))"
                + "|现在|目前|当前|此刻|眼下|当下|如今|截至目前|截止目前|截至今天|截止今天|到目前为止|目前为止|实时|此时"), m -> now()));
        return List.copyOf(r);
    }


    private static Map<String, String> orderedZh() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("本周|这周|这个星期|本星期|这星期|这一周|本礼拜|这礼拜|这个礼拜", "this_week");
        m.put("上周|上个星期|上星期|上一周|上礼拜|上个礼拜|上一个星期", "last_week");
        m.put("下周|下个星期|下星期|下一周|下礼拜|下个礼拜", "next_week");
        m.put("本月|这个月|当月|这月|本月份|这一个月", "this_month");
        m.put("上个月|上月|上一个月|上一月|上月份", "last_month");
        m.put("下个月|下月|下一个月|下一月", "next_month");
        m.put("本季度|这个季度|本季|当季|这季度|当前季度|这一季度|这季|本财季|当季度", "this_quarter");
        m.put("上季度|上个季度|上季|上一季度|上一个季度|上一季|上财季", "last_quarter");
        m.put("下季度|下个季度|下季|下一季度|下一个季度|下一季|下财季", "next_quarter");
        m.put("今年|本年|本年度|今年度|这一年|本财年|本财政年度|这个财年|今年全年", "this_year");
        m.put("去年|上一年|上年|上年度|上一财年|上财年|去年全年", "last_year");
        m.put("明年|下一年|下年度|下一财年|下财年", "next_year");
        return java.util.Collections.unmodifiableMap(m);
    }
}
