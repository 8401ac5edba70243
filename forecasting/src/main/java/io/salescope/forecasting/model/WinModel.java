package io.salescope.forecasting.model;

import io.salescope.forecasting.features.FeatureSpec;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;

/**
 * A trained, calibrated win-probability model: the MLlib pipeline (category capping,
 * indexing, the classifier and the calibrator), how to read its calibrated output, and the
 * reference values used to explain a score.
 *
 * @param calibration {@code isotonic} or {@code platt}
 * @param reference per feature, the typical training value an explanation substitutes: the
 *     median of a numeric feature, the most frequent value of a categorical one
 */
public record WinModel(PipelineModel pipeline, FeatureSpec spec, Algorithm algorithm, String calibration,
                       Map<String, Object> reference, long trainingRows, long trainingWon) {

    /** Calibrated probabilities are kept off 0 and 1: no deal is certain. */
    static final double FLOOR = 0.001;

    public WinModel {
        requireNonNull(pipeline, "pipeline is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(calibration, "calibration is null");
        reference = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reference));
    }

    /**
     * The frame with {@code probability_raw} (the classifier's margin, log-odds scale) and
     * {@code win_probability} (calibrated) added; the pipeline's working columns dropped.
     */
    public Dataset<Row> score(Dataset<Row> features) {
        List<String> keep = List.of(features.columns());
        Dataset<Row> out = pipeline.transform(features);
        Column calibrated = "isotonic".equals(calibration)
                ? col("calibrated")
                : vector_to_array(col("cal_probability"), "float64").getItem(1);
        List<Column> cols = new ArrayList<>();
        keep.forEach(c -> cols.add(col(c)));
        cols.add(vector_to_array(col("rawPrediction"), "float64").getItem(1).as("margin"));
        cols.add(least(greatest(calibrated, lit(FLOOR)), lit(1 - FLOOR)).as("win_probability"));
        return out.select(cols.toArray(Column[]::new));
    }

    /** Saves the MLlib pipeline (overwriting) under {@code location}. */
    public void save(String location) throws IOException {
        pipeline.write().overwrite().save(location);
    }

    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("algorithm", algorithm.id());
        out.put("calibration", calibration);
        out.put("training_rows", trainingRows);
        out.put("training_won", trainingWon);
        out.put("numeric_features", spec.numeric());
        out.put("categorical_features", spec.categorical());
        return out;
    }
}
