package io.salescope.forecasting.model;

import io.salescope.forecasting.features.FeatureSpec;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.feature.VectorSlicer;
import org.apache.spark.ml.regression.IsotonicRegression;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Trains a {@link WinModel}: a {@code Pipeline} of category capping, {@code StringIndexer},
 * then either one-hot + {@code StandardScaler} + {@code LogisticRegression} or
 * {@code GBTClassifier}; then a calibrator fitted on deals held out from the classifier's
 * training (isotonic regression with enough held-out rows, Platt scaling otherwise).
 *
 * <p>Deterministic for a seed: the split is a hash of the deal id and the seed, the rows are
 * put in a fixed partitioning and order before fitting, and GBT uses no subsampling.
 */
public final class WinModelTrainer {

    /** Categories kept per feature; rarer values become "(other)". */
    static final int MAX_CATEGORIES = 40;
    /** Held-out rows from which isotonic (rather than Platt) calibration is used. */
    static final long ISOTONIC_MIN_ROWS = 2000;
    static final String OTHER = "(other)";

    private final Algorithm algorithm;
    private final long seed;
    private final int gbtIterations;
    private final int gbtDepth;
    private final double calibrationShare;

    public WinModelTrainer(Algorithm algorithm, long seed) {
        this(algorithm, seed, 40, 5, 0.25);
    }

    public WinModelTrainer(Algorithm algorithm, long seed, int gbtIterations, int gbtDepth, double calibrationShare) {
        this.algorithm = algorithm;
        this.seed = seed;
        this.gbtIterations = gbtIterations;
        this.gbtDepth = gbtDepth;
        this.calibrationShare = calibrationShare;
    }

    /**
     * Fits on {@code labelled}, which holds the spec's features and {@code label} (1.0 won,
     * 0.0 lost); {@code orderColumns} with the spec's id make a row unique.
     */
    public WinModel train(Dataset<Row> labelled, FeatureSpec spec, String... orderColumns) {
        List<String> order = new ArrayList<>();
        order.add(spec.idColumn());
        order.addAll(List.of(orderColumns));
        Dataset<Row> data = labelled.repartition(2, col(spec.idColumn()))
                .sortWithinPartitions(order.stream().map(c -> col(c)).toArray(Column[]::new)).localCheckpoint();
        Column bucket = pmod(xxhash64(col(spec.idColumn()), lit(seed)), lit(1000));
        Dataset<Row> fit = data.where(bucket.geq(lit((int) Math.round(calibrationShare * 1000)))).localCheckpoint();
        Dataset<Row> holdout = data.where(bucket.lt(lit((int) Math.round(calibrationShare * 1000)))).localCheckpoint();
        try {
            Map<String, List<String>> kept = keptCategories(fit, spec);
            List<PipelineStage> stages = new ArrayList<>();
            stages.add(capStage(spec, kept));
            List<String> capped = spec.categorical().stream().map(c -> c + "__cap").toList();
            List<String> indexed = spec.categorical().stream().map(c -> c + "__idx").toList();
            if (!capped.isEmpty()) {
                stages.add(new StringIndexer().setInputCols(capped.toArray(String[]::new))
                        .setOutputCols(indexed.toArray(String[]::new))
                        .setHandleInvalid("keep").setStringOrderType("alphabetAsc"));
            }
            if (algorithm == Algorithm.LOGISTIC) {
                List<String> onehot = spec.categorical().stream().map(c -> c + "__ohe").toList();
                if (!indexed.isEmpty()) {
                    stages.add(new OneHotEncoder().setInputCols(indexed.toArray(String[]::new))
                            .setOutputCols(onehot.toArray(String[]::new)).setHandleInvalid("keep"));
                }
                List<String> inputs = new ArrayList<>(spec.numeric());
                inputs.addAll(onehot);
                stages.add(new VectorAssembler().setInputCols(inputs.toArray(String[]::new))
                        .setOutputCol("features_raw").setHandleInvalid("keep"));
                stages.add(new StandardScaler().setInputCol("features_raw").setOutputCol("features")
                        .setWithMean(false).setWithStd(true));
                stages.add(new LogisticRegression().setFeaturesCol("features").setLabelCol("label")
                        .setRegParam(0.002).setElasticNetParam(0.0).setMaxIter(100).setTol(1e-6)
                        .setStandardization(false));
            } else {
                List<String> inputs = new ArrayList<>(spec.numeric());
                inputs.addAll(indexed);
                stages.add(new VectorAssembler().setInputCols(inputs.toArray(String[]::new))
                        .setOutputCol("features").setHandleInvalid("keep"));
                stages.add(new GBTClassifier().setFeaturesCol("features").setLabelCol("label")
                        .setMaxIter(gbtIterations).setMaxDepth(gbtDepth).setStepSize(0.15)
                        .setMaxBins(Math.max(64, MAX_CATEGORIES + 4)).setMinInstancesPerNode(20)
                        .setSubsamplingRate(1.0).setFeatureSubsetStrategy("all").setSeed(seed)
                        .setCacheNodeIds(true).setCheckpointInterval(-1));
            }
            PipelineModel classifier = new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(fit);

            long holdoutRows = holdout.count();
            String calibration = holdoutRows >= ISOTONIC_MIN_ROWS ? "isotonic" : "platt";
            List<PipelineStage> full = new ArrayList<>();
            full.add(classifier);
            if (calibration.equals("isotonic")) {
                full.add(new IsotonicRegression().setFeaturesCol("probability").setFeatureIndex(1)
                        .setLabelCol("label").setPredictionCol("calibrated").setIsotonic(true));
            } else {
                full.add(new VectorSlicer().setInputCol("rawPrediction").setOutputCol("margin_vec")
                        .setIndices(new int[] {1}));
                full.add(new LogisticRegression().setFeaturesCol("margin_vec").setLabelCol("label")
                        .setProbabilityCol("cal_probability").setRawPredictionCol("cal_raw")
                        .setPredictionCol("cal_prediction").setRegParam(0.0).setMaxIter(100));
            }
            PipelineModel model = new Pipeline().setStages(full.toArray(PipelineStage[]::new))
                    .fit(holdoutRows > 0 ? holdout : fit);

            Row totals = data.agg(count(lit(1)), sum(col("label"))).first();
            return new WinModel(model, spec, algorithm, calibration, reference(fit, spec),
                    totals.getLong(0), Math.round(totals.isNullAt(1) ? 0 : totals.getDouble(1)));
        } finally {
            fit.unpersist();
            holdout.unpersist();
            data.unpersist();
        }
    }

