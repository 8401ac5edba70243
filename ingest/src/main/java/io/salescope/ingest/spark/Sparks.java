package io.salescope.ingest.spark;

import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * The SparkSession every salescope job uses. The master comes from {@code --master},
 * {@code SALESCOPE_SPARK_MASTER} or {@code spark.master} as spark-submit sets it, else
 * {@code local[*]}. On a cluster master outside spark-submit (the launcher's {@code --master
 * spark://...}), {@code SALESCOPE_JOBS_JAR} names the job jar the executors load. Parquet is written with zstd and UTC-adjusted microsecond timestamps so
 * DuckDB reads it as written.
 */
public final class Sparks {

    public static final String ENV_MASTER = "SALESCOPE_SPARK_MASTER";
    public static final String ENV_SHUFFLE_PARTITIONS = "SALESCOPE_SHUFFLE_PARTITIONS";
    /** The job jar the launcher built; shipped to a cluster's executors, which lack our classes. */
    public static final String ENV_JOBS_JAR = "SALESCOPE_JOBS_JAR";

    private Sparks() {
    }

    public static SparkSession session(String appName, String master) {
        return session(appName, master, Map.of());
    }

    public static SparkSession session(String appName, String master, Map<String, String> extra) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        String chosen = master != null ? master
                : System.getenv(ENV_MASTER) != null ? System.getenv(ENV_MASTER)
                : System.getProperty("spark.master");
        builder.master(chosen != null ? chosen : "local[*]");
        String jobsJar = System.getenv(ENV_JOBS_JAR);
        // spark-submit ships its jar itself (and sets spark.jars); local mode needs none.
        if (chosen != null && !chosen.startsWith("local") && jobsJar != null && System.getProperty("spark.jars") == null) {
            builder.config("spark.jars", jobsJar);
        }
        // Tuning settings yield to spark-submit's --conf (system properties); formats do not.
        String shuffle = System.getenv().getOrDefault(ENV_SHUFFLE_PARTITIONS,
                System.getProperty("spark.sql.shuffle.partitions", "8"));
        builder.config("spark.sql.shuffle.partitions", shuffle)
                .config("spark.sql.adaptive.enabled", System.getProperty("spark.sql.adaptive.enabled", "true"))
                .config("spark.ui.enabled", System.getProperty("spark.ui.enabled", "false"))
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.parquet.compression.codec", "zstd")
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                .config("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED")
                .config("spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED")
                .config("spark.sql.ansi.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.sources.partitionOverwriteMode", "static");
        extra.forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel(System.getenv().getOrDefault("SALESCOPE_SPARK_LOG_LEVEL", "WARN"));
        return spark;
    }

    /** A small session for tests: local[2], few shuffle partitions. */
    public static SparkSession forTests(String appName) {
        return session(appName, "local[2]", Map.of(
                "spark.sql.shuffle.partitions", "2",
                "spark.default.parallelism", "2",
                "spark.driver.host", "127.0.0.1",
                "spark.driver.bindAddress", "127.0.0.1"));
    }
}
