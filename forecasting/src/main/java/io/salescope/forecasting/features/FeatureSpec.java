package io.salescope.forecasting.features;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The columns a win-probability model reads: a row identity (deals are kept whole when a
 * training set is split), numeric features (non-null doubles) and categorical features
 * (non-null strings).
 */
public record FeatureSpec(String idColumn, List<String> numeric, List<String> categorical) {

    public FeatureSpec {
        requireNonNull(idColumn, "idColumn is null");
        numeric = List.copyOf(numeric);
        categorical = List.copyOf(categorical);
    }

    public List<String> all() {
        List<String> out = new ArrayList<>(numeric);
        out.addAll(categorical);
        return out;
    }
}
