package io.salescope.bot.service;

import io.salescope.warehouse.query.MetricEngine;

/** The question interpreter the service, the CLI and Slack use: the bilingual parser of {@code io.salescope.bot.nlp}. */
public final class Interpreters {

    private Interpreters() {
    }

    public static QuestionInterpreter standard(MetricEngine engine, String currency) {
        return new NlpQuestionInterpreter(engine, currency);
    }
}
