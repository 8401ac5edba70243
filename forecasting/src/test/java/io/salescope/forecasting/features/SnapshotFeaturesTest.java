package io.salescope.forecasting.features;

import io.salescope.forecasting.data.ForecastInputs;
import io.salescope.forecasting.testing.SyntheticCrm;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Features at a date use nothing after it. The fixture tempts leakage on purpose: the later
 * export holds future activities, later stage changes and pushes, deals closed after the
 * snapshot, the reps' and accounts' later wins, and today's state in every opportunities row.
 */
class SnapshotFeaturesTest {

    static SparkSession spark;
    static final LocalDate SNAPSHOT = LocalDate.of(2025, 9, 30);
    static final LocalDate LATER = LocalDate.of(2026, 6, 30);
    static SyntheticCrm crm;

    @BeforeAll
    static void start() {
        spark = Sparks.forTests("snapshot-features-test");
        crm = new SyntheticCrm(7, 900, LocalDate.of(2024, 1, 1), LocalDate.of(2026, 6, 1));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Map<String, String> featuresAt(Map<String, List<Row>> export, LocalDate d) {
        ForecastInputs in = ForecastInputs.of(SyntheticCrm.frames(spark, export));
        Dataset<Row> f = new SnapshotFeatures(ZoneOffset.UTC, 1).snapshots(in, SnapshotFeatures.dates(spark, List.of(d)));
        List<String> cols = new ArrayList<>(List.of("opportunity_id", "stage", "amount", "expected_close", "owner_id"));
        cols.addAll(SnapshotFeatures.NUMERIC);
        cols.addAll(SnapshotFeatures.CATEGORICAL);
        Map<String, String> out = new TreeMap<>();
        for (Row r : f.select(cols.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new)).collectAsList()) {
            out.put(r.getString(0), r.toString());
        }
        return out;
    }

    @Test
    void features_at_a_date_do_not_change_when_later_data_is_added() {
        Map<String, List<Row>> thenExport = crm.export(SNAPSHOT);
        Map<String, List<Row>> laterExport = crm.export(LATER);
        Map<String, String> then = featuresAt(thenExport, SNAPSHOT);
        Map<String, String> later = featuresAt(laterExport, SNAPSHOT);

        assertThat(then).hasSizeGreaterThan(50);
        assertThat(later).isEqualTo(then);
        // The later export really does hold the temptations.
        assertThat(laterExport.get("activities")).hasSizeGreaterThan(thenExport.get("activities").size());
        assertThat(laterExport.get("opportunity_history")).hasSizeGreaterThan(thenExport.get("opportunity_history").size());
    }

    @Test
    void deals_open_on_the_snapshot_date_and_closed_later_are_snapshotted_as_open_with_their_outcome_as_label_only() {
        ForecastInputs in = ForecastInputs.of(SyntheticCrm.frames(spark, crm.export(LATER)));
        Dataset<Row> f = new SnapshotFeatures(ZoneOffset.UTC, 1).snapshots(in, SnapshotFeatures.dates(spark, List.of(SNAPSHOT)));
        List<Row> closedLater = f.where(col("closed_on").gt(java.sql.Date.valueOf(SNAPSHOT))).collectAsList();
        assertThat(closedLater).isNotEmpty();
        assertThat(f.where(col("closed_on").leq(java.sql.Date.valueOf(SNAPSHOT))).count()).isZero();
        assertThat(f.where(col("stage").isin("Closed Won", "Closed Lost")).count()).isZero();
    }

    @Test
    void win_rates_count_only_deals_closed_strictly_before_the_snapshot() {
        ForecastInputs in = ForecastInputs.of(SyntheticCrm.frames(spark, crm.export(LATER)));
        SnapshotFeatures features = new SnapshotFeatures(ZoneOffset.UTC, 1);
        Dataset<Row> timeline = features.timeline(in);
        Dataset<Row> deals = features.deals(in, timeline);
        Row r = features.snapshots(in, timeline, deals, SnapshotFeatures.dates(spark, List.of(SNAPSHOT)))
                .where(col("owner_id").equalTo("R1")).select("rep_closed").first();
        long closedBefore = deals.where(col("owner_id").equalTo("R1")
                .and(col("closed_on").lt(java.sql.Date.valueOf(SNAPSHOT)))).count();
        assertThat(r.getDouble(0)).isEqualTo((double) closedBefore);
    }
}
