package io.salescope.warehouse.marts;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.ColumnType;
import io.salescope.core.contract.TableContract;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.List;

import static org.apache.spark.sql.functions.col;

/** Spark schemas of the table contracts (types mapped by ingest's {@code ContractSchemas}). */
public final class SparkSchemas {

    private SparkSchemas() {
    }

    public static DataType dataType(ColumnType type) {
        return io.salescope.ingest.spark.ContractSchemas.sparkType(type);
    }

    /** Every column nullable: required-ness is enforced by ingest, not by the Parquet schema. */
    public static StructType of(TableContract contract) {
        List<StructField> fields = contract.columns().stream()
                .map(c -> DataTypes.createStructField(c.name(), dataType(c.type()), true))
                .toList();
        return DataTypes.createStructType(fields);
    }

    /**
     * The contract's columns of {@code df}, in contract order and cast to the contract's
     * types, so every mart is written with exactly its documented schema.
     *
     * @throws IllegalArgumentException when {@code df} lacks a contract column
     */
    public static Dataset<Row> conform(Dataset<Row> df, TableContract contract) {
        List<String> present = List.of(df.columns());
        List<org.apache.spark.sql.Column> columns = new java.util.ArrayList<>();
        for (Column c : contract.columns()) {
            if (!present.contains(c.name())) {
                throw new IllegalArgumentException(contract.name() + ": the computed table has no column "
                        + c.name() + " (it has " + present + ")");
            }
            columns.add(col(c.name()).cast(dataType(c.type())).as(c.name()));
        }
        return df.select(columns.toArray(org.apache.spark.sql.Column[]::new));
    }
}
