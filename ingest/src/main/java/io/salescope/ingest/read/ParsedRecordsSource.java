package io.salescope.ingest.read;

import io.salescope.ingest.parse.RowParser;
import io.salescope.ingest.source.RecordCursor;
import io.salescope.ingest.source.SourceSplit;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.apache.spark.unsafe.types.UTF8String;

import io.salescope.ingest.transform.Dedupe;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Spark data source (DataSource V2) that reads an export entity's splits in parallel and
 * types each record with {@link RowParser}, producing rows of {@link RowParser#schema}. Rows
 * are built as Spark's internal rows straight from the source bytes, with no string detour,
 * and hold only the columns a query uses: every pass of an ingest re-reads the file instead of
 * caching it, and most passes need a few columns.
 */
public final class ParsedRecordsSource implements TableProvider {

    public static final String PLAN = "plan";
    private static final String OUTCOMES = "outcomes";

    /** Collections of reads in progress, by accumulator id; looked up on the driver when a read is planned. */
    private static final Map<Long, Collecting> COLLECTING = new ConcurrentHashMap<>();

    /** The entity's typed records; lazy, read when an action runs. */
    public static Dataset<Row> load(SparkSession spark, ParsePlan plan) {
        return spark.read().format(ParsedRecordsSource.class.getName()).option(PLAN, plan.encode()).load();
    }

    /**
     * The entity's typed records, as {@link #load(SparkSession, ParsePlan)}; each split read also
     * adds its outcome to the collector (registered with Spark): rows per quarantine reason, the
     * kept rows' key hashes and, where given, the kept rows with a dangling reference. Call
     * {@link #forget} once the action that reads it has run.
     */
    public static Dataset<Row> load(SparkSession spark, ParsePlan plan, Collecting collecting) {
        if (!collecting.collector().isRegistered()) {
            throw new IllegalArgumentException("register the collector with Spark first");
        }
        COLLECTING.put(collecting.collector().id(), collecting);
        return spark.read().format(ParsedRecordsSource.class.getName()).option(PLAN, plan.encode())
                .option(OUTCOMES, Long.toString(collecting.collector().id())).load();
    }

    /** Stops reads planned from now on from finding {@code collecting}. */
    public static void forget(Collecting collecting) {
        COLLECTING.remove(collecting.collector().id());
    }

    /** The collection an {@link #OUTCOMES} option names, or null. */
    private static Collecting collecting(String option) {
        if (option == null) {
            return null;
        }
        Collecting collecting = COLLECTING.get(Long.parseLong(option));
        if (collecting == null) {
            throw new IllegalStateException("internal error: a parsed read was planned after its outcome collector was released");
        }
        return collecting;
    }

    /**
     * What split readers collect, and where it goes.
     *
     * @param keyColumns the table's key columns (indexes into {@link RowParser#schema}), hashed per kept row
     * @param referenceColumns text columns whose values must be among {@code referenceIds} (same
     *     order), else the row counts as having a dangling reference; may be empty
     */
    public record Collecting(OutcomeAccumulator collector, int[] keyColumns, int[] referenceColumns,
                             List<Broadcast<IdSet>> referenceIds) implements Serializable {
        public Collecting {
            if (referenceColumns.length != referenceIds.size()) {
                throw new IllegalArgumentException("one id set per reference column");
            }
            referenceIds = List.copyOf(referenceIds);
        }
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return schema(ParsePlan.decode(options.get(PLAN)));
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new ParsedTable(ParsePlan.decode(properties.get(PLAN)), properties.get(OUTCOMES));
    }

    private static StructType schema(ParsePlan plan) {
        return RowParser.schema(plan.settings().binding().table());
    }

    /** @param outcomes the {@link #OUTCOMES} option, or null */
    private record ParsedTable(ParsePlan plan, String outcomes) implements Table, SupportsRead {
        @Override
        public String name() {
            return plan.settings().binding().sourceName();
        }

        @Override
        public StructType schema() {
            return ParsedRecordsSource.schema(plan);
        }

        @Override
        public Set<TableCapability> capabilities() {
            return Set.of(TableCapability.BATCH_READ);
        }

        @Override
        public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
            return new PrunedScanBuilder(plan, outcomes);
        }
    }

    /** Reads only the top-level columns a query needs; the others are never built (see RowParser). */
    private static final class PrunedScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns {
        private final ParsePlan plan;
        private final String outcomes;
        private StructType required;

        PrunedScanBuilder(ParsePlan plan, String outcomes) {
            this.plan = plan;
            this.outcomes = outcomes;
            this.required = ParsedRecordsSource.schema(plan);
        }

        @Override
        public void pruneColumns(StructType requiredSchema) {
            StructType full = ParsedRecordsSource.schema(plan);
            StructType pruned = new StructType();
            for (String name : full.fieldNames()) {
                if (requiredSchema.getFieldIndex(name).isDefined()) {
                    pruned = pruned.add(full.apply(name));
                }
            }
            required = pruned;
        }

        @Override
        public Scan build() {
            return new ParsedScan(plan, required, outcomes);
        }
    }

    private record ParsedScan(ParsePlan plan, StructType required, String outcomes)
            implements Scan, Batch, SupportsReportStatistics {
        @Override
        public StructType readSchema() {
            return required;
        }

        @Override
        public String description() {
            return "parsed " + plan.settings().binding().sourceName() + " (" + plan.splits().size() + " splits)";
        }

        @Override
        public Batch toBatch() {
            return this;
        }

        @Override
        public InputPartition[] planInputPartitions() {
            return plan.splits().stream().map(SplitPartition::new).toArray(InputPartition[]::new);
        }

        @Override
        public PartitionReaderFactory createReaderFactory() {
            StructType full = ParsedRecordsSource.schema(plan);
            int[] columns = java.util.Arrays.stream(required.fieldNames()).mapToInt(full::fieldIndex).toArray();
            return new ReaderFactory(new ParsePlan(plan.settings(), java.util.List.of(), plan.opener(),
                    plan.records(), plan.bytes()), columns, collecting(outcomes));
        }

        @Override
        public Statistics estimateStatistics() {
            return new Statistics() {
                @Override
                public OptionalLong sizeInBytes() {
                    return OptionalLong.of(Math.max(1, plan.bytes()));
                }

                @Override
                public OptionalLong numRows() {
                    return OptionalLong.of(plan.records());
                }
            };
        }
    }

    private record SplitPartition(SourceSplit split) implements InputPartition {
    }

    /**
     * @param columns the parsed row's columns to emit, in order
     * @param collecting where split outcomes go, or null
     */
    private record ReaderFactory(ParsePlan plan, int[] columns, Collecting collecting) implements PartitionReaderFactory {
        @Override
        public PartitionReader<InternalRow> createReader(InputPartition partition) {
            SourceSplit split = ((SplitPartition) partition).split();
            try {
                return new SplitReader(plan, split, plan.opener().open(split), columns, collecting);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open split " + split.index() + " of "
                        + plan.settings().binding().sourceName(), e);
            }
        }
    }

    /** Types one split's records and checks it read as many as the driver's scan planned. */
    private static final class SplitReader implements PartitionReader<InternalRow> {
        private final ParsePlan plan;
        private final SourceSplit split;
        private final RecordCursor cursor;
        private final RowParser parser;
        private final int[] columns;
        private final Collecting collecting;
        private final Dedupe.Tally tally;
        private final int quarantineColumn;
        private final int warningsColumn;
        private final int[] referenceColumns;
        private final IdSet[] references;
        private InternalRow current;
        private long read;
        private boolean reported;

        SplitReader(ParsePlan plan, SourceSplit split, RecordCursor cursor, int[] columns, Collecting collecting) {
            this.plan = plan;
            this.split = split;
            this.cursor = cursor;
            // Hashing the keys needs them copied even when the query does not ask for them.
            this.parser = new RowParser(plan.settings(), collecting == null ? columns : null);
            this.columns = columns;
            this.collecting = collecting;
            this.tally = collecting == null ? null : new Dedupe.Tally();
            int width = RowParser.schema(plan.settings().binding().table()).size();
            this.quarantineColumn = width - 2;
            this.warningsColumn = width - 1;
            this.referenceColumns = collecting == null ? new int[0] : collecting.referenceColumns();
            this.references = collecting == null ? new IdSet[0]
                    : collecting.referenceIds().stream().map(Broadcast::value).toArray(IdSet[]::new);
        }

        @Override
        public boolean next() throws IOException {
            if (!cursor.next()) {
                if (read != split.records()) {
                    throw new IllegalStateException("internal error: split " + split.index() + " of "
                            + plan.settings().binding().sourceName() + " held " + read
                            + " records where the planning scan found " + split.records()
                            + " (did the file change during the run?)");
                }
                if (tally != null && !reported) {
                    collecting.collector().add(new OutcomeAccumulator.Split(split.index(), tally.finish()));
                    reported = true;
                }
                return false;
            }
            read++;
            InternalRow full = parser.parse(cursor.record());
            if (tally != null) {
                count(full);
            }
            current = parser.project(full, columns);
            return true;
        }

        private void count(InternalRow full) {
            if (!full.isNullAt(quarantineColumn)) {
                tally.quarantined(full.getStruct(quarantineColumn, RowParser.QUARANTINE_TYPE.size()).getUTF8String(2).toString());
                return;
            }
            GenericInternalRow row = (GenericInternalRow) full;
            long hash = 42;
            for (int k : collecting.keyColumns()) {
                hash = OutcomeAccumulator.hash(row.genericGet(k), hash);
            }
            boolean dangling = false;
            for (int r = 0; r < references.length && !dangling; r++) {
                Object id = row.genericGet(referenceColumns[r]);
                dangling = id != null && !references[r].contains((UTF8String) id);
            }
            tally.kept(hash, !full.isNullAt(warningsColumn), dangling);
        }

        @Override
        public InternalRow get() {
            return current;
        }

        @Override
        public void close() throws IOException {
            cursor.close();
        }
    }
}
