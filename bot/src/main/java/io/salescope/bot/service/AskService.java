package io.salescope.bot.service;

import io.salescope.core.time.Period;
import io.salescope.core.time.PeriodNames;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.PermissionException;
import io.salescope.warehouse.query.QueryException;
import io.salescope.warehouse.query.QueryResult;
import io.salescope.warehouse.query.UserInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Answers a question for a user: checks the text, interprets it, runs the query on the
 * engine (which enforces who may see what) and words the result. The HTTP API, the CLI and
 * the Slack app share it. The text a user typed never becomes SQL: it becomes a
 * {@link io.salescope.warehouse.query.MetricQuery} whose values the engine binds.
 */
public final class AskService {

    /** Longest question accepted, in characters. */
    public static final int MAX_QUESTION_CHARS = 2000;

    private final MetricEngine engine;
    private final QuestionInterpreter interpreter;
    private final String currency;
    private final int fiscalStartMonth;
    private final ChatCommands commands;

    public AskService(MetricEngine engine, QuestionInterpreter interpreter, String currency, int fiscalStartMonth) {
        this(engine, interpreter, currency, fiscalStartMonth, (text, asker, via) -> java.util.Optional.empty());
    }

    /** With chat commands (tasks, digests) tried before the text is read as a metric question. */
    public AskService(MetricEngine engine, QuestionInterpreter interpreter, String currency, int fiscalStartMonth,
                      ChatCommands commands) {
        this.engine = requireNonNull(engine, "engine is null");
        this.interpreter = requireNonNull(interpreter, "interpreter is null");
        this.currency = requireNonNull(currency, "currency is null");
        this.fiscalStartMonth = fiscalStartMonth;
        this.commands = requireNonNull(commands, "commands is null");
    }

    public MetricEngine engine() {
        return engine;
    }

    /**
     * Answers {@code question} for {@code asker}.
     *
     * @throws BadQuestionException when the text is empty, too long or holds control characters
     */
    public AskOutcome ask(String question, UserInfo asker) {
        return ask(question, asker, "api");
    }

    /**
     * Answers {@code question} for {@code asker}, who wrote it through {@code via} (web, slack,
     * cli): a chat command when it is one, else a metric question.
     */
    public AskOutcome ask(String question, UserInfo asker, String via) {
        requireNonNull(asker, "asker is null");
        String q = checkQuestion(question);
        java.util.Optional<AskOutcome> command = commands.handle(q, asker, via);
        if (command.isPresent()) {
            return command.get();
        }
        Interpretation interpretation = interpreter.interpret(q, asker);
        String lang = interpretation.language();
        if (interpretation instanceof Interpretation.Clarify c) {
            return new AskOutcome.Answered(notUnderstood(q, lang, c.question(), c.options()));
        }
        if (interpretation instanceof Interpretation.NotUnderstood n) {
            return new AskOutcome.Answered(notUnderstood(q, lang, n.message(), List.of()));
        }
        Interpretation.Understood u = (Interpretation.Understood) interpretation;
        QueryResult result;
        try {
            result = engine.execute(u.query());
        } catch (PermissionException e) {
            return new AskOutcome.Refused(lang, interpreter.refusal(e, lang));
        } catch (QueryException e) {
            return new AskOutcome.CannotAnswer(lang, interpreter.cannotAnswer(e, lang), e.validChoices());
        }
        return new AskOutcome.Answered(response(q, u, result, interpreter.answer(result, u)));
    }

    private AskResponse notUnderstood(String q, String lang, String message, List<String> options) {
        return new AskResponse(lang, false, q, null, message, null, null, null, null, null, null, null,
                List.of(), null, null, Map.of(), List.of(), List.of(), options, engine.version());
    }

    private AskResponse response(String q, Interpretation.Understood u, QueryResult r, String text) {
        String lang = u.language();
        MetricCatalog.Metric m = engine.catalog().metric(r.metric()).orElse(null);
        List<AskResponse.RowJson> rows = new ArrayList<>();
        for (QueryResult.Row row : r.rows()) {
            rows.add(new AskResponse.RowJson(row.label(), row.value(), row.key()));
        }
        Map<String, Object> comparison = null;
        if (r.comparison() != null) {
            comparison = new LinkedHashMap<>();
            comparison.put("kind", r.comparison().kind());
            comparison.put("period", period(r.comparison().period(), lang));
            comparison.put("value", r.comparison().value());
            comparison.put("change", r.comparison().change());
            comparison.put("change_ratio", r.comparison().changeRatio());
        }
        boolean money = r.unit().startsWith("money");
        return new AskResponse(lang, true, q, u.understood(), text, r.metric(),
                m == null ? r.metric() : m.label().in(lang), period(r.period(), lang), r.value(), r.unit(),
                money ? currency : null, r.value() == null && r.rows().isEmpty()
                        ? ("zh".equals(lang) ? r.noValueReasonZh() : r.noValueReason()) : null,
                rows, r.scope() == null ? null : ("zh".equals(lang) ? r.scope().descriptionZh() : r.scope().description()),
                comparison, r.details(), r.sql(), r.parameters(), List.of(), engine.version());
    }

    private AskResponse.PeriodJson period(Period p, String lang) {
        if (p == null) {
            return null;
        }
        return new AskResponse.PeriodJson(p.from().toString(), p.to().toString(), p.label(),
                PeriodNames.name(p, lang, fiscalStartMonth));
    }

    /**
     * The question trimmed, or a {@link BadQuestionException} saying what is wrong with it.
     * Tabs and line breaks count as spaces; other control characters, unpaired surrogates and
     * the replacement character (left by bytes that were not UTF-8) are refused.
     */
    public static String checkQuestion(String question) {
        if (question == null) {
            throw new BadQuestionException("missing_question", "give the question in the field \"question\"",
                    "请在 \"question\" 字段中填写问题");
        }
        String q = question.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ').strip();
        if (q.isEmpty()) {
            throw new BadQuestionException("empty_question", "the question is empty; ask e.g. \"win rate this quarter\"",
                    "问题为空；可以问例如“本季度赢单率”");
        }
        if (q.length() > MAX_QUESTION_CHARS) {
            throw new BadQuestionException("question_too_long", "the question has " + q.length()
                    + " characters; keep it under " + MAX_QUESTION_CHARS, "问题有 " + q.length() + " 个字符，请少于 "
                    + MAX_QUESTION_CHARS + " 个");
        }
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            boolean bad = Character.isISOControl(c) || c == '\uFFFD' || c == '\uFEFF'
                    || (Character.isHighSurrogate(c) && (i + 1 >= q.length() || !Character.isLowSurrogate(q.charAt(i + 1))))
                    || (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(q.charAt(i - 1))));
            if (bad) {
                throw new BadQuestionException("invalid_characters", String.format(
                        "the question holds a control or invalid character (U+%04X at position %d); send plain text",
                        (int) c, i + 1), String.format("问题中含有控制字符或无效字符（第 %d 个字符，U+%04X）；请发送纯文本", i + 1, (int) c));
            }
        }
        return q;
    }

    /** "zh" when the text holds CJK ideographs, else "en": for messages before a question is parsed. */
    public static String guessLanguage(String text) {
        if (text != null) {
            for (int i = 0; i < text.length(); i++) {
                if (Character.UnicodeScript.of(text.codePointAt(i)) == Character.UnicodeScript.HAN) {
                    return "zh";
                }
            }
        }
        return "en";
    }
}
