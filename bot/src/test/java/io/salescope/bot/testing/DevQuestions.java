package io.salescope.bot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** The 45 questions of {@code shared/questions/dev.jsonl}. */
public final class DevQuestions {

    /** One question; {@code expect} as in the file. */
    public record Question(String id, String lang, String as, String question, JsonNode expect) {

        public boolean forbidden() {
            return expect.has("status");
        }

        public boolean noValue() {
            return expect.has("no_value");
        }

        public boolean rows() {
            return expect.has("rows");
        }

        /** Relative tolerance as a percentage, for AssertJ's withinPercentage. */
        public double tolerancePercent() {
            return expect.has("rel_tol") ? expect.get("rel_tol").asDouble() * 100 : 0.5;
        }

        @Override
        public String toString() {
            return id + " (" + as + "): " + question;
        }
    }

    private DevQuestions() {
    }

    public static List<Question> all() {
        ObjectMapper mapper = new ObjectMapper();
        try {
            List<Question> out = new ArrayList<>();
            for (String line : Files.readAllLines(DevFixtureWarehouse.devQuestions())) {
                if (!line.isBlank()) {
                    JsonNode n = mapper.readTree(line);
                    out.add(new Question(n.get("id").asText(), n.get("lang").asText(), n.get("as").asText(),
                            n.get("question").asText(), n.get("expect")));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
