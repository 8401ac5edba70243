package io.salescope.bot.nlp;

import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.List;

class ProfileScratchTest {
    @Test
    void profile() {
        List<Expected> qs = new ArrayList<>(OtherCompanyQuestionsTest.ENGLISH);
        qs.addAll(OtherCompanyQuestionsTest.CHINESE);
        QuestionParser parser = KestrelFixture.parser();
        Vocabulary v = KestrelFixture.vocabulary();
        TimeExpressions te = new TimeExpressions(v::isNameWord);
        for (int i = 0; i < 10; i++) qs.forEach(q -> parser.parse(q.question, q.asker));
        long tNorm = 0, tTime = 0, tScan = 0, tAll = 0, tSeg = 0;
        int rounds = 20;
        for (int r = 0; r < rounds; r++) {
            for (Expected q : qs) {
                long a = System.nanoTime();
                NormalizedText t = NormalizedText.of(q.question);
                long b = System.nanoTime();
                TimeExpressions.Result res = te.extract(t, KestrelFixture.PERIODS);
                long c = System.nanoTime();
                v.scan(t, res.spans());
                long d = System.nanoTime();
                v.wordBoundaries(t.lower);
                long e = System.nanoTime();
                parser.parse(q.question, q.asker);
                long f = System.nanoTime();
                tNorm += b - a; tTime += c - b; tScan += d - c; tSeg += e - d; tAll += f - e;
            }
        }
        int n = rounds * qs.size();
        System.out.printf("norm %.3f time %.3f scan %.3f seg %.3f all %.3f ms%n", tNorm / 1e6 / n, tTime / 1e6 / n, tScan / 1e6 / n, tSeg / 1e6 / n, tAll / 1e6 / n);
    }
}
