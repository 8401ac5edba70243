package io.salescope.bot.nlp;

import io.salescope.core.time.Periods;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.UserInfo;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Turns a question in English or Chinese into a {@link MetricQuery}, deterministically: the
 * metric and the names in it come from the {@link Vocabulary} (longest phrase first), time
 * phrases from {@link TimeExpressions}, and breakdowns, rankings, comparisons and "my / 我的"
 * from the words around them. A question that could mean several things gets a question back;
 * one that is not about a metric gets examples. Never throws for any input and never produces
 * SQL. Thread-safe.
 */
public final class QuestionParser {

    /** Longer input is not a question. */
    static final int MAX_LENGTH = 1000;

    private static final Pattern SQL = Pattern.compile(
            "(?is)(?:\\bselect\\s+(?:\\*|[\\w.]+(?:\\s*,\\s*[\\w.]+)*)\\s+from\\s+\\w|\\binsert\\s+into\\b|\\bdelete\\s+from\\b"
                    + "|\\bdrop\\s+(?:table|database|schema|view|index)\\b|\\btruncate\\s+table\\b|\\balter\\s+table\\b"
                    + "|\\bupdate\\s+\\w+\\s+set\\b|\\bunion\\s+(?:all\\s+)?select\\b|\\bcreate\\s+(?:table|database|user)\\b"
                    + "|;\\s*--|'\\s*;|--\\s*$|/\\*|\\*/|'\\s*or\\s*'?\\d+'?\\s*=\\s*'?\\d|\\bexec(?:ute)?\\s*\\(|\\bxp_\\w+|\\bsleep\\s*\\(\\s*\\d)");

    private final Supplier<Vocabulary> vocabulary;
    private final Supplier<Periods> periods;

    public QuestionParser(Vocabulary vocabulary, Periods periods) {
        requireNonNull(vocabulary, "vocabulary is null");
        requireNonNull(periods, "periods is null");
        this.vocabulary = () -> vocabulary;
        this.periods = () -> periods;
    }

    /**
     * A parser whose vocabulary and reference date may change, e.g. with each published
     * warehouse version or each day.
     */
    public QuestionParser(Supplier<Vocabulary> vocabulary, Supplier<Periods> periods) {
        this.vocabulary = requireNonNull(vocabulary, "vocabulary is null");
        this.periods = requireNonNull(periods, "periods is null");
    }

    /** A parser over an engine: the vocabulary is rebuilt when a new warehouse version is published. */
    public static QuestionParser forEngine(MetricEngine engine) {
        requireNonNull(engine, "engine is null");
        AtomicReference<Map.Entry<Long, Vocabulary>> cache = new AtomicReference<>();
        Supplier<Vocabulary> vocabulary = () -> {
            long version = engine.version();
            Map.Entry<Long, Vocabulary> current = cache.get();
            if (current == null || current.getKey() != version) {
                current = Map.entry(version, Vocabulary.from(engine));
                cache.set(current);
            }
            return current.getValue();
        };
        return new QuestionParser(vocabulary, engine::periods);
    }

    /** The question as a query, a question back, or why it is not understood; never throws. */
    public ParseOutcome parse(String question, UserInfo asker) {
        String language = question != null && NormalizedText.containsCjk(question) ? "zh" : "en";
        try {
            return parseOrFail(question, asker);
        } catch (RuntimeException e) {
            return new ParseOutcome.NotUnderstood(language, Messages.notUnderstood(language, null, safeVocabulary()));
        }
    }

    private Vocabulary safeVocabulary() {
        try {
            return vocabulary.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private ParseOutcome parseOrFail(String question, UserInfo asker) {
        if (question == null || question.isBlank()) {
            return new ParseOutcome.NotUnderstood("en", Messages.empty(safeVocabulary()));
        }
        String language0 = NormalizedText.containsCjk(question) ? "zh" : "en";
        if (question.length() > MAX_LENGTH) {
            return new ParseOutcome.NotUnderstood(language0, Messages.tooLong(language0, MAX_LENGTH));
        }
        if (looksBinary(question)) {
            return new ParseOutcome.NotUnderstood(language0, Messages.notText(language0));
        }
        if (SQL.matcher(question).find()) {
            return new ParseOutcome.NotUnderstood(language0, Messages.sql(language0, safeVocabulary()));
        }
        requireNonNull(asker, "asker is null");
        Vocabulary v = vocabulary.get();
        return new Reading(pinyinNames(idioms(question), v), asker, v, periods.get()).run();
    }

    /**
     * A rep written in Chinese characters whom the warehouse spells in pinyin ("陈浩五月打了多少电话"
     * about "Chen Hao"): the name is replaced by the warehouse's spelling, which the answer shows.
     */
    static String pinyinNames(String question, Vocabulary v) {
        StringBuilder out = new StringBuilder(question.length() + 16);
        int i = 0;
        outer:
        while (i < question.length()) {
            if (Unanswerable.SURNAMES.indexOf(question.charAt(i)) >= 0) {
                for (int len = 3; len >= 2; len--) {
                    if (i + len > question.length()) {
                        continue;
                    }
                    Optional<String> rep = v.repWrittenInPinyin(question.substring(i, i + len));
                    if (rep.isPresent()) {
                        out.append(' ').append(rep.get()).append(' ');
                        i += len;
                        continue outer;
                    }
                }
            }
            out.append(question.charAt(i));
            i++;
        }
        return out.toString();
    }

    /** Sales idioms that stand for a whole question part: 销冠 is the rep with the highest bookings. */
    private static final Pattern SALES_CHAMPION = Pattern.compile("销冠|销售冠军|業績冠軍|业绩冠军");

    static String idioms(String question) {
        return SALES_CHAMPION.matcher(question).replaceAll("成交金额最高的销售");
    }

    static boolean looksBinary(String s) {
        int odd = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c == '\uFFFD' || c == '\uFFFE' || c == '\uFFFF') {
                return true;
            }
            boolean control = Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t';
            int type = Character.getType(c);
            if (control || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                    || (Character.isSurrogate(c) && !validSurrogate(s, i))) {
                odd++;
            }
        }
        return odd > 0 && odd * 20 >= s.length() || odd > 3;
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
