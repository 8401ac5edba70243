package io.salescope.bot.nlp;

import io.salescope.warehouse.query.MetricQuery;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a question says about ranking: "top 3", "bottom 2 … worst first", "which 3 industries …
 * the most", "best rep", 前五, 排名前三, 最高的三个, 后三, 倒数两名, 最低的两个, 谁…最多, 排名.
 *
 * @param order DESC for top/most/highest, ASC for bottom/least/lowest; explicit order words
 *     ("worst first", 从低到高) win, then the last top/bottom-N phrase, then the first superlative
 * @param explicitN the N of the last phrase that gives one ("show the top 2" overrides "which")
 * @param position where the ranking words are, to find the dimension ranked (-1: none)
 * @param superlative most, highest, best, 最高, 最多...
 * @param rankWord rank, ranking, leaderboard, 排名, 排行
 * @param which "which" / 哪个 (a ranking question asks for one unless it names N)
 * @param whichPlural 哪些 (asks for several, no N)
 * @param who "who" / 谁 / 哪位 (ranks reps)
 */
record Ranking(MetricQuery.Order order, Integer explicitN, int position, boolean superlative, boolean rankWord,
               boolean which, boolean whichPlural, boolean who, boolean whoPlural) {

    private static final String EN_N = Numbers.EN;
    private static final String ZH_N = Numbers.ZH;

    /** Phrases with a number, and their direction (null: the number only). */
    private static final List<Phrase> WITH_N = List.of(
            new Phrase(Pattern.compile("(?<![a-z0-9])(?:top|best|highest|biggest|largest|leading|strongest|most)\\s+(" + EN_N + ")(?![a-z0-9])"),
                    MetricQuery.Order.DESC),
            new Phrase(Pattern.compile("(?<![a-z0-9])(?:bottom|worst|lowest|weakest|smallest|least|fewest)\\s+(" + EN_N + ")(?![a-z0-9])"),
                    MetricQuery.Order.ASC),
            new Phrase(Pattern.compile("(?<![a-z0-9])(" + EN_N + ")\\s+(?:biggest|largest|best|top|highest|leading|strongest|most)(?![a-z0-9])"),
                    MetricQuery.Order.DESC),
            new Phrase(Pattern.compile("(?<![a-z0-9])(" + EN_N + ")\\s+(?:worst|lowest|smallest|weakest|bottom|least|fewest)(?![a-z0-9])"),
                    MetricQuery.Order.ASC),
            new Phrase(Pattern.compile("(?:排名前|排行前|前|top\\s*)(" + ZH_N + ")\\s*(?:名|个|位|家|大|强|条|种)?"), MetricQuery.Order.DESC),
            new Phrase(Pattern.compile("(?:排名倒数|排名后|倒数第?|(?<![之以然最落背])后|末)(" + ZH_N + ")\\s*(?:名|个|位|家|条|种)?"),
                    MetricQuery.Order.ASC),
            new Phrase(Pattern.compile("最(?:高|多|好|大|强|快)的?\\s*(" + ZH_N + ")\\s*(?:个|位|名|家|条|种)"), MetricQuery.Order.DESC),
            new Phrase(Pattern.compile("最(?:低|少|差|小|弱|慢)的?\\s*(" + ZH_N + ")\\s*(?:个|位|名|家|条|种)"), MetricQuery.Order.ASC),
            new Phrase(Pattern.compile("(?<![a-z0-9])(?:which|what)\\s+(" + EN_N + ")(?![a-z0-9])"), null),
            new Phrase(Pattern.compile("哪(" + ZH_N + ")\\s*(?:个|位|家|些|种|条|类)"), null));

    private static final Pattern DESC = Pattern.compile(
            "(?<![a-z0-9])(?<!at )(?:most|highest|best|top|largest|biggest|greatest|leading|strongest|maximum|max)(?![a-z0-9])"
                    + "|最高|最多|最好|最大|最强|最快|第一名|冠军|最棒|最厉害|领先");
    private static final Pattern ASC = Pattern.compile(
            "(?<![a-z0-9])(?<!at )(?:least|lowest|worst|bottom|fewest|smallest|weakest|minimum|min)(?![a-z0-9])"
                    + "|最低|最少|最差|最小|最弱|最慢|垫底|倒数|最后一名");
    private static final Pattern ORDER_ASC = Pattern.compile(
            "(?<![a-z0-9])(?:(?:worst|lowest|smallest|least|fewest) first|ascending|from (?:the )?(?:lowest|worst|smallest) to)(?![a-z0-9])"
                    + "|从低到高|由低到高|升序|从少到多|由少到多");
    private static final Pattern ORDER_DESC = Pattern.compile(
            "(?<![a-z0-9])(?:(?:best|highest|largest|biggest|most) first|descending|from (?:the )?(?:highest|best|largest) to)(?![a-z0-9])"
                    + "|从高到低|由高到低|降序|从多到少|由多到少");
    private static final Pattern RANK = Pattern.compile(
            "(?<![a-z0-9])(?:rank|ranked|ranking|rankings|leaderboard|league table|sorted|sort)(?![a-z0-9])|排名|排行|排序|排一下|排个名|榜单");
    private static final Pattern WHO = Pattern.compile("(?<![a-z0-9])(?:who|whose|whom)(?![a-z0-9])|谁|哪位|哪个人");
    /** "Who are the top performers" asks for several, "who is the best" for one. */
    private static final Pattern WHO_PLURAL = Pattern.compile("(?<![a-z0-9])who\\s+(?:are|were)(?![a-z0-9])|哪些人");
    private static final Pattern WHICH = Pattern.compile("(?<![a-z0-9])which(?![a-z0-9])|哪个|哪些|哪家|哪一个|哪几个|哪类|哪种|哪一");

    private record Phrase(Pattern pattern, MetricQuery.Order order) {
    }

    /** Reads the normalised question (time phrases blanked, so "last 3 months" gives no N). */
    static Ranking read(String norm) {
        Integer n = null;
        int nAt = -1;
        int position = -1;
        MetricQuery.Order nOrder = null;
        for (Phrase phrase : WITH_N) {
            Matcher m = phrase.pattern().matcher(norm);
            while (m.find()) {
                Integer value = Numbers.parse(m.group(1));
                boolean later = m.start() > nAt || phrase.order() != null && m.start() == nAt;
                if (value != null && value > 0 && later) {
                    n = value;
                    nAt = m.start();
                    position = m.start();
                    if (phrase.order() != null) {
                        nOrder = phrase.order();
                    }
                }
            }
        }
        Matcher desc = DESC.matcher(norm);
        Matcher asc = ASC.matcher(norm);
        boolean hasDesc = desc.find();
        boolean hasAsc = asc.find();
        MetricQuery.Order superlativeOrder = !hasAsc ? MetricQuery.Order.DESC
                : !hasDesc ? MetricQuery.Order.ASC
                : asc.start() < desc.start() ? MetricQuery.Order.ASC : MetricQuery.Order.DESC;
        if (position < 0 && (hasDesc || hasAsc)) {
            position = hasDesc && (!hasAsc || desc.start() < asc.start()) ? desc.start() : asc.start();
        }
        Matcher rank = RANK.matcher(norm);
        boolean rankWord = rank.find();
        if (position < 0 && rankWord) {
            position = rank.start();
        }
        MetricQuery.Order order = ORDER_ASC.matcher(norm).find() ? MetricQuery.Order.ASC
                : ORDER_DESC.matcher(norm).find() ? MetricQuery.Order.DESC
                : nOrder != null ? nOrder
                : (hasDesc || hasAsc) ? superlativeOrder
                : MetricQuery.Order.DESC;
        return new Ranking(order, n, position, hasDesc || hasAsc, rankWord, WHICH.matcher(norm).find(),
                norm.contains("哪些"), WHO.matcher(norm).find(), WHO_PLURAL.matcher(norm).find());
    }

    boolean present() {
        return explicitN != null || superlative || rankWord;
    }

    /**
     * How many rows: the N asked for; else all of them for a ranking of several ("rank the
     * teams", 哪些, "top reps"); else one ("which team … the most", "best rep").
     */
    Integer limit(boolean pluralGroup) {
        if (explicitN != null) {
            return explicitN;
        }
        if (rankWord || whichPlural || whoPlural || (pluralGroup && !which && !who)) {
            return null;
        }
        return superlative ? 1 : null;
    }
}
