package io.salescope.core.contract;

/** Logical column types of the warehouse; each maps to one Parquet, Spark and DuckDB type. */
public enum ColumnType {
    STRING("VARCHAR"),
    BOOLEAN("BOOLEAN"),
    INT("INTEGER"),
    LONG("BIGINT"),
    DOUBLE("DOUBLE"),
    DATE("DATE"),
    /** An instant, stored as Parquet TIMESTAMP_MICROS adjusted to UTC. */
    TIMESTAMP("TIMESTAMPTZ");

    private final String duckDbType;

    ColumnType(String duckDbType) {
        this.duckDbType = duckDbType;
    }

    public String duckDbType() {
        return duckDbType;
    }
}
