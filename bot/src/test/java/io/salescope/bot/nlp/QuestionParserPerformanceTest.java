package io.salescope.bot.nlp;

import io.salescope.warehouse.query.UserInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The parser is fast once warm (well under 5 ms a question) and gives the same answers from many threads at once. */
class QuestionParserPerformanceTest {

    private static List<Expected> questions() {
        List<Expected> all = new ArrayList<>(OtherCompanyQuestionsTest.ENGLISH);
        all.addAll(OtherCompanyQuestionsTest.CHINESE);
        return all;
    }

    @Test
    void a_question_takes_well_under_five_milliseconds_after_warm_up() {
        QuestionParser parser = KestrelFixture.parser();
        List<Expected> questions = questions();
        for (int i = 0; i < 5; i++) {
            questions.forEach(q -> parser.parse(q.question, q.asker));
        }
        int rounds = 10;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            questions.forEach(q -> parser.parse(q.question, q.asker));
        }
        double perQuestionMs = (System.nanoTime() - start) / 1e6 / (rounds * questions.size());
        assertThat(perQuestionMs).as("milliseconds per question").isLessThan(5.0);
    }

    @Test
    void parsing_from_many_threads_gives_the_same_outcomes_as_from_one() throws Exception {
        QuestionParser parser = KestrelFixture.parser();
        List<Expected> questions = questions();
        List<ParseOutcome> sequential = new ArrayList<>();
        for (Expected q : questions) {
            sequential.add(parser.parse(q.question, q.asker));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ParseOutcome>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    List<ParseOutcome> out = new ArrayList<>();
                    for (int round = 0; round < 5; round++) {
                        out.clear();
                        for (Expected q : questions) {
                            out.add(parser.parse(q.question, q.asker));
                        }
                    }
                    return out;
                }));
            }
            for (Future<List<ParseOutcome>> f : futures) {
                assertThat(f.get()).isEqualTo(sequential);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_vocabulary_for_a_large_warehouse_builds_quickly() {
        List<UserInfo> users = new ArrayList<>(KestrelFixture.USERS);
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            accounts.add("Account " + i + " Holdings Ltd");
        }
        var values = new java.util.LinkedHashMap<>(KestrelFixture.VALUES);
        values.put("account", accounts);
        long start = System.nanoTime();
        Vocabulary v = Vocabulary.of(io.salescope.warehouse.catalog.MetricCatalog.builtIn(), values, users, KestrelFixture.TEAMS);
        double ms = (System.nanoTime() - start) / 1e6;
        assertThat(v.values("account")).hasSize(5000);
        assertThat(ms).as("milliseconds to build").isLessThan(10_000);
    }
}
