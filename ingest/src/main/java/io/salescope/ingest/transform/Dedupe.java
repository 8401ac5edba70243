package io.salescope.ingest.transform;

import io.salescope.core.contract.TableContract;
import io.salescope.ingest.parse.RowParser;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Of the rows sharing a key, keeps the one with the newest version column (usually
 * {@code modified_at}; a row without one is older than any with one), ties going to the last
 * line (crm-export-v1, "Identity"). Rows need {@link RowParser#LINE}.
 */
public final class Dedupe {

    public static final String SHARED_BY = "_n";

    private Dedupe() {
    }

    /** The keys more than one row holds ({@code _k0...}) and how many rows hold each ({@link #SHARED_BY}). */
    public static Dataset<Row> duplicateKeys(Dataset<Row> rows, TableContract table) {
        return Keys.withKeys(rows, table).groupBy(Keys.columns(table))
                .agg(count(lit(1)).as(SHARED_BY))
                .filter(col(SHARED_BY).gt(1));
    }

    /**
     * In one aggregation over parsed rows ({@link RowParser#schema}): per quarantine reason
     * ({@code reason}, null for kept rows) the rows ({@code rows}); for kept rows, how many key
     * hashes more than one row holds ({@code groups}), how many rows hold them ({@code rows}),
     * and about how many key hashes have rows with invalid-value warnings ({@code warned}, 0
     * exactly when no row has one). Hashes make the shuffle small; they find every duplicate, and a hash
     * collision at worst sends the table through {@link #duplicateKeys}, which is exact.
     */
    public static Dataset<Row> outcomes(Dataset<Row> parsed, TableContract table) {
        // Fixed-width grouping keys (a reason code and a 64-bit hash) aggregate much faster than strings.
        Column reason = col(RowParser.QUARANTINE + ".reason");
        Column code = lit(0);
        for (int i = REASONS.size() - 1; i >= 0; i--) {
            code = when(reason.equalTo(REASONS.get(i)), lit(i + 1)).otherwise(code);
        }
        Column unknown = when(reason.isNotNull().and(code.equalTo(0)), lit(-1)).otherwise(code);
        Column hash = when(reason.isNull(), xxhash64(Keys.expressions(table))).otherwise(lit(0L));
        Column reasonName = lit(null).cast("string");
        for (int i = 0; i < REASONS.size(); i++) {
            reasonName = when(col("_code").equalTo(i + 1), lit(REASONS.get(i))).otherwise(reasonName);
        }
        reasonName = when(col("_code").equalTo(-1), lit("unknown")).otherwise(reasonName);
        return parsed.groupBy(unknown.as("_code"), hash.as("_h"))
                .agg(count(lit(1)).as(SHARED_BY), max(col(RowParser.WARNINGS).isNotNull()).as("_warned"))
                .filter(col("_code").notEqual(0).or(col(SHARED_BY).gt(1)).or(col("_warned")))
                .groupBy(col("_code"))
                .agg(sum(when(col(SHARED_BY).gt(1), 1).otherwise(0)).cast("long").as("groups"),
                        sum(when(col(SHARED_BY).gt(1).or(col("_code").notEqual(0)), col(SHARED_BY)).otherwise(0))
                                .cast("long").as("rows"),
                        sum(when(col("_warned"), 1).otherwise(0)).cast("long").as("warned"))
                .select(reasonName.as("reason"), col("groups"), col("rows"), col("warned"));
    }

    /**
     * What one pass over parsed rows found.
     *
     * @param quarantined rows per quarantine reason
     * @param duplicateGroups key hashes that more than one kept row holds (0 exactly when no
     *     key is duplicated; a hash collision at worst makes it positive, see {@link #duplicateKeys})
     * @param warned whether any kept row has an invalid-value warning
     */
    public record Outcomes(Map<String, Long> quarantined, long duplicateGroups, boolean warned) {
        public Outcomes {
            quarantined = Map.copyOf(new TreeMap<>(quarantined));
        }

        /** Rows per rejection reason: {@link #quarantined} without the records left out or deleted by the source. */
        public Map<String, Long> rejects() {
            Map<String, Long> out = new TreeMap<>(quarantined);
            out.remove(RowParser.FILTERED);
            out.remove(RowParser.DELETED);
            return out;
        }

        public long rejected() {
            return rejects().values().stream().mapToLong(Long::longValue).sum();
        }

        /** Records the source left out ({@link RowParser#FILTERED}). */
        public long filtered() {
            return quarantined.getOrDefault(RowParser.FILTERED, 0L);
        }

        /** Deletions the source sent ({@link RowParser#DELETED}). */
        public long deleted() {
            return quarantined.getOrDefault(RowParser.DELETED, 0L);
        }

        /** From the rows of {@link #outcomes}. */
        public static Outcomes of(List<Row> rows) {
            Map<String, Long> quarantined = new TreeMap<>();
            long groups = 0;
            long warned = 0;
            for (Row r : rows) {
                warned += r.getLong(3);
                if (r.isNullAt(0)) {
                    groups = r.getLong(1);
                } else {
                    quarantined.put(r.getString(0), r.getLong(2));
                }
            }
            return new Outcomes(quarantined, groups, warned > 0);
        }
    }

    /**
     * The same counts as {@link #outcomes}, without a shuffle: each partition sorts its kept
     * rows' key hashes and sends them to the driver with its reason counts, and the driver
     * finds the shared hashes in the merged list. Costs 8 bytes of driver memory per kept row,
     * so it suits tables of up to tens of millions of rows; {@link #outcomes} scales further.
     */
    public static Outcomes countOutcomes(Dataset<Row> parsed, TableContract table) {
        Column reason = col(RowParser.QUARANTINE + ".reason");
        Dataset<Row> slim = parsed.select(reason.as("reason"),
                when(reason.isNull(), xxhash64(Keys.expressions(table))).as("hash"),
                col(RowParser.WARNINGS).isNotNull().as("warned"));
        return combine(slim.javaRDD().mapPartitions(Dedupe::summarize).collect());
    }

    /**
     * Merges partitions' summaries: adds their reason counts and finds the key hashes that more
     * than one kept row holds in their merged, sorted hashes.
     */
    public static Outcomes combine(Collection<PartitionOutcome> parts) {
        Map<String, Long> quarantined = new TreeMap<>();
        boolean warned = false;
        int total = 0;
        for (PartitionOutcome part : parts) {
            part.quarantined().forEach((k, v) -> quarantined.merge(k, v, Long::sum));
            warned |= part.warned();
            total = Math.addExact(total, part.hashes().length);
        }
        long[] all = new long[total];
        int at = 0;
        for (PartitionOutcome part : parts) {
            System.arraycopy(part.hashes(), 0, all, at, part.hashes().length);
            at += part.hashes().length;
        }
        Arrays.sort(all);
        long groups = 0;
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1] && (i == 1 || all[i - 1] != all[i - 2])) {
                groups++;
            }
        }
        return new Outcomes(quarantined, groups, warned);
    }

    /**
     * One partition's part of {@link #combine}: its rows per quarantine reason, its kept rows'
     * key hashes (sorted), whether a kept row has an invalid-value warning, how many records it
     * read, and how many kept rows have a dangling reference (where the reader checked them).
     */
    public record PartitionOutcome(Map<String, Long> quarantined, long[] hashes, boolean warned, long records,
                                   long dangling) implements Serializable {
    }

    /** Builds a {@link PartitionOutcome} row by row. */
    public static final class Tally {
        private final Map<String, Long> quarantined = new TreeMap<>();
        private long[] hashes = new long[1024];
        private int kept;
        private boolean warned;
        private long records;
        private long dangling;

        public void quarantined(String reason) {
            records++;
            quarantined.merge(reason, 1L, Long::sum);
        }

        public void kept(long keyHash, boolean hasWarnings, boolean hasDangling) {
            records++;
            if (hasDangling) {
                dangling++;
            }
            if (kept == hashes.length) {
                hashes = Arrays.copyOf(hashes, Math.multiplyExact(kept, 2));
            }
            hashes[kept++] = keyHash;
            warned |= hasWarnings;
        }

        public PartitionOutcome finish() {
            long[] sorted = Arrays.copyOf(hashes, kept);
            Arrays.sort(sorted);
            return new PartitionOutcome(new TreeMap<>(quarantined), sorted, warned, records, dangling);
        }
    }

    private static Iterator<PartitionOutcome> summarize(Iterator<Row> rows) {
        Tally tally = new Tally();
        while (rows.hasNext()) {
            Row r = rows.next();
            if (!r.isNullAt(0)) {
                tally.quarantined(r.getString(0));
            } else {
                tally.kept(r.getLong(1), r.getBoolean(2), false);
            }
        }
        return List.of(tally.finish()).iterator();
    }

    /** Every quarantine reason code RowParser writes. */
    private static final List<String> REASONS = List.of(RowParser.MISSING_REQUIRED, RowParser.UNPARSEABLE,
            RowParser.NOT_ALLOWED, RowParser.UNKNOWN_STAGE, RowParser.BAD_CURRENCY, RowParser.QUOTA_OWNER_AND_TEAM,
            RowParser.MALFORMED_RECORD, RowParser.FILTERED, RowParser.DELETED);

    /** The newest row per key, ranking all rows. */
    public static Dataset<Row> keepNewest(Dataset<Row> rows, TableContract table) {
        return Keys.dropKeys(newestPerKey(Keys.withKeys(rows, table), table), table);
    }

    /**
     * The newest row per key where only the rows of {@code duplicateKeys} (small, broadcast)
     * need ranking: the others pass through without a shuffle.
     */
    public static Dataset<Row> keepNewest(Dataset<Row> rows, TableContract table, Dataset<Row> duplicateKeys) {
        Dataset<Row> keyed = Keys.withKeys(rows, table);
        String[] keyNames = Keys.names(table).toArray(String[]::new);
        Dataset<Row> keys = broadcast(duplicateKeys.select(Keys.columns(table)));
        Dataset<Row> unique = keyed.join(keys, keyNames, "left_anti");
        Dataset<Row> shared = keyed.join(keys, keyNames, "left_semi");
        return Keys.dropKeys(unique.unionByName(newestPerKey(shared, table)), table);
    }

    private static Dataset<Row> newestPerKey(Dataset<Row> keyed, TableContract table) {
        List<Column> order = new ArrayList<>();
        if (table.versionColumn() != null) {
            order.add(col(table.versionColumn()).desc_nulls_last());
        }
        order.add(col(RowParser.LINE).desc());
        WindowSpec w = Window.partitionBy(Keys.columns(table)).orderBy(order.toArray(Column[]::new));
        return keyed.withColumn("_rank", row_number().over(w)).filter(col("_rank").equalTo(1)).drop("_rank");
    }
}
