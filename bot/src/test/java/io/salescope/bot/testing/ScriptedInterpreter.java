package io.salescope.bot.testing;

import io.salescope.bot.service.AskService;
import io.salescope.bot.service.Figures;
import io.salescope.bot.service.Interpretation;
import io.salescope.bot.service.QuestionInterpreter;
import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.PermissionException;
import io.salescope.warehouse.query.QueryResult;
import io.salescope.warehouse.query.UserInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A hand-written fake of the question parser for tests of the HTTP, Slack and web layers:
 * it knows a fixed script of questions (exact text, any case) and the structured query each
 * stands for. Everything else is "not understood"; "which team?" asks back. Tests of the real
 * parser's answers go through {@code DevQuestionsIT}.
 */
public final class ScriptedInterpreter implements QuestionInterpreter {

    private final Map<String, BiFunction<UserInfo, String, MetricQuery>> script = new LinkedHashMap<>();

    public ScriptedInterpreter() {
        on("bookings this quarter", (u, a) -> MetricQuery.builder("bookings", a).period("this_quarter").build());
        on("本季度成交金额", (u, a) -> MetricQuery.builder("bookings", a).period("this_quarter").build());
        on("win rate last quarter", (u, a) -> MetricQuery.builder("win_rate", a).period("last_quarter").build());
        on("win rate in 2022", (u, a) -> MetricQuery.builder("win_rate", a).period("2022").build());
        on("new opportunities in may 2026", (u, a) -> MetricQuery.builder("new_opportunities", a).period("2026-05").build());
        on("sales cycle in 2026-q1", (u, a) -> MetricQuery.builder("sales_cycle", a).period("2026-Q1").build());
        on("sales velocity", (u, a) -> MetricQuery.builder("sales_velocity", a).build());
        on("bookings by region last quarter", (u, a) -> MetricQuery.builder("bookings", a).period("last_quarter")
                .groupBy("region").build());
        on("bookings by team this year", (u, a) -> MetricQuery.builder("bookings", a).period("this_year")
                .groupBy("team").build());
        on("中国区本季度赢单率", (u, a) -> MetricQuery.builder("win_rate", a).period("this_quarter")
                .filter("team", "中国区").build());
        on("win rate of china this quarter", (u, a) -> MetricQuery.builder("win_rate", a).period("this_quarter")
                .filter("team", "中国区").build());
        on("forecast for 2031", (u, a) -> MetricQuery.builder("forecast", a).period("2031").build());
    }

    private void on(String question, BiFunction<UserInfo, String, MetricQuery> query) {
        script.put(question.toLowerCase(Locale.ROOT), query);
    }

    @Override
    public Interpretation interpret(String question, UserInfo asker) {
        String lang = AskService.guessLanguage(question);
        String key = question.strip().toLowerCase(Locale.ROOT);
        if (key.equals("bookings for the team")) {
            return new Interpretation.Clarify(lang, "Which team do you mean?", List.of("中国区", "Europe", "US & Canada"));
        }
        BiFunction<UserInfo, String, MetricQuery> q = script.get(key);
        if (q == null) {
            return new Interpretation.NotUnderstood(lang, "zh".equals(lang) ? "抱歉，我没有理解这个问题。"
                    : "Sorry, I did not understand that. Try \"bookings this quarter\".");
        }
        MetricQuery query = q.apply(asker, asker.userId());
        return new Interpretation.Understood(query, lang, query.metric() + " " + query.period());
    }

    @Override
    public String answer(QueryResult r, Interpretation.Understood u) {
        if (!r.rows().isEmpty()) {
            return r.metric() + " by " + String.join(", ", u.query().groupBy()) + ": " + r.rows().size() + " rows";
        }
        if (r.value() == null) {
            return "zh".equals(u.language()) ? r.noValueReasonZh() : r.noValueReason();
        }
        return r.metric() + ": " + Figures.format(r.value(), r.unit(), "USD", u.language());
    }

    @Override
    public String refusal(PermissionException e, String language) {
        return "zh".equals(language) ? e.messageZh() : e.getMessage();
    }
}
