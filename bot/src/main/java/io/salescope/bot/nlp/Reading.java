package io.salescope.bot.nlp;

import io.salescope.core.time.Periods;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.UserInfo;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One question being read: time phrases, known phrases, then the metric, breakdown, ranking,
 * filters, "my" and the period, into a {@link MetricQuery}. Not shared between threads.
 */
final class Reading {

    private static final Set<String> QUALIFIER_METRICS = Set.of(
            "new_opportunities", "won_deals", "lost_deals", "leads", "open_opportunities", "open_tasks");
    /** Value dimensions that may collide without asking: they cover the same people or the same place. */
    private static final List<String> SOFT_ORDER = List.of("team", "region", "country", "account_region");

    private static final Pattern EN_TEAM_SELF = Pattern.compile(
            "(?<![a-z0-9])(?:my|our)\\s+(?:own\\s+)?(?:sales\\s+)?(team|teams|group|department|org|organization|organisation"
                    + "|reps|sales reps|people|sellers|salespeople|direct reports|reports|subordinates|team members|members"
                    + "|(?:top\\s+|best\\s+)?performers)(?![a-z0-9])");
    private static final Pattern ZH_TEAM_SELF = Pattern.compile(
            "(?:我的|我们的?|咱们的?|我|本)(团队|小组|部门|组|下属|手下|组员|团队成员|成员|销售团队|销售们)"
                    // a manager's own people even unsaid: "下属的赢单率", "团队成员本季度的排名"
                    + "|(?<![\\p{IsHan}])(下属|手下)|^\\s*(团队成员|组员)");
    private static final Pattern EN_SELF = Pattern.compile("(?<![a-z0-9])(i|me|my|mine|myself)(?![a-z0-9])");
    private static final Pattern EN_NOT_SELF = Pattern.compile(
            "(?:(?:show|tell|give|let|send|help|get|remind|list|find|bring)\\s+me(?![a-z0-9]))"
                    + "|(?:(?<![a-z0-9])i\\s+(?:see|get|know|ask|check|view|look|find|want|wonder|would like|d like|have a look)(?![a-z0-9]))");
    /** 我 as the subject of the figure, not of the asking ("我想看", "帮我查"). */
    private static final Pattern ZH_SELF = Pattern.compile(
            "(?<![给帮告诉让请替叫])我(?![们司方国行部]|想|要|需要|希望|看|查|问|知道|了解)|本人|我自己");

    private static final Pattern EN_GROUP_CUE = Pattern.compile(
            "(?<![a-z0-9])(?:by|per|each|every|across|split|broken down by|break down by|breakdown by|grouped by|group by|all|which|compare|comparing|between)"
                    + "\\s+(?:(?:the|our|my|all|each|every|different|individual|of|various)\\s+)*(?:" + Numbers.EN + "\\s+)?$");
    private static final Pattern EN_GROUP_AFTER = Pattern.compile("^\\s*(?:breakdown|split|level|wise|by\\s+\\w+\\s+breakdown)(?![a-z0-9])");
    private static final Pattern ZH_GROUP_CUE = Pattern.compile(
            "(?:按照?|根据|各个?|每一?个?|不同的?|所有的?|全部的?|哪个|哪些|哪家|哪一个|哪几个|哪" + Numbers.ZH + "个|以|分)\\s*$");
    private static final Pattern ZH_GROUP_AFTER = Pattern.compile("^\\s*(?:分别|维度|排名|排行|对比|之间|来看|分布|拆分|细分|明细|各自|各(?!类))");

    private static final Pattern PROPORTION = Pattern.compile(
            "(?<![a-z0-9])(?:share|percentage|percent|proportion|ratio|rate|fraction|conversion|converted|how many of)(?![a-z0-9])|%|比例|占比|百分比|比率|几成|转化|多大比");
    /** Dimensions whose values describe another dimension's entities: a product family's products, a segment's accounts. */
    private static final Map<String, Set<String>> ATTRIBUTE_OF = Map.of(
            "product_family", Set.of("product"),
            "segment", Set.of("account"),
            "industry", Set.of("account"));
    private static final Pattern LEAD_WORD = Pattern.compile("(?<![a-z0-9])leads?(?![a-z0-9])|线索");
    private static final Pattern DUE_WORDS = Pattern.compile("(?<![a-z0-9])(?:due|closing|close|expected|expire|expiring)(?![a-z0-9])|到期|截止|预计|关闭");

