package io.salescope.warehouse.marts;

import io.salescope.core.time.FiscalCalendar;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

/**
 * {@link FiscalCalendar}'s fiscal years and quarters as Spark column expressions, so marts
 * bucket dates exactly as the query engine's periods do.
 */
public final class FiscalColumns {

    private final int startMonth;

    public FiscalColumns(FiscalCalendar calendar) {
        this.startMonth = requireNonNull(calendar, "calendar is null").startMonth();
    }

    /** The fiscal year (named by the calendar year it ends in) of a date column. */
    public Column year(Column date) {
        Column y = functions.year(date);
        return startMonth == 1 ? y : y.plus(when(month(date).geq(startMonth), 1).otherwise(0));
    }

    /** The fiscal quarter, 1-4, of a date column. */
    public Column quarter(Column date) {
        return floor(pmod(month(date).minus(startMonth), lit(12)).divide(3)).plus(1).cast("int");
    }

    public Column yearStart(Column fiscalYear) {
        return make_date(startMonth == 1 ? fiscalYear : fiscalYear.minus(1), lit(startMonth), lit(1));
    }

    public Column yearEnd(Column fiscalYear) {
        return date_sub(add_months(yearStart(fiscalYear), 12), 1);
    }

    public Column quarterStart(Column fiscalYear, Column quarter) {
        return add_months(yearStart(fiscalYear), quarter.minus(1).multiply(3).cast("int"));
    }

    public Column quarterEnd(Column fiscalYear, Column quarter) {
        return date_sub(add_months(quarterStart(fiscalYear, quarter), 3), 1);
    }

    /**
     * The fiscal quarter and the fiscal year containing a date, as an array of two structs
     * (period_type, period, fiscal_year, fiscal_quarter, period_start, period_end) to explode;
     * {@code period} is the API's label ({@code 2026-Q3}, {@code 2026}).
     */
    public Column periodsOf(Column date) {
        Column fy = year(date);
        Column fq = quarter(date);
        Column q = struct(
                lit("quarter").as("period_type"),
                concat(fy.cast("string"), lit("-Q"), fq.cast("string")).as("period"),
                fy.cast("int").as("fiscal_year"),
                fq.as("fiscal_quarter"),
                quarterStart(fy, fq).as("period_start"),
                quarterEnd(fy, fq).as("period_end"));
        Column y = struct(
                lit("year").as("period_type"),
                fy.cast("string").as("period"),
                fy.cast("int").as("fiscal_year"),
                lit(null).cast("int").as("fiscal_quarter"),
                yearStart(fy).as("period_start"),
                yearEnd(fy).as("period_end"));
        return array(q, y);
    }
}
