package io.salescope.ingest.spark;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.ColumnType;
import io.salescope.core.contract.TableContract;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/** Spark schemas of the table contracts: the one place a contract type becomes a Spark type. */
public final class ContractSchemas {

    private ContractSchemas() {
    }

    public static DataType sparkType(ColumnType type) {
        return switch (type) {
            case STRING -> DataTypes.StringType;
            case BOOLEAN -> DataTypes.BooleanType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case DATE -> DataTypes.DateType;
            case TIMESTAMP -> DataTypes.TimestampType;
        };
    }

    /** The table's columns in contract order; all nullable (a reader gets what the files hold). */
    public static StructType schema(TableContract table) {
        return schema(table.columns());
    }

    public static StructType schema(List<Column> columns) {
        StructType schema = new StructType();
        for (Column c : columns) {
            schema = schema.add(new StructField(c.name(), sparkType(c.type()), true,
                    org.apache.spark.sql.types.Metadata.empty()));
        }
        return schema;
    }

    /** The table's columns as Spark column expressions, in contract order. */
    public static org.apache.spark.sql.Column[] columns(TableContract table) {
        return table.columnNames().stream().map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new);
    }
}