    private static final Set<String> WEAK_METRIC_PHRASES = Set.of("number", "numbers", "plan", "target", "targets", "gap", "goal", "goals");
    private static final Pattern LEAD_RATE = Pattern.compile(
            "(?<![a-z0-9])(?:share|percentage|percent|proportion|rate|ratio|fraction)(?![a-z0-9])|%|比例|占比|百分比|转化率|比率");
    private static final Pattern COMPARE_WORDS = Pattern.compile(
            "(?<![a-z0-9])(?:vs|versus|compare|compared|comparison|against)(?![a-z0-9])|对比|比较|相比|相较");
    private static final Pattern TREND = Pattern.compile(
            "(?<![a-z0-9])(?:trend|trends|trending|over time|month by month)(?![a-z0-9])|趋势|走势|变化情况");
    private static final List<Map.Entry<Pattern, String>> VERB_METRICS = List.of(
            Map.entry(Pattern.compile("(?<![a-z0-9])(?:deals?|opportunities|opps?)(?![a-z0-9]).{0,40}?(?<![a-z0-9])(?:win|won)(?![a-z0-9])"
                    + "|(?<![a-z0-9])(?:win|won|close|closed|sign|signed|land|landed)\\s+(?:\\w+\\s+){0,2}(?:deals?|opportunities|opps)(?![a-z0-9])"
                    + "|(?<![a-z0-9])(?:deals?|opportunities|opps?)\\s+(?:did|have|has|had)\\s+(?:\\w+\\s+){1,2}?(?:close|closed|sign|signed|land|landed)(?![a-z0-9])"),
                    "won_deals"),
            Map.entry(Pattern.compile("(?<![a-z0-9])(?:deals?|opportunities|opps?)(?![a-z0-9]).{0,40}?(?<![a-z0-9])(?:lose|lost)(?![a-z0-9])"
                    + "|(?<![a-z0-9])(?:lose|lost)\\s+(?:\\w+\\s+){0,2}(?:deals?|opportunities|opps)(?![a-z0-9])"), "lost_deals"),
            Map.entry(Pattern.compile("(?<![a-z0-9])(?:deals?|opportunities|opps?)(?![a-z0-9]).{0,40}?(?<![a-z0-9])(?:create|created|open|opened|generate|generated|add|added|log|logged|source|sourced)(?![a-z0-9])"),
                    "new_opportunities"),
            Map.entry(Pattern.compile("(?<![a-z0-9])how many(?![a-z0-9]).{0,40}?(?<![a-z0-9])(?:win|won|sign|signed|close|closed|land|landed)(?![a-z0-9])"),
                    "won_deals"),
            Map.entry(Pattern.compile("(?<![a-z0-9])(?:how much|what)(?![a-z0-9]).{0,40}?(?<![a-z0-9])(?:book|sell|close|bring in|brought in|closed|booked|sold)(?![a-z0-9])"),
                    "bookings"),
            Map.entry(Pattern.compile("(?<![a-z0-9])(?:selling|sells|sold|(?:top|best|biggest) sellers?|buy|bought|purchase|purchased|spend|spent)(?![a-z0-9])"), "bookings"),
            Map.entry(Pattern.compile("(?:赢|签|拿下|成交|签下)了?\\s*(?:多少|几)\\s*(?:个|笔|单)"), "won_deals"),
            Map.entry(Pattern.compile("(?:输|丢)了?\\s*(?:多少|几)\\s*(?:个|笔|单)"), "lost_deals"),
            Map.entry(Pattern.compile("(?:新建|新增|创建|新开|建)了?\\s*(?:多少|几)\\s*(?:个|笔)?\\s*(?:商机|机会)"), "new_opportunities"),
            Map.entry(Pattern.compile("(?:卖|签|成交)了?\\s*多少钱"), "bookings"),
            // "which sources convert best": leads converting, unless a stage is named (then the funnel's conversion)
            Map.entry(Pattern.compile("(?<![a-z0-9])(?:convert|converts|converted|converting)(?![a-z0-9])|转化|转换"), "lead_conversion_rate"));
    /** "How long does it take to close", "多久能成交": the sales cycle, whatever other metric words are around. */
    private static final Pattern SALES_CYCLE_QUESTION = Pattern.compile(
            "(?<![a-z0-9])how long(?![a-z0-9]).{0,40}?(?<![a-z0-9])(?:close|win|closing|winning)(?![a-z0-9])"
                    + "|(?<![a-z0-9])how many days(?![a-z0-9]).{0,40}?(?<![a-z0-9])(?:close|win)(?![a-z0-9])"
                    + "|(?:多长时间|多久|多少天|几天)\\s*(?:才能|能|可以)?\\s*(?:成交|赢单|签单|关单)|(?:成交|赢单|签单|关单)\\s*(?:要|需要|平均要|平均需要)?\\s*(?:多长时间|多久|多少天|几天)");
    /** A share of a total ("Europe's share of bookings", 占比): not a figure the catalog defines. */
    private static final Pattern SHARE_OF = Pattern.compile(
            "(?<![a-z0-9])(?:share|percentage|percent|proportion|fraction|portion)\\s+of\\s+(?:the\\s+|our\\s+)?(?:total|all|overall|company|whole)"
                    + "|(?<![a-z0-9])(?:share|percentage|proportion|fraction|%)\\s+of\\s+(?:\\w+\\s+){0,2}(?:bookings|revenue|pipeline|sales)(?![a-z0-9])"
                    + "|占比|所占比例|占.{0,8}的?比例|比重|份额");
    private static final Pattern CLOSED_STAGE = Pattern.compile("(?<![a-z])(?:won|lost|closed|close)(?![a-z])|赢|输|关闭|成交|丢单");
    /** "How far are we from quota", "how much more do we need to hit target", "离指标还差多少": the gap to quota. */
    private static final Pattern QUOTA_GAP_QUESTION = Pattern.compile(
            "(?<![a-z0-9])how far(?![a-z0-9]).{0,30}?(?<![a-z0-9])(?:from|off|away from|short of|behind)\\s+(?:\\w+\\s+){0,2}?(?:quota|quotas|target|targets|goal|goals|plan)(?![a-z0-9])"
                    + "|(?<![a-z0-9])how much (?:more|left|still|is left|remains)(?![a-z0-9]).{0,40}?(?<![a-z0-9])(?:quota|target|goal|plan)(?![a-z0-9])"
                    + "|(?:离|距离?)\\s*(?:\\S{0,6}?)(?:指标|目标|定额|配额)\\s*(?:还差|还有|差)");
    private static final Pattern COUNT_CUE = Pattern.compile(
            "(?<![a-z0-9])(?:how many|number of|count of|# of)(?![a-z0-9])|多少个|几个|多少单|几单|多少笔|几笔|数量|个数");
    private static final Map<String, String> COUNT_OF = Map.of(
            "open_pipeline", "open_opportunities", "weighted_pipeline", "open_opportunities",
            "new_pipeline", "new_opportunities", "bookings", "won_deals");

