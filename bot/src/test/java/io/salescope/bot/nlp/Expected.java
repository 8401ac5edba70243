package io.salescope.bot.nlp;

import io.salescope.warehouse.query.MetricQuery;
import io.salescope.warehouse.query.MetricQuery.Comparison;
import io.salescope.warehouse.query.UserInfo;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A question, who asks it, and the query (or the question back) it should give. */
final class Expected {

    final UserInfo asker;
    final String question;
    private MetricQuery.Builder query;
    private List<String> clarifyOptions;
    private boolean notUnderstood;
    private String language;

    private Expected(UserInfo asker, String question) {
        this.asker = asker;
        this.question = question;
    }

    static Expected ask(UserInfo asker, String question) {
        return new Expected(asker, question);
    }

    Expected metric(String metric) {
        query = MetricQuery.builder(metric, asker.email());
        return this;
    }

    Expected filter(String dimension, String... values) {
        query.filter(dimension, values);
        return this;
    }

    Expected mine() {
        query.filter("rep", asker.email());
        return this;
    }

    Expected myTeam() {
        query.filter("team", asker.teamName());
        return this;
    }

    Expected by(String dimension) {
        query.groupBy(dimension);
        return this;
    }

    Expected period(String period) {
        query.period(period);
        return this;
    }

    Expected top(int n) {
        query.top(n);
        return this;
    }

    Expected bottom(int n) {
        query.bottom(n);
        return this;
    }

    Expected highestFirst() {
        query.order(MetricQuery.Order.DESC);
        return this;
    }

    Expected vsPreviousPeriod() {
        query.compareTo(Comparison.PREVIOUS_PERIOD);
        return this;
    }

    Expected vsYearAgo() {
        query.compareTo(Comparison.YEAR_AGO);
        return this;
    }

    Expected option(String key, String value) {
        query.option(key, value);
        return this;
    }

    /** This question, expecting what {@code other} expects. */
    Expected copyFrom(Expected other) {
        query = other.query;
        clarifyOptions = other.clarifyOptions;
        notUnderstood = other.notUnderstood;
        language = other.language;
        return this;
    }

    Expected clarifies(String... optionsMentioning) {
        clarifyOptions = List.of(optionsMentioning);
        return this;
    }

    Expected notUnderstood() {
        notUnderstood = true;
        return this;
    }

    Expected inLanguage(String language) {
        this.language = language;
        return this;
    }

    void check(QuestionParser parser) {
        ParseOutcome outcome = parser.parse(question, asker);
        String expectedLanguage = language != null ? language : NormalizedText.containsCjk(question) ? "zh" : "en";
        assertThat(outcome.language()).as("language of %s", question).isEqualTo(expectedLanguage);
        if (clarifyOptions != null) {
            assertThat(outcome).as(question).isInstanceOf(ParseOutcome.Clarify.class);
            List<String> options = ((ParseOutcome.Clarify) outcome).options();
            for (String o : clarifyOptions) {
                assertThat(options).as("options for %s", question).anyMatch(x -> x.contains(o));
            }
            assertThat(options).hasSize(clarifyOptions.size());
            return;
        }
        if (notUnderstood) {
            assertThat(outcome).as(question).isInstanceOf(ParseOutcome.NotUnderstood.class);
            return;
        }
        assertThat(outcome).as(question).isInstanceOf(ParseOutcome.Understood.class);
        ParseOutcome.Understood understood = (ParseOutcome.Understood) outcome;
        assertThat(understood.query()).as(question).isEqualTo(query.build());
        assertThat(understood.understood()).isNotBlank();
    }

    @Override
    public String toString() {
        return question;
    }

    static List<Expected> list(Expected... cases) {
        return new ArrayList<>(List.of(cases));
    }
}
