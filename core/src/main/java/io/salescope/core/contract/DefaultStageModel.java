package io.salescope.core.contract;

import java.util.List;

/** The stage model that applies when an export has no stages.csv (crm-export-v1, "Meaning"). */
public final class DefaultStageModel {

    private DefaultStageModel() {
    }

    /** One stage: name, position (1 = first), default probability 0-100, category, forecast category. */
    public record Stage(String stage, int position, double probability, String category, String forecastCategory) {
    }

    public static final List<Stage> STAGES = List.of(
            new Stage("Prospecting", 1, 10, "open", "pipeline"),
            new Stage("Qualification", 2, 20, "open", "pipeline"),
            new Stage("Needs Analysis", 3, 40, "open", "pipeline"),
            new Stage("Proposal", 4, 60, "open", "best_case"),
            new Stage("Negotiation", 5, 80, "open", "commit"),
            new Stage("Closed Won", 6, 100, "won", "closed"),
            new Stage("Closed Lost", 7, 0, "lost", "omitted"));
}