    final String question;
    final UserInfo asker;
    final Vocabulary v;
    final Periods periods;
    final MetricCatalog catalog;
    NormalizedText text;
    String norm;
    String language;
    /** Whether the question has English words outside the names it mentions (set with {@link #language}). */
    boolean latinOutsideNames;
    List<Lexicon.Match> mentions;
    TimeExpressions.Result time;
    BitSet wordBounds;

    Reading(String question, UserInfo asker, Vocabulary v, Periods periods) {
        this.question = question;
        this.asker = asker;
        this.v = v;
        this.periods = periods;
        this.catalog = v.catalog();
    }

    ParseOutcome run() {
        text = NormalizedText.of(question);
        time = new TimeExpressions(v::isNameWord).extract(text, periods);
        mentions = v.scan(text, time.spans());
        norm = text.normBlanked(time.spans());
        language = language();
        if (time.problem() != null) {
            return new ParseOutcome.NotUnderstood(language, Messages.badTime(language, time.problem()));
        }

        ParseOutcome cannot = Unanswerable.cannotExpress(this);
        if (cannot != null) {
            return cannot;
        }
        ParseOutcome unknown = Unanswerable.unknownName(this);
        if (unknown != null) {
            return unknown;
        }
        Lexicon.Match metricMention = chooseMetricMention();
        String metricName = metricMention == null ? null : firstMetric(metricMention);
        String cycle = SALES_CYCLE_QUESTION.matcher(norm).find() ? "sales_cycle" : null;
        if (cycle == null && QUOTA_GAP_QUESTION.matcher(norm).find()) {
            metricName = "quota_gap";
            metricMention = null;
        } else if (cycle != null) {
            metricName = cycle;
            metricMention = mentions.stream().filter(m -> "sales_cycle".equals(firstMetric(m))).findFirst().orElse(null);
        } else if (metricMention == null || isWeakMetric(metricMention)) {
            String verb = verbMetric();
            if (verb != null) {
                metricName = verb;
                metricMention = null;
            }
        }
        metricName = overrideMetric(metricName);
        if (metricName == null) {
            List<String> names = mentions.stream().filter(m -> hasKind(m, Sense.Kind.VALUE) && !hasKind(m, Sense.Kind.METRIC)
                            && !hasKind(m, Sense.Kind.DIMENSION) && m.senses().stream().anyMatch(x -> x.kind() == Sense.Kind.VALUE && !v.isWeak(x)))
                    .map(m -> m.senses().stream().filter(x -> x.kind() == Sense.Kind.VALUE).findFirst().orElseThrow().value())
                    .distinct().toList();
            if (!names.isEmpty()) {
                return Messages.whichMetric(language, names, catalog);
            }
            Self who = self();
            if (who != Self.NONE) {
                boolean zh = "zh".equals(language);
                String you = who == Self.ME ? (zh ? "您自己" : "you") : (zh ? "您的团队" : "your team");
                return Messages.whichMetric(language, List.of(you), catalog);
            }
            Ranking ranking = Ranking.read(norm);
            boolean breakdown = mentions.stream().anyMatch(m -> hasKind(m, Sense.Kind.DIMENSION) && hasGroupCue(m));
            if (ranking.present() || breakdown) {
                return Messages.byWhichMetric(language, catalog);
            }
            return new ParseOutcome.NotUnderstood(language, Messages.notUnderstood(language, question, v));
        }
        MetricCatalog.Metric metric = catalog.metric(metricName).orElseThrow();
        if (SHARE_OF.matcher(norm).find() && !"ratio".equals(metric.unit())) {
            // "Europe's share of bookings": answering Europe's bookings would look like an answer
            return new ParseOutcome.NotUnderstood(language, Messages.cannotShare(language));
        }
        final String chosen = metricName;
        Lexicon.Match consumed = metricMention != null && metricMention.senses().stream()
                .anyMatch(s -> s.kind() == Sense.Kind.METRIC && s.key().equals(chosen)) ? metricMention : null;

        Self self = self();
        MetricQuery.Builder query = MetricQuery.builder(metricName, askerId());

        // breakdown and ranking
        Ranking ranking = Ranking.read(norm);
        Grouping grouping = grouping(metric, consumed, ranking, self);
        if (grouping.problem != null) {
            return grouping.problem;
        }
        if (grouping.dimension != null) {
            query.groupBy(grouping.dimension);
            if (ranking.present()) {
                query.order(ranking.order());
                Integer limit = ranking.limit(grouping.plural);
                if (limit != null) {
                    query.order(ranking.order());
                    if (ranking.order() == MetricQuery.Order.ASC) {
                        query.bottom(limit);
                    } else {
                        query.top(limit);
                    }
                }
            }
        }

        // names → filters and options
        Filters filters = filters(metric, consumed, grouping);
        if (filters.outcome != null) {
            return filters.outcome;
        }
        unifyTeamAndRegion(filters.values);
        if (grouping.dimension == null) {
            String split = null;
            if (COMPARE_WORDS.matcher(norm).find()) {
                split = filters.values.entrySet().stream().filter(e -> e.getValue().size() > 1)
                        .map(Map.Entry::getKey).filter(d -> metric.dimensions().contains(d)).findFirst().orElse(null);
            }
            if (split == null && TREND.matcher(norm).find() && time.comparison() == MetricQuery.Comparison.NONE
                    && metric.dimensions().contains("month")) {
                split = "month";
            }
            if (split != null) {
                query.groupBy(split);
            }
        }
        boolean namedRep = filters.values.containsKey("rep");
        boolean namedTeam = filters.values.containsKey("team");
        if ((self == Self.MY_TEAM || self == Self.MY_REPS) && !namedTeam && asker.teamName() != null) {
            filters.values.computeIfAbsent("team", k -> new ArrayList<>()).add(0, asker.teamName());
        } else if (self == Self.ME && !namedRep) {
            filters.values.computeIfAbsent("rep", k -> new ArrayList<>()).add(0, askerId());
        }
        filters.values.forEach((d, vals) -> query.filter(d, vals.toArray(String[]::new)));
        filters.options.forEach(query::option);

        // period
        String period = time.period();
        if (!metric.takesPeriod()) {
            period = null;
        } else if (time.now() && period != null && "required".equals(metric.period()) && period.startsWith("this_")
                && "simple".equals(metric.kind())) {
            // "截至目前今年的成交额": this year so far (not for quotas: a year-to-date quota holds only the rows inside it)
            period = switch (period) {
                case "this_year" -> "ytd";
                case "this_quarter" -> "qtd";
                case "this_month" -> "mtd";
                case "this_week" -> "wtd";
                default -> period;
            };
        } else if ("optional".equals(metric.period()) && (time.now() && period == null
                || "today".equals(period) && !DUE_WORDS.matcher(norm).find())) {
            period = null;
        }
        if (period != null) {
            try {
                periods.parse(period);
            } catch (RuntimeException e) {
                return new ParseOutcome.NotUnderstood(language, Messages.badTime(language, e.getMessage()));
            }
        }
        query.period(period);
        if (time.comparison() != MetricQuery.Comparison.NONE && metric.takesPeriod()) {
            query.compareTo(time.comparison());
        }
        MetricQuery built = query.build();
        return new ParseOutcome.Understood(built, language,
                Restatement.of(built, language, v, periods, asker));
    }

