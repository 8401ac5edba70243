package io.salescope.ingest.generate;

import io.salescope.core.contract.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorScaleTest {

    @Test
    void row_counts_grow_linearly_with_the_scale(@TempDir Path tmp) {
        GenerationSummary small = Export.generate(Export.settings(tmp.resolve("small"), 0.1)).summary();
        GenerationSummary large = Export.generate(Export.settings(tmp.resolve("large"), 0.2)).summary();

        for (String file : new String[]{"opportunities.csv", "opportunity_history.csv", "activities.csv", "tasks.csv",
                "leads.csv"}) {
            double ratio = (double) large.rows(file) / small.rows(file);
            assertThat(ratio).as(file).isBetween(1.75, 2.25);
        }
        assertThat(small.rows("opportunities.csv")).isBetween(900L, 1100L);
        assertThat(large.rows("opportunities.csv")).isBetween(1850L, 2150L);
    }

    @Test
    void there_are_about_ten_activities_and_four_history_rows_per_deal(@TempDir Path tmp) {
        GenerationSummary summary = Export.generate(Export.settings(tmp, 0.2)).summary();
        double deals = summary.rows(Tables.OPPORTUNITIES.fileName());

        assertThat(summary.rows(Tables.ACTIVITIES.fileName()) / deals).isBetween(8.5, 12.0);
        assertThat(summary.rows(Tables.OPPORTUNITY_HISTORY.fileName()) / deals).isBetween(3.5, 5.0);
        assertThat(summary.rows(Tables.LEADS.fileName()) / deals).isBetween(1.2, 2.0);
    }

    @Test
    void larger_scales_add_reps_and_teams_with_unique_names() {
        assertThat(Org.repsAt(0.1)).isEqualTo(Org.CORE_REPS);
        assertThat(Org.repsAt(10)).isGreaterThan(3 * Org.repsAt(1));

        Org org = Org.build(100, Rand.stream(1, 1), Export.TODAY.minusMonths(38).toEpochDay(), Export.TODAY.toEpochDay(),
                Export.SNAPSHOT.toEpochMilli());
        assertThat(org.reps()).hasSize(Org.repsAt(100));
        assertThat(org.teams()).hasSizeGreaterThan(50).extracting(Team::name).doesNotHaveDuplicates();
        assertThat(org.people()).extracting(Person::name).doesNotHaveDuplicates();
        assertThat(org.people()).extracting(Person::email).doesNotHaveDuplicates()
                .contains("sophie.laurent@kestrel-analytics.com", "oliver.grant@kestrel-analytics.com");
    }
}
