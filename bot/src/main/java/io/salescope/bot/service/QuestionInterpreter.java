package io.salescope.bot.service;

import io.salescope.warehouse.query.PermissionException;
import io.salescope.warehouse.query.QueryException;
import io.salescope.warehouse.query.QueryResult;
import io.salescope.warehouse.query.UserInfo;

/**
 * Turns a question in English or Chinese into a structured query and a result back into
 * words. The service, the CLI's {@code ask} and the Slack app all go through one instance, so
 * a question gets the same answer everywhere.
 */
public interface QuestionInterpreter {

    Interpretation interpret(String question, UserInfo asker);

    /** The answer's text in the question's language. */
    String answer(QueryResult result, Interpretation.Understood understood);

    /** Why the asker may not see it, in {@code language}. */
    String refusal(PermissionException e, String language);

    /** Why an understood question cannot be answered as asked (an unknown name, no forecast yet), in {@code language}. */
    default String cannotAnswer(QueryException e, String language) {
        return e.getMessage();
    }
}