    /** Per categorical feature, its {@link #MAX_CATEGORIES} most frequent values (ties by value). */
    static Map<String, List<String>> keptCategories(Dataset<Row> fit, FeatureSpec spec) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String c : spec.categorical()) {
            List<String> values = new ArrayList<>();
            for (Row r : fit.groupBy(col(c)).count().orderBy(col("count").desc(), col(c).asc())
                    .limit(MAX_CATEGORIES).collectAsList()) {
                if (!r.isNullAt(0)) {
                    values.add(r.getString(0));
                }
            }
            out.put(c, values);
        }
        return out;
    }

    static SQLTransformer capStage(FeatureSpec spec, Map<String, List<String>> kept) {
        StringBuilder sql = new StringBuilder("SELECT *");
        for (String c : spec.categorical()) {
            List<String> values = kept.get(c);
            sql.append(", CASE WHEN `").append(c).append("` IN (");
            if (values.isEmpty()) {
                sql.append("NULL");
            }
            for (int i = 0; i < values.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
            }
            sql.append(") THEN `").append(c).append("` ELSE '").append(OTHER).append("' END AS `").append(c).append("__cap`");
        }
        sql.append(" FROM __THIS__");
        return new SQLTransformer().setStatement(sql.toString());
    }

    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Median of each numeric feature and the most frequent value of each categorical one. */
    static Map<String, Object> reference(Dataset<Row> fit, FeatureSpec spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!spec.numeric().isEmpty()) {
            Column[] medians = spec.numeric().stream()
                    .map(c -> percentile_approx(col(c), lit(0.5), lit(10000)).as(c)).toArray(Column[]::new);
            Row r = fit.agg(medians[0], java.util.Arrays.copyOfRange(medians, 1, medians.length)).first();
            for (int i = 0; i < spec.numeric().size(); i++) {
                out.put(spec.numeric().get(i), r.isNullAt(i) ? 0.0 : ((Number) r.get(i)).doubleValue());
            }
        }
        for (String c : spec.categorical()) {
            List<Row> top = fit.groupBy(col(c)).count().orderBy(col("count").desc(), col(c).asc()).limit(1).collectAsList();
            out.put(c, top.isEmpty() || top.get(0).isNullAt(0) ? OTHER : top.get(0).getString(0));
        }
        return out;
    }
}
