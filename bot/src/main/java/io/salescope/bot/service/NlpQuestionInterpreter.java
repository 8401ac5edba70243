package io.salescope.bot.service;

import io.salescope.bot.nlp.AnswerRenderer;
import io.salescope.bot.nlp.ParseOutcome;
import io.salescope.bot.nlp.QuestionParser;
import io.salescope.bot.nlp.Vocabulary;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.PermissionException;
import io.salescope.warehouse.query.QueryException;
import io.salescope.warehouse.query.QueryResult;
import io.salescope.warehouse.query.UserInfo;

import static java.util.Objects.requireNonNull;

/**
 * The question interpreter over the bilingual parser of {@code io.salescope.bot.nlp}. The
 * parser's vocabulary (metric words, team, rep, product names...) is built from the engine's
 * current warehouse version and rebuilt, once, when a new version is published; requests
 * arriving meanwhile wait for it rather than each building their own.
 */
public final class NlpQuestionInterpreter implements QuestionInterpreter {

    private final MetricEngine engine;
    private final QuestionParser parser;
    private final AnswerRenderer renderer;
    private final Object lock = new Object();
    private volatile long vocabularyVersion = -1;
    private volatile Vocabulary vocabulary;

    public NlpQuestionInterpreter(MetricEngine engine, String currency) {
        this.engine = requireNonNull(engine, "engine is null");
        this.renderer = new AnswerRenderer(engine.catalog(), requireNonNull(currency, "currency is null"));
        this.parser = new QuestionParser(this::vocabulary, engine::periods);
    }

    /** The vocabulary of the engine's current version, built on first use after each new version. */
    Vocabulary vocabulary() {
        long version = engine.version();
        Vocabulary v = vocabulary;
        if (v != null && vocabularyVersion == version) {
            return v;
        }
        synchronized (lock) {
            if (vocabulary == null || vocabularyVersion != version) {
                vocabulary = Vocabulary.from(engine);
                vocabularyVersion = version;
            }
            return vocabulary;
        }
    }

    @Override
    public Interpretation interpret(String question, UserInfo asker) {
        ParseOutcome outcome = parser.parse(question, asker);
        if (outcome instanceof ParseOutcome.Understood u) {
            return new Interpretation.Understood(u.query(), u.language(), u.understood());
        }
        if (outcome instanceof ParseOutcome.Clarify c) {
            return new Interpretation.Clarify(c.language(), c.question(), c.options());
        }
        ParseOutcome.NotUnderstood n = (ParseOutcome.NotUnderstood) outcome;
        return new Interpretation.NotUnderstood(n.language(), n.message());
    }

    @Override
    public String answer(QueryResult result, Interpretation.Understood understood) {
        return renderer.render(result, new ParseOutcome.Understood(understood.query(), understood.language(),
                understood.understood() == null ? "" : understood.understood())).text();
    }

    @Override
    public String refusal(PermissionException e, String language) {
        return renderer.renderRefusal(e, language).text();
    }

    @Override
    public String cannotAnswer(QueryException e, String language) {
        return renderer.renderError(e, language).text();
    }
}
