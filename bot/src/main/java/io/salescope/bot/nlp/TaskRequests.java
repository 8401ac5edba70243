package io.salescope.bot.nlp;

import java.text.Normalizer;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the chat commands that are not metric questions, in English and Chinese:
 * <ul>
 *   <li>creating a task: "assign Bob: call ACME about the renewal, due Friday",
 *       "assign call ACME to Bob by Friday", "new task: send the offer tomorrow 3pm",
 *       "remind me to call ACME on Monday", "给王芳分配任务:周五前回访ACME",
 *       "分配给王芳：明天下午三点回访ACME", "新建任务：月底前发报价";</li>
 *   <li>listing tasks: "my tasks", "my overdue tasks", "overdue tasks for my team",
 *       "我的任务", "我的逾期任务", "团队的逾期任务";</li>
 *   <li>reports: "weekly report", "周报", "daily digest", "日报".</li>
 * </ul>
 * Counting questions ("how many overdue tasks...", "多少逾期任务") are left to the metric
 * parser. Only the shape is read here; names and dates are resolved by the caller
 * ({@link PeopleNames}, {@link DueDates}). Stateless and thread-safe.
 */
public final class TaskRequests {

    /** A recognised command. */
    public sealed interface Request permits Assign, ListTasks, Report {
        String language();
    }

    /**
     * Create a task for {@code assignee} (null: for the writer); {@code rest} holds what to do
     * and perhaps when.
     */
    public record Assign(String language, String assignee, String rest) implements Request {
    }

    /** List open tasks: the writer's, or their team's; all of them or only the overdue ones. */
    public record ListTasks(String language, boolean team, boolean overdueOnly) implements Request {
    }

    /** The daily digest or the weekly pipeline report, now. */
    public record Report(String language, boolean weekly) implements Request {
    }

    private static final Set<String> SELF = Set.of("me", "myself", "self", "我", "我自己", "自己");

    private static final Pattern COUNTING = Pattern.compile(
            "\\bhow\\s+many\\b|\\bnumber\\s+of\\b|\\bcount\\b|多少|几个|几项|几件|数量|总数", Pattern.CASE_INSENSITIVE);

    private static final int F = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final String END = "\\s*[.!?。！？]*\\s*$";
    private static final String SEP = "\\s*[:：,，;；]\\s*";

    private static final Pattern EN_ASSIGN_COLON = Pattern.compile(
            "^(?:please\\s+)?(?:assign|give)\\s+(?:a\\s+task\\s+)?(?:to\\s+)?(?<who>[^:：,，]{1,60}?)" + SEP + "(?<rest>.+)$", F);
    private static final Pattern EN_ASSIGN_TO = Pattern.compile(
            "^(?:please\\s+)?assign\\s+(?<rest>.+?)\\s+to\\s+(?<who>[\\p{L}][\\p{L}.' -]{0,40}?)(?<tail>(?:\\s*,|\\s+(?:due|by|before|on|until)\\b).*)?$", F);
    private static final Pattern EN_TASK_FOR = Pattern.compile(
            "^(?:please\\s+)?(?:create|add|make|new)\\s+(?:a\\s+)?(?:new\\s+)?(?:task|to-?do)\\s+for\\s+(?<who>[^:：,，]{1,60}?)"
                    + SEP + "(?<rest>.+)$", F);
    private static final Pattern EN_SELF = Pattern.compile(
            "^(?:please\\s+)?(?:(?:create|add|make)\\s+(?:a\\s+)?(?:new\\s+)?(?:task|to-?do)|new\\s+(?:task|to-?do)|task|to-?do)"
                    + SEP + "(?<rest>.+)$"
                    + "|^(?:please\\s+)?remind\\s+me\\s+to\\s+(?<rest2>.+)$", F);

