package io.salescope.warehouse.marts;

import io.salescope.core.time.FiscalCalendar;
import io.salescope.core.time.Period;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.assertj.core.api.Assertions.assertThat;

class FiscalColumnsTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = Sparks.forTests("fiscal-columns-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 7, 10, 12})
    void fiscal_columns_agree_with_the_fiscal_calendar_on_every_day(int startMonth) {
        FiscalCalendar calendar = new FiscalCalendar(startMonth);
        FiscalColumns fiscal = new FiscalColumns(calendar);
        var days = spark.sql("select explode(sequence(date'2025-01-01', date'2027-12-31')) as d");

        List<Map<String, Object>> rows = TestTables.maps(days
                .withColumn("p", explode(fiscal.periodsOf(col("d"))))
                .select(col("d"), col("p.*"), fiscal.year(col("d")).as("fy"), fiscal.quarter(col("d")).as("fq")));

        assertThat(rows).hasSize(2 * 1095);
        for (Map<String, Object> r : rows) {
            java.time.LocalDate d = (java.time.LocalDate) r.get("d");
            assertThat(r.get("fy")).isEqualTo(calendar.fiscalYearOf(d));
            assertThat(r.get("fq")).isEqualTo(calendar.fiscalQuarterOf(d));
            Period expected = r.get("period_type").equals("year")
                    ? calendar.year(calendar.fiscalYearOf(d))
                    : calendar.quarter(calendar.fiscalYearOf(d), calendar.fiscalQuarterOf(d));
            assertThat(r.get("period")).as("label of %s", d).isEqualTo(expected.label());
            assertThat(r.get("period_start")).as("start of %s", d).isEqualTo(expected.from());
            assertThat(r.get("period_end")).as("end of %s", d).isEqualTo(expected.to());
        }
    }
}
