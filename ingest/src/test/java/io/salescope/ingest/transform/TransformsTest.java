package io.salescope.ingest.transform;

import io.salescope.core.contract.DefaultStageModel;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.ingest.parse.RowParser;
import io.salescope.ingest.spark.ContractSchemas;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

class TransformsTest {

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = Sparks.forTests("transforms-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Rows of a table with the parser's line column: values by name, the rest null. */
    static Dataset<Row> rows(TableContract table, List<Map<String, Object>> values) {
        StructType schema = ContractSchemas.schema(table).add(RowParser.LINE, DataTypes.LongType);
        List<Row> out = new ArrayList<>();
        for (Map<String, Object> v : values) {
            Object[] fields = new Object[schema.size()];
            for (int i = 0; i < schema.size(); i++) {
                Object x = v.get(schema.fields()[i].name());
                fields[i] = x instanceof LocalDate d ? Date.valueOf(d) : x instanceof String s && s.startsWith("ts:")
                        ? Timestamp.from(java.time.Instant.parse(s.substring(3))) : x;
            }
            out.add(RowFactory.create(fields));
        }
        return spark.createDataFrame(out, schema);
    }

    static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    @Test
    void the_newest_modified_at_wins_ties_go_to_the_last_line_and_rows_without_one_are_oldest() {
        Dataset<Row> accounts = rows(Tables.ACCOUNTS, List.of(
                m("account_id", "A1", "name", "old", "modified_at", "ts:2026-01-01T00:00:00Z", RowParser.LINE, 2L),
                m("account_id", "A1", "name", "new", "modified_at", "ts:2026-02-01T00:00:00Z", RowParser.LINE, 3L),
                m("account_id", "A1", "name", "older again", "modified_at", "ts:2025-01-01T00:00:00Z", RowParser.LINE, 4L),
                m("account_id", "A2", "name", "tie first", "modified_at", "ts:2026-01-01T00:00:00Z", RowParser.LINE, 5L),
                m("account_id", "A2", "name", "tie last", "modified_at", "ts:2026-01-01T00:00:00Z", RowParser.LINE, 6L),
                m("account_id", "A3", "name", "dated", "modified_at", "ts:2020-01-01T00:00:00Z", RowParser.LINE, 7L),
                m("account_id", "A3", "name", "undated", RowParser.LINE, 8L),
                m("account_id", "A4", "name", "alone", RowParser.LINE, 9L)));

        List<String> everything = names(Dedupe.keepNewest(accounts, Tables.ACCOUNTS));
        Dataset<Row> keys = Dedupe.duplicateKeys(accounts, Tables.ACCOUNTS);
        List<String> broadcastPath = names(Dedupe.keepNewest(accounts, Tables.ACCOUNTS, keys));

        assertThat(everything).containsExactlyInAnyOrder("new", "tie last", "dated", "alone");
        assertThat(broadcastPath).containsExactlyInAnyOrderElementsOf(everything);
        assertThat(keys.select(Dedupe.SHARED_BY).collectAsList()).extracting(r -> r.getLong(0))
                .containsExactlyInAnyOrder(3L, 2L, 2L);
    }

    @Test
    void without_a_version_column_the_last_line_wins() {
        Dataset<Row> activities = rows(Tables.ACTIVITIES, List.of(
                m("activity_id", "X", "subject", "first", RowParser.LINE, 2L),
                m("activity_id", "X", "subject", "second", RowParser.LINE, 3L)));

        assertThat(Dedupe.keepNewest(activities, Tables.ACTIVITIES).select("subject").first().getString(0)).isEqualTo("second");
    }

    @Test
    void stage_names_are_one_key_whatever_their_case_and_spaces() {
        Dataset<Row> stages = rows(Tables.STAGES, List.of(
                m("stage", "Won", "position", 5, RowParser.LINE, 2L),
                m("stage", " won ", "position", 6, RowParser.LINE, 3L),
                m("stage", "Ganó", "position", 7, RowParser.LINE, 4L),
                m("stage", " GANÓ ", "position", 8, RowParser.LINE, 5L),
                m("stage", "Gano", "position", 9, RowParser.LINE, 6L)));

        assertThat(Dedupe.keepNewest(stages, Tables.STAGES).collectAsList()).extracting(r -> r.getAs("position"))
                .containsExactlyInAnyOrder(6, 8, 9);
    }

    @Test
    void outcomes_count_quarantine_reasons_and_duplicate_groups_in_one_aggregation() {
        StructType schema = RowParser.schema(Tables.TEAMS);
        List<Row> parsed = List.of(
                RowFactory.create("T1", "a", null, null, 2L, null, null),
                RowFactory.create("T1", "b", null, null, 3L, null, null),
                RowFactory.create("T1", "c", null, null, 4L, null, null),
                RowFactory.create("T2", "d", null, null, 5L, null, null),
                RowFactory.create(null, null, null, null, 6L, RowFactory.create(null, null, "missing_required", "m", "raw"), null),
                RowFactory.create(null, null, null, null, 7L, RowFactory.create(null, null, "missing_required", "m", "raw"), null),
                RowFactory.create(null, null, null, null, 8L, RowFactory.create(null, null, "malformed_record", "m", "raw"), null));

        List<Row> out = Dedupe.outcomes(spark.createDataFrame(parsed, schema), Tables.TEAMS).collectAsList();

        assertThat(out).extracting(r -> Arrays.asList(r.get(0), r.get(1), r.get(2), r.get(3))).containsExactlyInAnyOrder(
                Arrays.asList(null, 1L, 3L, 0L),
                Arrays.asList("missing_required", 1L, 2L, 0L),
                Arrays.asList("malformed_record", 0L, 1L, 0L));
    }

    @Test
    void outcomes_counted_from_partition_hashes_match_the_aggregation() {
        StructType schema = RowParser.schema(Tables.TEAMS);
        List<Row> parsed = new ArrayList<>();
        Row warning = RowFactory.create("parent_team_id", "x", "m");
        for (int i = 0; i < 5_000; i++) {
            long line = i + 2L;
            if (i % 97 == 0) {
                parsed.add(RowFactory.create(null, null, null, null, line,
                        RowFactory.create(null, null, i % 2 == 0 ? "missing_required" : "unparseable", "m", "raw"), null));
            } else {
                // Every 50th id is held by two rows, every 400th by three; some rows carry a warning.
                String id = "T" + (i % 50 == 1 ? i - 1 : i % 400 == 2 ? i - 2 : i);
                parsed.add(RowFactory.create(id, "n", null, null, line, null, i == 4_321 ? List.of(warning) : null));
            }
        }
        Dataset<Row> rows = spark.createDataFrame(parsed, schema).repartition(3);

        Dedupe.Outcomes aggregated = Dedupe.Outcomes.of(Dedupe.outcomes(rows, Tables.TEAMS).collectAsList());
        Dedupe.Outcomes merged = Dedupe.countOutcomes(rows, Tables.TEAMS);

        assertThat(merged).isEqualTo(aggregated);
        assertThat(merged.duplicateGroups()).isEqualTo(aggregated.duplicateGroups()).isGreaterThan(90);
        assertThat(merged.quarantined()).containsOnlyKeys("missing_required", "unparseable");
        assertThat(merged.warned()).isTrue();
        assertThat(Dedupe.countOutcomes(rows.filter(col(RowParser.LINE).between(4, 6)), Tables.TEAMS))
                .isEqualTo(new Dedupe.Outcomes(Map.of(), 0, false));
    }

    @Test
    void incoming_rows_replace_existing_rows_with_the_same_key_and_the_others_stay() {
        Dataset<Row> existing = rows(Tables.TEAMS, List.of(m("team_id", "T1", "name", "old"), m("team_id", "T2", "name", "kept")))
                .drop(RowParser.LINE);
        Dataset<Row> incoming = rows(Tables.TEAMS, List.of(m("team_id", "T1", "name", "new"), m("team_id", "T3", "name", "added")))
                .drop(RowParser.LINE);

        assertThat(names(Merge.apply(existing, incoming, Tables.TEAMS))).containsExactlyInAnyOrder("new", "kept", "added");
        assertThat(names(Merge.retained(existing, incoming, Tables.TEAMS))).containsExactly("kept");
    }

    @Test
    void conversion_uses_the_rate_valid_on_close_date_and_one_for_the_reporting_currency() {
        Dataset<Row> segments = CurrencyConversion.segments(spark, RateSegments.of(List.of(
                new RateSegments.Rate("EUR", 1.10, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-01")),
                new RateSegments.Rate("EUR", 1.20, LocalDate.parse("2026-02-01"), null)), "USD"));
        Dataset<Row> opps = rows(Tables.OPPORTUNITIES, List.of(
                m("opportunity_id", "O1", "amount", 100.0, "currency", "EUR", "close_date", LocalDate.parse("2026-01-31")),
                m("opportunity_id", "O2", "amount", 100.0, "currency", "EUR", "close_date", LocalDate.parse("2026-02-01")),
                m("opportunity_id", "O3", "amount", 100.0, "currency", "USD", "close_date", LocalDate.parse("2026-02-01")),
                m("opportunity_id", "O4", "amount", 100.0, "currency", "EUR", "close_date", LocalDate.parse("2025-12-31")),
                m("opportunity_id", "O5", "currency", "EUR", "close_date", LocalDate.parse("2026-01-15")),
                m("opportunity_id", "O6", "amount", 100.0, "currency", "JPY", "close_date", LocalDate.parse("2026-01-15"))));

        Dataset<Row> converted = CurrencyConversion.apply(opps, segments, "USD", Tables.OPPORTUNITIES);
        List<Row> out = converted.orderBy("opportunity_id")
                .select("amount_converted", "conversion_rate", "rate_date").collectAsList();

        assertThat(out).extracting(r -> Arrays.asList(r.get(0), r.get(1), r.get(2) == null ? null : r.getDate(2).toLocalDate()))
                .containsExactly(
                        Arrays.asList(110.00000000000001, 1.10, LocalDate.parse("2026-01-01")),
                        Arrays.asList(120.0, 1.20, LocalDate.parse("2026-02-01")),
                        Arrays.asList(100.0, 1.0, null),
                        Arrays.asList(null, null, null),
                        Arrays.asList(null, 1.10, LocalDate.parse("2026-01-01")),
                        Arrays.asList(null, null, null));
        assertThat(CurrencyConversion.unpriced(converted).select("opportunity_id").collectAsList())
                .extracting(r -> r.getString(0)).containsExactlyInAnyOrder("O4", "O6");
        assertThat(converted.columns()).containsExactly(rows(Tables.OPPORTUNITIES, List.of()).columns());
    }

    @Test
    void history_rows_convert_on_their_close_date_else_the_day_of_the_change() {
        Dataset<Row> segments = CurrencyConversion.segments(spark, RateSegments.of(List.of(
                new RateSegments.Rate("EUR", 2.0, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-01")),
                new RateSegments.Rate("EUR", 3.0, LocalDate.parse("2026-02-01"), null)), "USD"));
        Dataset<Row> history = rows(Tables.OPPORTUNITY_HISTORY, List.of(
                m("opportunity_id", "O1", "amount", 10.0, "currency", "EUR", "close_date", LocalDate.parse("2026-01-20"),
                        "changed_date", LocalDate.parse("2026-02-10")),
                m("opportunity_id", "O2", "amount", 10.0, "currency", "EUR", "changed_date", LocalDate.parse("2026-02-10"))));

        List<Row> out = CurrencyConversion.apply(history, segments, "USD", Tables.OPPORTUNITY_HISTORY)
                .orderBy("opportunity_id").select("amount_converted").collectAsList();

        assertThat(out).extracting(r -> r.getDouble(0)).containsExactly(20.0, 30.0);
    }

    @Test
    void stages_get_the_model_spelling_category_position_and_probability() {
        List<Row> model = DefaultStageModel.STAGES.stream().map(s -> RowFactory.create(s.stage(), s.position(),
                s.probability(), s.category(), s.forecastCategory())).toList();
        Dataset<Row> stages = spark.createDataFrame(model, ContractSchemas.schema(Tables.STAGES));
        Dataset<Row> opps = rows(Tables.OPPORTUNITIES, List.of(m("opportunity_id", "O1", "stage", " closed WON")));

        Row r = StageDerivation.apply(opps, stages, Tables.OPPORTUNITIES)
                .select("stage", "stage_category", "stage_position", "stage_probability").first();

        assertThat(Arrays.asList(r.get(0), r.get(1), r.get(2), r.get(3))).containsExactly("Closed Won", "won", 6, 100.0);
    }

    @Test
    void each_dangling_reference_of_a_row_is_one_finding() {
        Dataset<Row> tasks = rows(Tables.TASKS, List.of(
                m("task_id", "K1", "owner_id", "R1", "created_by", "R9", "account_id", "A9", RowParser.LINE, 2L),
                m("task_id", "K2", "owner_id", "R1", "opportunity_id", "O1", RowParser.LINE, 3L)));
        Dataset<Row> users = spark.createDataFrame(List.of(RowFactory.create("R1")), new StructType().add("user_id", DataTypes.StringType));
        Dataset<Row> accounts = spark.createDataFrame(List.of(RowFactory.create("A1")), new StructType().add("account_id", DataTypes.StringType));
        Dataset<Row> opps = spark.createDataFrame(List.of(RowFactory.create("O1")), new StructType().add("opportunity_id", DataTypes.StringType));

        List<Row> out = References.dangling(tasks, Tables.TASKS, Map.of("owner_id", users, "created_by", users,
                "account_id", accounts, "opportunity_id", opps)).orderBy("column_name").collectAsList();

        assertThat(out).extracting(r -> Arrays.asList(r.get(0), r.get(1), r.get(2), r.get(3))).containsExactly(
                Arrays.asList(2L, "account_id", "A9", "account_id 'A9' names no account_id in accounts"),
                Arrays.asList(2L, "created_by", "R9", "created_by 'R9' names no user_id in users"));
    }

    static List<String> names(Dataset<Row> rows) {
        return rows.select(col("name")).collectAsList().stream().map(r -> r.getString(0)).toList();
    }
}
