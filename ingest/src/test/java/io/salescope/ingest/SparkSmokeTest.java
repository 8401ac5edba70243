package io.salescope.ingest;

import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class SparkSmokeTest {
    @Test
    void spark_writes_parquet_that_duckdb_reads(@TempDir Path dir) throws Exception {
        SparkSession spark = Sparks.forTests("smoke");
        Dataset<Row> df = spark.sql("select id, cast(id * 1.5 as double) as amount, timestamp'2026-01-02 03:04:05' as ts, date'2026-01-02' as d from range(10)");
        df.write().parquet(dir.resolve("t").toString());
        spark.stop();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*), sum(amount), typeof(any_value(ts)), any_value(ts)::varchar from read_parquet('" + dir.resolve("t") + "/*.parquet')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(10);
            assertThat(rs.getDouble(2)).isEqualTo(67.5);
            System.out.println(rs.getString(3) + " " + rs.getString(4));
        }
    }
}
