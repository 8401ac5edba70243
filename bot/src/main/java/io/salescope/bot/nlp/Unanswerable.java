package io.salescope.bot.nlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Questions a metric query cannot answer as asked: exclusions ("excluding renewals"),
 * thresholds ("deals over $50k"), single-deal rankings ("top 5 deals"), and names the warehouse
 * does not have ("Zorro's bookings", "王五的成交额", "美洲区"). Answering them without the
 * part that cannot be expressed would give a plausible wrong figure, so the parser says so or
 * asks instead.
 */
final class Unanswerable {

    private static final Pattern EN_NEGATION = Pattern.compile(
            "(?<![a-z0-9])(?:excluding|exclude|except(?: for)?|without|not|other than|apart from|besides|minus|ignoring|non|but not)\\s+(?:the\\s+|any\\s+)?$");
    private static final Pattern ZH_NEGATION = Pattern.compile("(?:除了|除去|不含|不包括|不包含|不算|排除|剔除|去掉|去除|非)\\s*$");
    private static final Pattern ZH_NEGATION_AFTER = Pattern.compile("^\\s*(?:以外|之外|除外)");
    private static final Pattern EN_THRESHOLD = Pattern.compile(
            "(?<![a-z0-9])(?:over|above|more than|greater than|bigger than|larger than|at least|less than|under|below|smaller than|at most|exceeding|higher than|lower than)"
                    + "\\s+(?:\\$|usd\\s*|eur\\s*|€|¥|rmb\\s*|cny\\s*)?\\d[\\d,.]*\\s*(?:k|m|mn|million|thousand|%|percent|usd|dollars)?(?![a-z0-9])"
                    + "|[<>]=?\\s*\\$?\\d");
    private static final Pattern ZH_THRESHOLD = Pattern.compile(
            "(?:大于|超过|高于|多于|不少于|不低于|小于|低于|少于|不到|不足|不超过|至少)\\s*\\$?\\d[\\d,.]*\\s*(?:万|千|百万|亿|k|%|美元|元|块)?"
                    + "|\\d[\\d,.]*\\s*(?:万|千|k|%|美元|元)\\s*(?:以上|以下|以内)");
    private static final Pattern EN_DEAL_RANK = Pattern.compile(
            "(?<![a-z0-9])(?:top|biggest|largest|bottom|smallest|highest|lowest|most valuable)\\s+(?:" + Numbers.EN
                    + "\\s+)?(?:open\\s+|won\\s+|lost\\s+|closed\\s+)?(?:deals?|opportunities|opportunity|opps?)(?![a-z0-9])");
    private static final Pattern ZH_DEAL_RANK = Pattern.compile(
            "(?:最大的?|前" + Numbers.ZH + "[个笔名]?的?|金额最高的" + Numbers.ZH + "?[个笔]?)\\s*(?:单子|订单|商机|交易|大单)");
    private static final Pattern POSSESSIVE_NAME = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(\\p{Lu}[\\p{L}'’-]*(?:\\s+\\p{Lu}[\\p{L}'’-]*){0,2})['’]s(?![\\p{L}\\p{N}])");
    /** A capitalised word inside a sentence (not after . ? ! or at the start): usually a name. */
    private static final Pattern CAPITALISED_INSIDE = Pattern.compile(
            "(?<=[\\p{L}\\p{N},;:)]\\s{1,3})(\\p{Lu}[\\p{Ll}'’-][\\p{L}'’-]*(?:\\s+\\p{Lu}[\\p{Ll}'’-][\\p{L}'’-]*){0,2})(?![\\p{L}\\p{N}])");
    private static final Pattern NAME_AFTER_PREPOSITION = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:for|of|by|from|at)\\s+(\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+){0,2})(?![\\p{L}\\p{N}'’])");
    /** Chinese words where English puts a name: first and followed by English, or after a preposition. */
    private static final Pattern CJK_NAME_IN_ENGLISH = Pattern.compile(
            "(?:^\\s*|(?<![\\p{L}\\p{N}])(?:for|of|by|from|at|with|in)\\s+)(\\p{IsHan}{2,})(?=\\s*(?:'s|’s)?\\s+\\p{IsLatin}|\\s*[?？.!]?\\s*$)",
            Pattern.CASE_INSENSITIVE);
    /** Common Chinese surnames that are not also everyday words (周 is also "week", 高 "high", 金 "money"...). */
    static final String SURNAMES = "王李张刘陈杨黄赵吴徐孙朱胡郭罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘蒋蔡杜魏吕丁沈姚卢姜崔钟谭陆汪范廖贾韦邹孟熊秦邱尹薛闫雷侯陶黎贺顾毛郝龚邵覃戴莫孔汤";
    private static final Set<String> NAMED_DIMENSIONS = Set.of(
            "team", "region", "industry", "product", "product_family", "segment", "source", "account", "country");
    /** Words before a dimension word that do not name a value: cues, pronouns, rankings, quantities. */
    private static final Pattern ZH_NOT_A_NAME = Pattern.compile(
            "[各每按分哪最前后几多少第全整该本这那其某任此一二三四五六七八九十两个位名家条种倒]|不同|所有|我|你|他|她|咱|们|下属|手下|负责|主要|其他|其它|别的|来自|对比|比较|看看|查询|统计|分别|公司|整体|总体|一下|帮|请|显示|列出|现有|当前|目前|现在|新增|新建|销售|的");
    /** Everyday words that start with a surname character. */
    private static final Pattern ZH_NOT_A_PERSON = Pattern.compile("^(?:许多|许可|毛利|黄金|罗列|谢谢|韩国|陆续|孔子|汤姆|蒋介|钟表|雷达|戴尔|莫非)");
    private static final Pattern ZH_NAME_BEFORE = Pattern.compile("(?:^|[^\\p{IsHan}]|看看|查一下|查询|查|帮我查|告诉我|请问|给我看)\\s*$");

    private Unanswerable() {
    }

    /** Exclusions, thresholds and single-deal rankings: a query cannot say them, so say so instead of answering something else. */
    static ParseOutcome cannotExpress(Reading r) {
        String lowered = r.text.lower;
        if (!r.time.spans().isEmpty()) {
            char[] c = lowered.toCharArray();
            for (int i = r.time.spans().nextSetBit(0); i >= 0 && i < c.length; i = r.time.spans().nextSetBit(i + 1)) {
                c[i] = ' ';
            }
            lowered = new String(c);
        }
        for (Lexicon.Match m : r.mentions) {
            if (!Reading.hasKind(m, Sense.Kind.VALUE) || Reading.hasKind(m, Sense.Kind.METRIC)) {
                continue;
            }
            String before = r.norm.substring(Math.max(0, m.start() - 20), m.start());
            if (EN_NEGATION.matcher(before).find() || ZH_NEGATION.matcher(before).find()
                    || ZH_NEGATION_AFTER.matcher(r.norm.substring(m.end())).find()) {
                String said = r.text.source.substring(m.start(), m.end()).strip();
                return new ParseOutcome.NotUnderstood(r.language, Messages.cannotExclude(r.language, said));
            }
        }
        if (EN_THRESHOLD.matcher(lowered).find() || ZH_THRESHOLD.matcher(lowered).find()) {
            return new ParseOutcome.NotUnderstood(r.language, Messages.cannotThreshold(r.language));
        }
        if (EN_DEAL_RANK.matcher(r.norm).find() || ZH_DEAL_RANK.matcher(r.norm).find()) {
            return new ParseOutcome.NotUnderstood(r.language, Messages.cannotRankDeals(r.language));
        }
        return null;
    }

    /**
     * A capitalised name the warehouse does not have ("Zorro's bookings"): answering without
     * it would give a plausible wrong figure, so ask (if it looks like a known name) or say so.
     */
    static ParseOutcome unknownName(Reading r) {
        for (Pattern p : List.of(POSSESSIVE_NAME, NAME_AFTER_PREPOSITION, CAPITALISED_INSIDE)) {
            Matcher m = p.matcher(r.text.source);
            while (m.find()) {
                int start = m.start(1);
                int end = m.end(1);
                if (!r.time.spans().get(start, end).isEmpty()) {
                    continue;
                }
                boolean covered = false;
                for (Lexicon.Match x : r.mentions) {
                    if (x.start() < end && start < x.end()) {
                        covered = true;
                        break;
                    }
                }
                if (covered) {
                    continue;
                }
                String name = m.group(1).strip();
                List<String> unknownWords = new ArrayList<>();
                for (String w : NormalizedText.normalizeSurface(name).split(" ")) {
                    if (!w.isEmpty() && !r.v.isKnownWord(w) && !w.chars().allMatch(Character::isDigit)) {
                        unknownWords.add(w);
                    }
                }
                if (unknownWords.isEmpty()) {
                    continue;
                }
                List<Sense> similar = new ArrayList<>();
                for (String w : unknownWords) {
                    similar.addAll(r.v.similar(w));
                }
                if (!similar.isEmpty()) {
                    return Messages.didYouMean(r.language, name, similar, r.v);
                }
                return new ParseOutcome.NotUnderstood(r.language, Messages.unknownName(r.language, name, r.v));
            }
        }
        ParseOutcome chinese = unknownChineseInEnglish(r);
        return chinese != null ? chinese : unknownChineseName(r);
    }

    /**
     * "华为 bookings this year", "win rate for 华为": Chinese words the warehouse does not have,
     * where an English sentence puts a name (at its start before English words, or after a
     * preposition). Answering without them would give the whole company's figure.
     */
    static ParseOutcome unknownChineseInEnglish(Reading r) {
        String s = r.text.lower;
        Matcher m = CJK_NAME_IN_ENGLISH.matcher(r.text.source);
        // only in an English sentence: English words outside the names it mentions
        while (r.latinOutsideNames && m.find()) {
            int start = m.start(1);
            int end = m.end(1);
            boolean uncovered = true;
            for (int i = start; i < end && uncovered; i++) {
                uncovered = !covered(r, i, i + 1);
            }
            // The only Chinese the sentence does not explain.
            boolean alone = true;
            for (int i = 0; i < s.length() && alone; i++) {
                alone = (i >= start && i < end) || !NormalizedText.isCjk(s.charAt(i)) || covered(r, i, i + 1);
            }
            if (uncovered && alone) {
                String name = m.group(1);
                return new ParseOutcome.NotUnderstood("en", Messages.unknownName("en", name, r.v));
            }
        }
        return null;
    }

    /** "王五的成交额": a Chinese name the warehouse does not have, at the start or before 的 / a time / a metric. */
    static ParseOutcome unknownChineseName(Reading r) {
        ParseOutcome beforeDimension = unknownBeforeDimension(r);
        if (beforeDimension != null) {
            return beforeDimension;
        }
        String s = r.text.lower;
        for (int i = 0; i < s.length(); i++) {
            if (SURNAMES.indexOf(s.charAt(i)) < 0 || !ZH_NAME_BEFORE.matcher(s.substring(Math.max(0, i - 6), i)).find()) {
                continue;
            }
            for (int len = 2; len <= 3 && i + len <= s.length(); len++) {
                int end = i + len;
                boolean allHan = true;
                for (int k = i; k < end; k++) {
                    allHan &= NormalizedText.isCjk(s.charAt(k));
                }
                if (!allHan || covered(r, i, end) || ZH_NOT_A_PERSON.matcher(s.substring(i)).find()) {
                    break;
                }
                boolean followed = end == s.length() || s.charAt(end) == '的' || r.time.spans().get(end) || startsMention(r, end);
                if (followed) {
                    String name = r.text.source.substring(i, end);
                    return new ParseOutcome.NotUnderstood(r.language, Messages.unknownName(r.language, name, r.v));
                }
            }
        }
        return null;
    }

    /**
     * "美洲区", "战略客户": Chinese words right before a team, region, industry, customer or
     * product word that name nothing the warehouse has. Answering without them would give a
     * plausible wrong figure.
     */
    static ParseOutcome unknownBeforeDimension(Reading r) {
        String s = r.text.lower;
        for (Lexicon.Match d : r.mentions) {
            boolean named = d.senses().stream().anyMatch(x -> x.kind() == Sense.Kind.DIMENSION && NAMED_DIMENSIONS.contains(x.key()));
            if (!named || Reading.hasKind(d, Sense.Kind.METRIC) || Reading.hasKind(d, Sense.Kind.VALUE)) {
                continue;
            }
            int start = d.start();
            while (start > 0 && d.start() - start < 4 && NormalizedText.isCjk(s.charAt(start - 1)) && !covered(r, start - 1, start)) {
                start--;
            }
            String run = s.substring(start, d.start());
            if (run.length() < 2 || ZH_NOT_A_NAME.matcher(run).find()) {
                continue;
            }
            String dimension = d.senses().stream().filter(x -> x.kind() == Sense.Kind.DIMENSION).findFirst().orElseThrow().key();
            return new ParseOutcome.NotUnderstood(r.language, Messages.unknownValue(r.language, r.text.source.substring(start, d.start()),
                    r.v.dimensionLabel(dimension, r.language), r.v.values(dimension), r.v));
        }
        return null;
    }

    static boolean covered(Reading r, int start, int end) {
        if (!r.time.spans().get(start, end).isEmpty()) {
            return true;
        }
        for (Lexicon.Match x : r.mentions) {
            if (x.start() < end && start < x.end()) {
                return true;
            }
        }
        return false;
    }

    static boolean startsMention(Reading r, int position) {
        for (Lexicon.Match x : r.mentions) {
            if (x.start() == position && (Reading.hasKind(x, Sense.Kind.METRIC) || Reading.hasKind(x, Sense.Kind.DIMENSION))) {
                return true;
            }
        }
        return false;
    }
}