    boolean isWeakMetric(Lexicon.Match m) {
        return WEAK_METRIC_PHRASES.contains(norm.substring(m.start(), m.end()).strip());
    }

    /** "How many deals did Megan win?", "新建了几个商机": the metric said with a verb. */
    String verbMetric() {
        for (Map.Entry<Pattern, String> e : VERB_METRICS) {
            if (e.getKey().matcher(norm).find()) {
                return e.getValue();
            }
        }
        return null;
    }

    String askerId() {
        return asker.email() != null && !asker.email().isBlank() ? asker.email() : asker.userId();
    }

    /** Chinese when Chinese words are used outside names; a name alone does not make it Chinese. */
    String language() {
        BitSet names = new BitSet();
        for (Lexicon.Match m : mentions) {
            if (m.senses().stream().allMatch(s -> s.kind() == Sense.Kind.VALUE)) {
                names.set(m.start(), m.end());
            }
        }
        boolean cjkOutside = false;
        boolean latinOutside = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.lower.charAt(i);
            if (names.get(i)) {
                continue;
            }
            if (NormalizedText.isCjk(c)) {
                cjkOutside = true;
            } else if (c >= 'a' && c <= 'z') {
                latinOutside = true;
            }
        }
        latinOutsideNames = latinOutside;
        if (cjkOutside) {
            return "zh";
        }
        if (latinOutside) {
            return "en";
        }
        return NormalizedText.containsCjk(text.source) ? "zh" : "en";
    }

    static boolean hasKind(Lexicon.Match m, Sense.Kind kind) {
        return m.senses().stream().anyMatch(s -> s.kind() == kind);
    }

    static String firstMetric(Lexicon.Match m) {
        return m.senses().stream().filter(s -> s.kind() == Sense.Kind.METRIC).map(Sense::key).findFirst().orElse(null);
    }

    /**
     * The phrase naming the metric: a specific metric beats one that usually qualifies
     * another ("won deals" in "sales cycle of won deals"), then the longest, then the first
     * in English and the last in Chinese (where the head noun comes last).
     */
    Lexicon.Match chooseMetricMention() {
        List<Lexicon.Match> all = mentions.stream().filter(m -> hasKind(m, Sense.Kind.METRIC)).toList();
        if (all.isEmpty()) {
            return null;
        }
        List<Lexicon.Match> strong = all.stream()
                .filter(m -> !QUALIFIER_METRICS.contains(firstMetric(m)) && !isWeakMetric(m)).toList();
        List<Lexicon.Match> qualifiers = all.stream().filter(m -> !isWeakMetric(m)).toList();
        List<Lexicon.Match> pool = !strong.isEmpty() ? strong : !qualifiers.isEmpty() ? qualifiers : all;
        Lexicon.Match best = null;
        for (Lexicon.Match m : pool) {
            if (best == null || m.length() > best.length()
                    || (m.length() == best.length() && "zh".equals(language))) {
                best = m;
            }
        }
        return best;
    }

    boolean mentionsDimensionValue(String dimension, boolean allowPartial) {
        for (Lexicon.Match m : mentions) {
            for (Sense s : m.senses()) {
                if (s.kind() == Sense.Kind.VALUE && s.key().equals(dimension)
                        && (allowPartial || s.quality() != Sense.Quality.PARTIAL) && !hasKind(m, Sense.Kind.METRIC)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Funnel and activity questions named by their stage or activity words rather than a metric term. */
    String overrideMetric(String chosen) {
        boolean stage = mentionsDimensionValue("stage", true)
                || "stage_conversion".equals(chosen) && mentions.stream().anyMatch(m -> m.senses().stream()
                .anyMatch(x -> x.kind() == Sense.Kind.VALUE && "stage".equals(x.key())) && firstMetric(m) != null
                && !"stage_conversion".equals(firstMetric(m)));
        boolean proportion = PROPORTION.matcher(norm).find();
        if (stage && (chosen == null || QUALIFIER_METRICS.contains(chosen) || "stage_conversion".equals(chosen)
                || "lead_conversion_rate".equals(chosen) && !LEAD_WORD.matcher(norm).find())
                && (proportion || "stage_conversion".equals(chosen))) {
            return "stage_conversion";
        }
        if ("stage_conversion".equals(chosen) && !stage) {
            return "lead_conversion_rate";
        }
        if ("leads".equals(chosen) && LEAD_RATE.matcher(norm).find()) {
            return "lead_conversion_rate";
        }
        if (chosen == null && mentionsDimension("lost_reason")) {
            // "输单原因分布", "why did we lose deals": loss reasons count lost deals
            return "lost_deals";
        }
        if ("won_deals".equals(chosen) && proportion && !stage) {
            // "what percentage of deals did we win": the share won, by count
            return "win_rate";
        }
        if (chosen == null && stage && !proportion && COUNT_CUE.matcher(norm).find() && !mentionsClosedStage()) {
            // "how many deals are in Trial": deals standing in a stage now
            return "open_opportunities";
        }
        if (chosen != null && COUNT_OF.containsKey(chosen) && COUNT_CUE.matcher(norm).find()) {
            // "how many deals are in the pipeline" counts deals, it does not add up their value
            return COUNT_OF.get(chosen);
        }
        boolean activity = mentionsDimensionValue("activity_type", false);
        if (activity && (chosen == null || !supports(chosen, "activity_type"))
                && !"stage_conversion".equals(chosen) && !"lead_conversion_rate".equals(chosen)) {
            return "activities";
        }
        return chosen;
    }

    /** Whether the question names the dimension or one of its values. */
    private boolean mentionsDimension(String dimension) {
        return mentions.stream().anyMatch(m -> m.senses().stream().anyMatch(x -> dimension.equals(x.key())
                && (x.kind() == Sense.Kind.DIMENSION || x.kind() == Sense.Kind.VALUE)));
    }

    /** Whether a stage the question names is a closing one ("Closed Won"): no deal stands in it. */
    private boolean mentionsClosedStage() {
        for (Lexicon.Match m : mentions) {
            for (Sense s : m.senses()) {
                if (s.kind() == Sense.Kind.VALUE && "stage".equals(s.key()) && CLOSED_STAGE.matcher(s.value().toLowerCase(java.util.Locale.ROOT)).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean supports(String metric, String dimension) {
        return catalog.metric(metric).map(m -> m.dimensions().contains(dimension)
                || "stage_conversion".equals(metric) && "stage".equals(dimension)).orElse(false);
    }

    enum Self { NONE, ME, MY_TEAM, MY_REPS }

    Self self() {
        Matcher team = EN_TEAM_SELF.matcher(norm);
        if (team.find()) {
            String what = team.group(1);
            return what.startsWith("team") || what.equals("group") || what.equals("department") || what.startsWith("org")
                    ? Self.MY_TEAM : Self.MY_REPS;
        }
        Matcher zhTeam = ZH_TEAM_SELF.matcher(norm);
        if (zhTeam.find()) {
            String what = zhTeam.group(1) != null ? zhTeam.group(1) : zhTeam.group(2) != null ? zhTeam.group(2) : zhTeam.group(3);
            return Set.of("下属", "手下", "组员", "团队成员", "成员", "销售们").contains(what) ? Self.MY_REPS : Self.MY_TEAM;
        }
        String withoutNotSelf = EN_NOT_SELF.matcher(norm).replaceAll(" ");
        if (EN_SELF.matcher(withoutNotSelf).find() || ZH_SELF.matcher(norm).find()) {
            return Self.ME;
        }
        return Self.NONE;
    }

    // ------------------------------------------------------------ ranking

    // ------------------------------------------------------------ grouping

    static final class Grouping {
        String dimension;
        boolean plural;
        Lexicon.Match mention;
        ParseOutcome problem;
    }

    Grouping grouping(MetricCatalog.Metric metric, Lexicon.Match consumed, Ranking ranking, Self self) {
        Grouping g = new Grouping();
        List<Lexicon.Match> dims = new ArrayList<>();
        for (Lexicon.Match m : mentions) {
            if (m != consumed && hasKind(m, Sense.Kind.DIMENSION) && !isSelfTeamWord(m)) {
                dims.add(m);
            }
        }
        Lexicon.Match pick = null;
        for (Lexicon.Match m : dims) {
            if (hasGroupCue(m)) {
                pick = m;
                break;
            }
        }
        if (pick == null && (ranking.present() || ranking.which())) {
            pick = nearest(dims, ranking.position() < 0 ? 0 : ranking.position(), ranking);
        }
        if (pick == null) {
            for (Lexicon.Match m : dims) {
                if (isPlural(m) && !isHint(m) && !isAttributeHint(m)) {
                    pick = m;
                    break;
                }
            }
        }
        String dimension = null;
        if (pick != null) {
            List<String> options = new ArrayList<>();
            for (Sense s : pick.senses()) {
                if (s.kind() == Sense.Kind.DIMENSION) {
                    options.add(s.key());
                }
            }
            dimension = options.stream().filter(d -> metric.dimensions().contains(d)).findFirst().orElse(null);
            if (dimension == null) {
                g.problem = Messages.cannotBreakDown(language, metric, options.get(0), v);
                return g;
            }
            g.mention = pick;
            g.plural = isPlural(pick);
        } else if (self == Self.MY_REPS) {
            dimension = "rep";
            g.plural = true;
        } else if (ranking.who() || ranking.rankWord()) {
            dimension = "rep";
            g.plural = ranking.rankWord() || ranking.whoPlural();
        } else if (ranking.explicitN() != null) {
            dimension = "rep";
            g.plural = true;
        }
        if (dimension != null && !metric.dimensions().contains(dimension)) {
            g.problem = Messages.cannotBreakDown(language, metric, dimension, v);
            return g;
        }
        g.dimension = dimension;
        return g;
    }

    /** "team" in "my team" is who, not a breakdown. */
    boolean isSelfTeamWord(Lexicon.Match m) {
        String before = norm.substring(Math.max(0, m.start() - 12), m.start());
        return before.matches("(?s).*(?:(?<![a-z0-9])(?:my|our)(?: own)?(?: sales)?\\s+|我的|我们的?|咱们的?|本)$");
    }

    /** A dimension word right next to a value of the same dimension ("China region", "Trial stage") names, not groups. */
    boolean isHint(Lexicon.Match dim) {
        for (Lexicon.Match m : mentions) {
            if (m == dim || !hasKind(m, Sense.Kind.VALUE)) {
                continue;
            }
            boolean adjacent = gapIsFiller(m.end(), dim.start()) || gapIsFiller(dim.end(), m.start());
            if (adjacent && m.senses().stream().anyMatch(s -> s.kind() == Sense.Kind.VALUE
                    && dim.senses().stream().anyMatch(d -> d.kind() == Sense.Kind.DIMENSION && d.key().equals(s.key())))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A plural dimension word right after a value of an attribute of its entity ("Platform products", "Enterprise
     * accounts") narrows the question to them; only a ranking or a "by" makes it a breakdown.
     */
    boolean isAttributeHint(Lexicon.Match dim) {
        for (Lexicon.Match m : mentions) {
            if (m != dim && hasKind(m, Sense.Kind.VALUE) && gapIsFiller(m.end(), dim.start())
                    && m.senses().stream().anyMatch(s -> s.kind() == Sense.Kind.VALUE
                    && dim.senses().stream().anyMatch(d -> d.kind() == Sense.Kind.DIMENSION
                    && ATTRIBUTE_OF.getOrDefault(s.key(), Set.of()).contains(d.key())))) {
                return true;
            }
        }
        return false;
    }

    boolean gapIsFiller(int from, int to) {
        if (from > to) {
            return false;
        }
        String gap = norm.substring(from, to).strip();
        return gap.isEmpty() || gap.equals("the") || gap.equals("的") || gap.equals("of") || gap.equals("of the");
    }

    boolean hasGroupCue(Lexicon.Match m) {
        String surface = norm.substring(m.start(), m.end());
        if (surface.startsWith("各") || surface.startsWith("每") || surface.startsWith("按") || surface.startsWith("分")
                || surface.startsWith("per ") || surface.startsWith("each ") || surface.startsWith("by ")
                || Set.of("monthly", "quarterly", "weekly").contains(surface)) {
            return true;
        }
        String before = withoutValues().substring(Math.max(0, m.start() - 60), m.start());
        String after = norm.substring(m.end());
        if (EN_GROUP_CUE.matcher(before).find() || EN_GROUP_AFTER.matcher(after).find()) {
            return !isHint(m) || before.matches("(?s).*(?<![a-z0-9])(?:by|per|each|every|across)\\s+$");
        }
        Matcher zh = ZH_GROUP_CUE.matcher(before);
        if (zh.find()) {
            String cue = zh.group().strip();
            if (cue.equals("分") || cue.equals("以")) {
                if (wordBounds == null) {
                    wordBounds = v.wordBoundaries(text.lower);
                }
                int cueStart = m.start() - (before.length() - zh.start()) + (zh.group().length() - zh.group().stripLeading().length());
                return wordBounds.get(cueStart) && wordBounds.get(cueStart + 1);
            }
            return true;
        }
        return ZH_GROUP_AFTER.matcher(after).find();
    }

    String withoutValuesCache;

    /** The question with names blanked: "for each European rep" reads as "for each rep". */
    String withoutValues() {
        if (withoutValuesCache == null) {
            char[] c = norm.toCharArray();
            for (Lexicon.Match m : mentions) {
                if (m.senses().stream().allMatch(x -> x.kind() == Sense.Kind.VALUE)) {
                    for (int i = m.start(); i < m.end(); i++) {
                        c[i] = ' ';
                    }
                }
            }
            withoutValuesCache = new String(c);
        }
        return withoutValuesCache;
    }

    boolean isPlural(Lexicon.Match m) {
        String surface = norm.substring(m.start(), m.end()).strip();
        if (NormalizedText.containsCjk(surface)) {
            return false;
        }
        for (Sense s : m.senses()) {
            if (s.kind() != Sense.Kind.DIMENSION || "account".equals(s.key()) || MetricCatalog.TIME_DIMENSIONS.contains(s.key())) {
                continue;
            }
            String singular = surface.endsWith("ies") ? surface.substring(0, surface.length() - 3) + "y"
                    : surface.endsWith("people") ? surface.substring(0, surface.length() - 6) + "person"
                    : surface.endsWith("s") ? surface.substring(0, surface.length() - 1) : null;
            if (singular != null && !singular.equals(surface) && v.isDimensionPhrase(s.key(), singular)) {
                return true;
            }
            if (surface.equals("salespeople") || surface.equals("people")) {
                return true;
            }
        }
        return false;
    }

    Lexicon.Match nearest(List<Lexicon.Match> dims, int position, Ranking ranking) {
        Lexicon.Match after = null;
        Lexicon.Match before = null;
        for (Lexicon.Match m : dims) {
            if (isHint(m)) {
                continue;
            }
            if (m.start() >= position && (after == null || m.start() < after.start())) {
                after = m;
            }
            if (m.end() <= position && (before == null || m.end() > before.end())) {
                before = m;
            }
        }
        if (after != null && after.start() - position <= 60) {
            return after;
        }
        if (before != null && position - before.end() <= 60) {
            return before;
        }
        return after != null ? after : before;
    }

    // ------------------------------------------------------------ filters

    static final class Filters {
        final Map<String, List<String>> values = new LinkedHashMap<>();
        final Map<String, String> options = new LinkedHashMap<>();
        ParseOutcome outcome;
    }

    Filters filters(MetricCatalog.Metric metric, Lexicon.Match consumed, Grouping grouping) {
        Filters f = new Filters();
        List<String> stages = new ArrayList<>();
        for (int i = 0; i < mentions.size(); i++) {
            Lexicon.Match m = mentions.get(i);
            if (m == consumed || m == grouping.mention) {
                continue;
            }
            List<Sense> senses = new ArrayList<>(m.senses().stream().filter(s -> s.kind() == Sense.Kind.VALUE).toList());
            if (senses.isEmpty()) {
                continue;
            }
            boolean wordLike = hasKind(m, Sense.Kind.METRIC) || hasKind(m, Sense.Kind.DIMENSION);
            List<Sense> allowed = new ArrayList<>(senses.stream().filter(s -> supports(metric.name(), s.key())).toList());
            if ("stage_conversion".equals(metric.name()) && allowed.stream().anyMatch(s -> "stage".equals(s.key()))) {
                allowed.removeIf(s -> !"stage".equals(s.key()));
                wordLike = false;
            }
            if (allowed.isEmpty()) {
                if (wordLike || senses.stream().allMatch(v::isWeak)) {
                    continue;
                }
                f.outcome = Messages.cannotFilter(language, metric, senses.get(0), v);
                return f;
            }
            if (wordLike && allowed.stream().allMatch(v::isWeak)) {
                continue;
            }
            if (allowed.stream().anyMatch(x -> x.quality() != Sense.Quality.PARTIAL)) {
                Lexicon.Match hinted = adjacentDimension(m);
                boolean rescue = hinted != null && allowed.stream().anyMatch(x -> x.quality() == Sense.Quality.PARTIAL
                        && hinted.senses().stream().anyMatch(d -> d.kind() == Sense.Kind.DIMENSION && d.key().equals(x.key())));
                if (!rescue) {
                    allowed.removeIf(x -> x.quality() == Sense.Quality.PARTIAL);
                }
            }
            senses = allowed;
            Lexicon.Match hint = adjacentDimension(m);
            if (hint != null) {
                List<Sense> hinted = senses.stream().filter(s -> hint.senses().stream()
                        .anyMatch(d -> d.kind() == Sense.Kind.DIMENSION && d.key().equals(s.key()))).toList();
                if (!hinted.isEmpty()) {
                    senses = new ArrayList<>(hinted);
                }
            }
            Sense.Quality best = senses.stream().map(Sense::quality).min(java.util.Comparator.naturalOrder()).orElseThrow();
            senses.removeIf(s -> s.quality() != best);
            Set<String> keys = new LinkedHashSet<>();
            senses.forEach(s -> keys.add(s.key()));
            if (keys.size() > 1 && SOFT_ORDER.containsAll(keys)) {
                String keep = SOFT_ORDER.stream().filter(keys::contains).findFirst().orElseThrow();
                senses.removeIf(s -> !s.key().equals(keep));
            }
            Map<String, Sense> distinct = new LinkedHashMap<>();
            senses.forEach(s -> distinct.putIfAbsent(s.identity(), s));
            if (distinct.size() > 1) {
                String said = text.source.substring(m.start(), m.end()).strip();
                f.outcome = Messages.whichOne(language, said, new ArrayList<>(distinct.values()), v);
                return f;
            }
            Sense s = distinct.values().iterator().next();
            if ("rep".equals(s.key())) {
                Lexicon.Match next = i + 1 < mentions.size() ? mentions.get(i + 1) : null;
                boolean teamOf = next != null && gapIsFiller(m.end(), next.start())
                        && next.senses().stream().anyMatch(d -> d.kind() == Sense.Kind.DIMENSION && d.key().equals("team"));
                if (teamOf) {
                    var user = v.user(s.value());
                    if (user.isPresent() && user.get().teamName() != null) {
                        add(f.values, "team", user.get().teamName());
                        if (grouping.mention == next) {
                            grouping.mention = null;
                        }
                        continue;
                    }
                }
            }
            if ("stage_conversion".equals(metric.name()) && "stage".equals(s.key())) {
                if (!stages.contains(s.value())) {
                    stages.add(s.value());
                }
                continue;
            }
            add(f.values, s.key(), s.value());
        }
        if (!stages.isEmpty()) {
            List<String> order = v.stages();
            stages.sort(java.util.Comparator.comparingInt(st -> order.indexOf(st) < 0 ? Integer.MAX_VALUE : order.indexOf(st)));
            if (stages.size() >= 2) {
                f.options.put("from_stage", stages.get(0));
                f.options.put("stage", stages.get(stages.size() - 1));
            } else {
                f.options.put("stage", stages.get(0));
            }
        }
        return f;
    }

    /**
     * "Greater China vs EMEA": a team and a region together would be an empty intersection;
     * when one side's names also exist on the other side, put them all on one side.
     */
    void unifyTeamAndRegion(Map<String, List<String>> values) {
        List<String> teams = values.get("team");
        List<String> regions = values.get("region");
        if (teams == null || regions == null) {
            return;
        }
        if (teams.stream().allMatch(t -> containsIgnoreCase(v.values("region"), t))) {
            teams.forEach(t -> add(values, "region", t));
            values.remove("team");
        } else if (regions.stream().allMatch(r -> containsIgnoreCase(v.values("team"), r))) {
            regions.forEach(r -> add(values, "team", r));
            values.remove("region");
        }
    }

    static boolean containsIgnoreCase(List<String> list, String value) {
        return list.stream().anyMatch(x -> x.equalsIgnoreCase(value));
    }

    static void add(Map<String, List<String>> values, String dimension, String value) {
        List<String> list = values.computeIfAbsent(dimension, k -> new ArrayList<>());
        if (list.stream().noneMatch(x -> x.equalsIgnoreCase(value))) {
            list.add(value);
        }
    }

    Lexicon.Match adjacentDimension(Lexicon.Match value) {
        for (Lexicon.Match m : mentions) {
            if (m == value || !hasKind(m, Sense.Kind.DIMENSION)) {
                continue;
            }
            if (gapIsFiller(value.end(), m.start()) || gapIsFiller(m.end(), value.start())) {
                return m;
            }
        }
        return null;
    }
}
