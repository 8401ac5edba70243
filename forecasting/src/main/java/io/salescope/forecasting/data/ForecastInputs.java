package io.salescope.forecasting.data;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.core.store.Storage;
import io.salescope.core.store.VersionManifest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The warehouse tables the forecast reads, each with exactly its contract's columns and types
 * (a column a version lacks is null), so every step downstream can rely on the contract.
 */
public record ForecastInputs(
        Dataset<Row> opportunities,
        Dataset<Row> history,
        Dataset<Row> activities,
        Dataset<Row> accounts,
        Dataset<Row> products,
        Dataset<Row> stages,
        Dataset<Row> users,
        Dataset<Row> teams,
        Dataset<Row> winScoreHistory) {

    public ForecastInputs {
        requireNonNull(opportunities, "opportunities is null");
        requireNonNull(history, "history is null");
        requireNonNull(activities, "activities is null");
        requireNonNull(accounts, "accounts is null");
        requireNonNull(products, "products is null");
        requireNonNull(stages, "stages is null");
        requireNonNull(users, "users is null");
        requireNonNull(teams, "teams is null");
        requireNonNull(winScoreHistory, "winScoreHistory is null");
    }

    /** Reads {@code manifest}'s tables from Parquet. */
    public static ForecastInputs read(SparkSession spark, Storage storage, VersionManifest manifest) {
        Map<String, Dataset<Row>> frames = new LinkedHashMap<>();
        for (TableContract t : List.of(Tables.OPPORTUNITIES, Tables.OPPORTUNITY_HISTORY, Tables.ACTIVITIES,
                Tables.ACCOUNTS, Tables.PRODUCTS, Tables.STAGES, Tables.USERS, Tables.TEAMS, Tables.WIN_SCORE_HISTORY)) {
            frames.put(t.name(), readTable(spark, storage, manifest, t));
        }
        return of(frames);
    }

    /** Inputs from frames keyed by table name; a missing table is empty, missing columns are null. */
    public static ForecastInputs of(Map<String, Dataset<Row>> frames) {
        Dataset<Row> any = frames.values().iterator().next();
        SparkSession spark = any.sparkSession();
        java.util.function.Function<TableContract, Dataset<Row>> get = t -> frames.containsKey(t.name())
                ? conform(frames.get(t.name()), t)
                : spark.createDataFrame(List.of(), SparkContracts.schema(t));
        return new ForecastInputs(get.apply(Tables.OPPORTUNITIES), get.apply(Tables.OPPORTUNITY_HISTORY),
                get.apply(Tables.ACTIVITIES), get.apply(Tables.ACCOUNTS), get.apply(Tables.PRODUCTS),
                get.apply(Tables.STAGES), get.apply(Tables.USERS), get.apply(Tables.TEAMS),
                get.apply(Tables.WIN_SCORE_HISTORY));
    }

    static Dataset<Row> readTable(SparkSession spark, Storage storage, VersionManifest manifest, TableContract t) {
        var entry = manifest.table(t.name());
        if (entry.isEmpty()) {
            return spark.createDataFrame(List.of(), SparkContracts.schema(t));
        }
        try {
            if (!storage.exists(entry.get().path()) || entry.get().rows() == 0) {
                return spark.createDataFrame(List.of(), SparkContracts.schema(t));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return conform(spark.read().parquet(storage.location(entry.get().path())), t);
    }

    /** The frame with exactly the contract's columns, in order, cast to their types. */
    public static Dataset<Row> conform(Dataset<Row> frame, TableContract t) {
        List<String> present = List.of(frame.columns());
        List<org.apache.spark.sql.Column> cols = new ArrayList<>();
        for (Column c : t.columns()) {
            org.apache.spark.sql.Column value = present.contains(c.name()) ? col(c.name()) : lit(null);
            cols.add(value.cast(SparkContracts.sparkType(c.type())).as(c.name()));
        }
        return frame.select(cols.toArray(org.apache.spark.sql.Column[]::new));
    }
}
