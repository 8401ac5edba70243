package io.salescope.ingest.read;

import io.salescope.ingest.parse.RowParser;
import io.salescope.ingest.source.RecordCursor;
import io.salescope.ingest.source.SourceSplit;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A Spark data source (DataSource V2) that reads an export entity's splits in parallel and
 * types each record with {@link RowParser}, producing rows of {@link RowParser#schema}. Rows
 * are built as Spark's internal rows straight from the source bytes, with no string detour,
 * and hold only the columns a query uses: every pass of an ingest re-reads the file instead of
 * caching it, and most passes need a few columns.
 */
public final class ParsedRecordsSource implements TableProvider {

    public static final String PLAN = "plan";

    /** The entity's typed records; lazy, read when an action runs. */
    public static Dataset<Row> load(SparkSession spark, ParsePlan plan) {
        return spark.read().format(ParsedRecordsSource.class.getName()).option(PLAN, plan.encode()).load();
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return schema(ParsePlan.decode(options.get(PLAN)));
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new ParsedTable(ParsePlan.decode(properties.get(PLAN)));
    }

    private static StructType schema(ParsePlan plan) {
        return RowParser.schema(plan.settings().binding().table());
    }

    private record ParsedTable(ParsePlan plan) implements Table, SupportsRead {
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
            return new PrunedScanBuilder(plan);
        }
    }

    /** Reads only the top-level columns a query needs; the others are never built (see RowParser). */
    private static final class PrunedScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns {
        private final ParsePlan plan;
        private StructType required;

        PrunedScanBuilder(ParsePlan plan) {
            this.plan = plan;
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
            return new ParsedScan(plan, required);
        }
    }

    private record ParsedScan(ParsePlan plan, StructType required) implements Scan, Batch, SupportsReportStatistics {
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
                    plan.records(), plan.bytes()), columns);
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

    /** @param columns the parsed row's columns to emit, in order */
    private record ReaderFactory(ParsePlan plan, int[] columns) implements PartitionReaderFactory {
        @Override
        public PartitionReader<InternalRow> createReader(InputPartition partition) {
            SourceSplit split = ((SplitPartition) partition).split();
            try {
                return new SplitReader(plan, split, plan.opener().open(split), columns);
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
        private InternalRow current;
        private long read;

        SplitReader(ParsePlan plan, SourceSplit split, RecordCursor cursor, int[] columns) {
            this.plan = plan;
            this.split = split;
            this.cursor = cursor;
            this.parser = new RowParser(plan.settings(), columns);
            this.columns = columns;
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
                return false;
            }
            read++;
            current = parser.parse(cursor.record(), columns);
            return true;
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
