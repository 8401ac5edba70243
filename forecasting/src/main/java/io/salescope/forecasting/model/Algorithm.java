package io.salescope.forecasting.model;

/** The classifier under the calibration step. */
public enum Algorithm {
    /** Logistic regression on standardised numeric and one-hot categorical features. */
    LOGISTIC("logistic"),
    /** Gradient-boosted trees on numeric and indexed categorical features. */
    GBT("gbt");

    private final String id;

    Algorithm(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
