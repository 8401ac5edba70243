package io.salescope.ingest.generate;

import io.salescope.core.contract.Tables;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code --plant} writes the chance each deal's outcome was drawn from, and outcomes follow it. */
class PlantedProbabilityTest {

    @TempDir
    static Path dir;

    static Export export;
    static Map<String, Double> planted;
    static Map<String, String> category;

    @BeforeAll
    static void generate() {
        export = Export.generate(Export.settings(dir, 0.6).withSeed(7));
        planted = export.rows(CrmGenerator.PLANTED_FILE).stream()
                .collect(Collectors.toMap(r -> r.get("opportunity_id"), r -> Double.parseDouble(r.get("true_probability"))));
        Map<String, String> stageCategory = export.rows(Tables.STAGES).stream()
                .collect(Collectors.toMap(r -> r.get("stage"), r -> r.get("category")));
        category = export.rows(Tables.OPPORTUNITIES).stream()
                .collect(Collectors.toMap(r -> r.get("opportunity_id"), r -> stageCategory.get(r.get("stage"))));
    }

    @Test
    void every_deal_has_a_planted_probability_strictly_between_zero_and_one() {
        assertThat(planted.keySet()).isEqualTo(category.keySet());
        assertThat(planted.values()).allSatisfy(p -> assertThat(p).isStrictlyBetween(0.0, 1.0));
        assertThat(planted.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                - planted.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow()).isGreaterThan(0.7);
    }

    @Test
    void closed_deals_are_won_about_as_often_as_their_planted_probability_says() {
        // Deals created a year or more ago have all closed, so no censoring skews their outcomes.
        List<CSVRecord> old = export.rows(Tables.OPPORTUNITIES).stream()
                .filter(o -> Export.instant(o.get("created_at")).isBefore(Export.SNAPSHOT.minus(365, ChronoUnit.DAYS)))
                .toList();
        assertThat(old).allSatisfy(o -> assertThat(category.get(o.get("opportunity_id"))).isNotEqualTo("open"));
        int[] deals = new int[5];
        int[] won = new int[5];
        double[] sum = new double[5];
        for (CSVRecord o : old) {
            double p = planted.get(o.get("opportunity_id"));
            int bin = Math.min(4, (int) (p * 5));
            deals[bin]++;
            sum[bin] += p;
            won[bin] += category.get(o.get("opportunity_id")).equals("won") ? 1 : 0;
        }
        for (int bin = 0; bin < 5; bin++) {
            if (deals[bin] >= 150) {
                assertThat((double) won[bin] / deals[bin]).as("bin %d of %d deals", bin, deals[bin])
                        .isCloseTo(sum[bin] / deals[bin], within(0.06));
            }
        }
        assertThat(java.util.Arrays.stream(deals).filter(n -> n >= 150).count()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void open_deals_further_along_have_higher_planted_probabilities() {
        Map<String, Double> meanByStage = export.rows(Tables.OPPORTUNITIES).stream()
                .filter(o -> category.get(o.get("opportunity_id")).equals("open"))
                .collect(Collectors.groupingBy(o -> o.get("stage"),
                        Collectors.averagingDouble(o -> planted.get(o.get("opportunity_id")))));
        assertThat(meanByStage.get("Discovery")).isLessThan(meanByStage.get("Evaluation"));
        assertThat(meanByStage.get("Evaluation")).isLessThan(meanByStage.get("Negotiation"));
        assertThat(meanByStage.get("Discovery")).as("early stages win more often than the CRM's 10% default")
                .isGreaterThan(0.2);
    }
}
