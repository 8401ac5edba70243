package io.salescope.bot.nlp;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

class ScratchTest {
    @Test
    void print_questions() throws Exception {
        Path file = Path.of("/tmp/qs.txt");
        if (!Files.exists(file)) {
            return;
        }
        DevFixture f = DevFixture.get();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|", 2);
            boolean kestrel = parts[0].startsWith("k:");
            String who = kestrel ? parts[0].substring(2) : parts[0];
            ParseOutcome o = kestrel ? KestrelFixture.parser().parse(parts[1], KestrelFixture.as(who))
                    : f.parser.parse(parts[1], f.user(who + "@borealis-software.com"));
            String shown;
            if (o instanceof ParseOutcome.Understood u) {
                shown = "OK " + u.query().metric() + " f=" + u.query().filters() + " g=" + u.query().groupBy()
                        + " p=" + u.query().period() + " c=" + u.query().compareTo() + " o=" + u.query().order() + " l=" + u.query().limit()
                        + " opt=" + u.query().options() + " [" + u.language() + "] " + u.understood();
            } else if (o instanceof ParseOutcome.Clarify c) {
                shown = "CLARIFY [" + c.language() + "] " + c.question() + " " + c.options();
            } else {
                ParseOutcome.NotUnderstood n = (ParseOutcome.NotUnderstood) o;
                shown = "NOT [" + n.language() + "] " + n.message().lines().findFirst().orElse("");
            }
            System.out.println(parts[1] + "\n    => " + shown);
        }
    }
}
