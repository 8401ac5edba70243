package io.salescope.warehouse.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.PermissionException;
import io.salescope.warehouse.query.QueryResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

/** Reads the shared dev questions and checks an engine's answers against their expectations. */
public final class DevAnswers {

    private DevAnswers() {
    }

    /** The shared folder: $SALESCOPE_SHARED, else ../shared next to the repository. */
    public static Path shared() {
        String env = System.getenv("SALESCOPE_SHARED");
        if (env != null) {
            return Path.of(env);
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("shared/questions"))) {
                return p.resolve("shared");
            }
            p = p.getParent();
        }
        throw new IllegalStateException("cannot find the shared folder (../shared); set SALESCOPE_SHARED");
    }

    public static List<JsonNode> questions() {
        ObjectMapper mapper = new ObjectMapper();
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(shared().resolve("questions/dev.jsonl"))) {
                if (!line.isBlank()) {
                    out.add(mapper.readTree(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs every dev question's structured query and checks the answer; returns a line per question. */
    static List<String> check(MetricEngine engine) {
        Map<String, Function<String, io.salescope.warehouse.query.MetricQuery>> queries = DevQuestionQueries.all();
        List<String> report = new ArrayList<>();
        for (JsonNode q : questions()) {
            String id = q.get("id").asText();
            var query = queries.get(id).apply(q.get("as").asText());
            JsonNode expect = q.get("expect");
            if (expect.has("status")) {
                assertThatThrownBy(() -> engine.execute(query)).as(id).isInstanceOf(PermissionException.class);
                report.add(id + " 403");
                continue;
            }
            QueryResult r = engine.execute(query);
            double tol = expect.has("rel_tol") ? expect.get("rel_tol").asDouble() * 100 : 0.5;
            if (expect.has("no_value")) {
                assertThat(r.value()).as(id).isNull();
                assertThat(r.noValueReason()).as(id).isNotBlank();
            } else if (expect.has("value")) {
                assertThat(r.value()).as(id + " " + q.get("question").asText()).isNotNull();
                assertThat(r.value()).as(id + " " + q.get("question").asText())
                        .isCloseTo(expect.get("value").asDouble(), withinPercentage(tol));
                assertThat(r.unit()).as(id).isEqualTo(expect.get("unit").asText());
            } else {
                List<String> labels = new ArrayList<>();
                for (JsonNode row : expect.get("rows")) {
                    labels.add(row.get(0).asText());
                }
                List<String> got = r.rows().stream().map(QueryResult.Row::label).toList();
                if (expect.get("ordered").asBoolean()) {
                    assertThat(got).as(id).containsExactlyElementsOf(labels);
                } else {
                    assertThat(got).as(id).containsExactlyInAnyOrderElementsOf(labels);
                }
                for (JsonNode row : expect.get("rows")) {
                    QueryResult.Row match = r.rows().stream().filter(x -> x.label().equals(row.get(0).asText()))
                            .findFirst().orElseThrow();
                    assertThat(match.value()).as(id + " " + row.get(0).asText())
                            .isCloseTo(row.get(1).asDouble(), withinPercentage(tol));
                }
            }
            report.add(id + " ok " + (r.value() != null ? r.value() : r.rows().size() + " rows"));
        }
        return report;
    }
}
