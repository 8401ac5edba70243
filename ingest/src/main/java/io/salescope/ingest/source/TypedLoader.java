package io.salescope.ingest.source;

import io.salescope.ingest.parse.ParseSettings;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads an entity whose records are not split by offsets (a database table through Spark's
 * JDBC source) and types them with the same {@link io.salescope.ingest.parse.RowParser}.
 */
public interface TypedLoader {

    /** The entity's records as rows of {@link io.salescope.ingest.parse.RowParser#schema}; lazy. */
    Dataset<Row> load(SparkSession spark, ParseSettings settings);
}