    private static final Pattern ZH_ASSIGN = Pattern.compile(
            "^(?:请)?(?:给|帮|为)\\s*(?<who>[^:：,，]{1,30}?)\\s*(?:分配|安排|派|布置|建|创建|新建|加)(?:一个|一项|个|项)?(?:新)?任务" + "\\s*[:：,，]?\\s*(?<rest>.+)$");
    private static final Pattern ZH_ASSIGN_TO = Pattern.compile(
            "^(?:请)?(?:分配|指派|安排)给\\s*(?<who>[^:：,，]{1,30}?)\\s*" + "(?:一个|一项|个)?(?:任务)?\\s*[:：,，]\\s*(?<rest>.+)$");
    private static final Pattern ZH_ASSIGN_BA = Pattern.compile(
            "^(?:请)?(?:把|将)(?<rest>.+?)(?:分配|指派|交|安排)给(?<who>[^:：,，\\s]{1,20}?)(?<tail>[,，;；\\s].*)?$");
    private static final Pattern ZH_SELF = Pattern.compile(
            "^(?:请)?(?:(?:新建|创建|添加|新增|加|建)(?:一个|个|一项)?(?:新)?(?:任务|待办)|任务|待办)\\s*[:：,，]?\\s*(?<rest>.+)$"
                    + "|^(?:请)?提醒我(?<rest2>.+)$");

    private static final Pattern EN_LIST = Pattern.compile(
            "^(?:please\\s+)?(?:(?:show|list|give|get)\\s+(?:me\\s+)?|what\\s+are\\s+|what'?s\\s+|whats\\s+)?(?:all\\s+)?"
                    + "(?<whose>my|our)\\s+(?<team>team'?s?\\s+|teams'\\s+)?(?<kind>open\\s+|overdue\\s+|late\\s+|past[- ]due\\s+|outstanding\\s+|pending\\s+)?"
                    + "(?:tasks|to-?dos|task\\s+list)" + END
                    + "|^(?:please\\s+)?(?:(?:show|list|give|get)\\s+(?:me\\s+)?)?(?:the\\s+)?(?<kind2>open\\s+|overdue\\s+|late\\s+|past[- ]due\\s+|outstanding\\s+)?"
                    + "(?:tasks|to-?dos)\\s+(?:for|of|in|on)\\s+(?<whose2>my|our)\\s+(?<team2>team|group)" + END
                    + "|^(?:please\\s+)?(?:(?:show|list)\\s+(?:me\\s+)?)?(?<team3>team)\\s+(?<kind3>open\\s+|overdue\\s+)?tasks" + END, F);
    private static final Pattern ZH_LIST = Pattern.compile(
            "^(?:请)?(?:看看|查看|看一下|列出|显示|给我看)?\\s*(?<who>我|我们|我的|我们的|(?:我|我们)?(?:的)?(?:团队|组|部门|小组))的?"
                    + "(?<kind>逾期|过期|超期|未完成|待办|待完成)?(?:的)?(?:未完成的?)?(?:任务|待办)(?:列表|清单|有哪些|有什么|都有哪些)?"
                    + "[?？。！!]*$"
                    + "|^(?:请)?(?:看看|查看|列出|显示)?(?<kind2>逾期|过期|超期)(?:的)?任务(?:列表|清单)?[?？。！!]*$");

    private static final Pattern EN_REPORT = Pattern.compile(
            "^(?:please\\s+)?(?:(?:show|send|give|get)\\s+(?:me\\s+|us\\s+)?)?(?:the\\s+|a\\s+|my\\s+|our\\s+)?"
                    + "(?:(?<weekly>weekly(?:\\s+pipeline|\\s+sales)?\\s+report|pipeline\\s+report|week'?s\\s+report)"
                    + "|(?<daily>daily\\s+(?:digest|summary|report)|morning\\s+(?:digest|summary)|digest))" + END, F);
    private static final Pattern ZH_REPORT = Pattern.compile(
            "^(?:请)?(?:发|给我|看看|查看|生成)?(?:一下|一份|个)?(?:本周的?|这周的?)?"
                    + "(?:(?<weekly>周报|每周报告|每周销售报告|销售周报|管道周报|每周管道报告)|(?<daily>日报|每日摘要|今日摘要|每日简报|今日简报))"
                    + "[?？。！!]*$");

    private TaskRequests() {
    }

