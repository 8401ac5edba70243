package io.salescope.forecasting.model;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Why a deal scored what it did: for each factor (a group of features that mean one thing
 * to a seller, such as the rep's track record), the change in the model's log-odds when the
 * deal's values of that factor are replaced by the typical training values
 * ({@link WinModel#reference()}). Positive: the deal's value raises its chance compared with
 * a typical deal; negative: it lowers it.
 *
 * <p>The same method serves logistic regression (where it equals coefficient × difference
 * from the reference, summed over the factor's features) and GBT (a substitution delta, exact
 * for the model though not additive); it is deterministic and costs one extra scoring pass per
 * factor over the open deals only.
 */
public final class Explainer {

    private final WinModel model;
    private final Map<String, List<String>> factors;

    public Explainer(WinModel model, Map<String, List<String>> factors) {
        this.model = requireNonNull(model, "model is null");
        this.factors = new LinkedHashMap<>(factors);
    }

    /** Per row id, per factor, the log-odds contribution. */
    public Map<String, Map<String, Double>> contributions(Dataset<Row> features) {
        String id = model.spec().idColumn();
        List<String> columns = new ArrayList<>();
        columns.add(id);
        columns.addAll(model.spec().all());
        Dataset<Row> base = features.select(columns.stream().map(c -> col(c)).toArray(Column[]::new));
        Dataset<Row> all = base.withColumn("factor", lit(""));
        for (Map.Entry<String, List<String>> f : factors.entrySet()) {
            Dataset<Row> variant = base;
            for (String c : f.getValue()) {
                Object ref = model.reference().get(c);
                variant = variant.withColumn(c, lit(ref).cast(base.schema().apply(c).dataType()));
            }
            all = all.unionByName(variant.withColumn("factor", lit(f.getKey())));
        }
        List<Row> rows = model.pipeline().transform(all)
                .select(col(id), col("factor"), vector_to_array(col("rawPrediction"), "float64").getItem(1).as("margin"))
                .collectAsList();
        Map<String, Double> baseMargin = new HashMap<>();
        for (Row r : rows) {
            if (r.getString(1).isEmpty()) {
                baseMargin.put(r.getString(0), r.getDouble(2));
            }
        }
        Map<String, Map<String, Double>> out = new HashMap<>();
        for (Row r : rows) {
            if (!r.getString(1).isEmpty()) {
                double delta = baseMargin.get(r.getString(0)) - r.getDouble(2);
                out.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>()).put(r.getString(1), delta);
            }
        }
        return out;
    }
}
