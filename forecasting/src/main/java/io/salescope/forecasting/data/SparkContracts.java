package io.salescope.forecasting.data;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.ColumnType;
import io.salescope.core.contract.TableContract;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/** Spark schemas of the warehouse's table contracts. */
public final class SparkContracts {

    private SparkContracts() {
    }

    public static DataType sparkType(ColumnType type) {
        return io.salescope.ingest.spark.ContractSchemas.sparkType(type);
    }

    public static StructType schema(TableContract contract) {
        List<StructField> fields = new ArrayList<>();
        for (Column c : contract.columns()) {
            fields.add(DataTypes.createStructField(c.name(), sparkType(c.type()), true));
        }
        return DataTypes.createStructType(fields);
    }
}