    /** The command in {@code text}, or empty when it is not one (a metric question, most likely). */
    public static Optional<Request> read(String text) {
        if (text == null || text.isBlank() || text.length() > 1000) {
            return Optional.empty();
        }
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ");
        boolean zh = NormalizedText.containsCjk(t);
        String lang = zh ? "zh" : "en";
        Matcher m;
        if ((m = (zh ? ZH_REPORT : EN_REPORT).matcher(t)).matches()) {
            return Optional.of(new Report(lang, m.group("weekly") != null));
        }
        Optional<Request> assign = zh ? zhAssign(t) : enAssign(t);
        if (assign.isPresent()) {
            return assign;
        }
        if (COUNTING.matcher(t).find()) {
            return Optional.empty();
        }
        if ((m = (zh ? ZH_LIST : EN_LIST).matcher(t)).matches()) {
            return Optional.of(zh ? zhList(m) : enList(m));
        }
        return Optional.empty();
    }

    private static Optional<Request> enAssign(String t) {
        Matcher m = EN_TASK_FOR.matcher(t);
        if (m.matches()) {
            return Optional.of(assign("en", m.group("who"), m.group("rest")));
        }
        m = EN_SELF.matcher(t);
        if (m.matches()) {
            return Optional.of(new Assign("en", null, m.group("rest") != null ? m.group("rest") : m.group("rest2")));
        }
        m = EN_ASSIGN_COLON.matcher(t);
        if (m.matches() && !m.group("who").matches("(?i).*\\sto\\s.*")) {
            return Optional.of(assign("en", m.group("who"), m.group("rest")));
        }
        m = EN_ASSIGN_TO.matcher(t);
        if (m.matches()) {
            String tail = m.group("tail") == null ? "" : m.group("tail");
            return Optional.of(assign("en", m.group("who"), m.group("rest") + tail));
        }
        return Optional.empty();
    }

    private static Optional<Request> zhAssign(String t) {
        Matcher m = ZH_SELF.matcher(t);
        if (m.matches()) {
            return Optional.of(new Assign("zh", null, m.group("rest") != null ? m.group("rest") : m.group("rest2")));
        }
        m = ZH_ASSIGN.matcher(t);
        if (m.matches()) {
            return Optional.of(assign("zh", m.group("who"), m.group("rest")));
        }
        m = ZH_ASSIGN_TO.matcher(t);
        if (m.matches()) {
            return Optional.of(assign("zh", m.group("who"), m.group("rest")));
        }
        m = ZH_ASSIGN_BA.matcher(t);
        if (m.matches()) {
            String tail = m.group("tail") == null ? "" : m.group("tail");
            return Optional.of(assign("zh", m.group("who"), m.group("rest") + tail));
        }
        return Optional.empty();
    }

    private static Assign assign(String lang, String who, String rest) {
        String w = who.strip();
        return new Assign(lang, SELF.contains(w.toLowerCase(java.util.Locale.ROOT)) ? null : w, rest.strip());
    }

    private static ListTasks enList(Matcher m) {
        boolean team = m.group("team") != null || m.group("team2") != null || m.group("team3") != null
                || "our".equalsIgnoreCase(m.group("whose"));
        String kind = m.group("kind") != null ? m.group("kind") : m.group("kind2") != null ? m.group("kind2")
                : m.group("kind3");
        boolean overdue = kind != null && !kind.strip().matches("(?i)open|outstanding|pending");
        return new ListTasks("en", team, overdue);
    }

    private static ListTasks zhList(Matcher m) {
        String who = m.group("who");
        boolean team = who != null && (who.contains("团队") || who.contains("组") || who.contains("部门") || who.startsWith("我们"));
        String kind = m.group("kind") != null ? m.group("kind") : m.group("kind2");
        boolean overdue = kind != null && (kind.equals("逾期") || kind.equals("过期") || kind.equals("超期"));
        return new ListTasks("zh", team, overdue);
    }

    /**
     * What is left of {@code rest} without the due phrase at {@code [start, end)}: the task's
     * subject, without the words that joined the two ("due", ", by", "前").
     */
    public static String subjectWithout(String rest, int start, int end) {
        String s = (rest.substring(0, start) + " " + rest.substring(end)).strip();
        s = s.replaceAll("(?i)[\\s,，;；]*(?:\\bdue|\\bby|\\bbefore|\\bon|\\buntil|\\bat)?[\\s,，;；:：]*$", "");
        s = s.replaceAll("^[\\s,，;；:：]+", "");
        return s.replaceAll("\\s{2,}", " ").strip();
    }
}
