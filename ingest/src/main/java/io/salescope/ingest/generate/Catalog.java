package io.salescope.ingest.generate;

import java.util.List;

/** What Kestrel Analytics sells, and its sales stages. */
final class Catalog {

    private Catalog() {
    }

    enum Family { PLATFORM, ADD_ONS, SERVICES }

    /** A product; {@code listPrice} is per year in USD. */
    record Product(int index, String id, String name, Family family, long listPriceUsd) {
        String familyName() {
            return switch (family) {
                case PLATFORM -> "Platform";
                case ADD_ONS -> "Add-ons";
                case SERVICES -> "Services";
            };
        }
    }

    static final List<Product> PRODUCTS = List.of(
            new Product(0, "KP01", "Kestrel Insight Starter", Family.PLATFORM, 9_600),
            new Product(1, "KP02", "Kestrel Insight Professional", Family.PLATFORM, 28_800),
            new Product(2, "KP03", "Kestrel Insight Enterprise", Family.PLATFORM, 84_000),
            new Product(3, "KP04", "Forecasting Add-on", Family.ADD_ONS, 12_000),
            new Product(4, "KP05", "Data Connectors Pack", Family.ADD_ONS, 6_000),
            new Product(5, "KP06", "Governance & Audit Add-on", Family.ADD_ONS, 15_000),
            new Product(6, "KP07", "Implementation Services", Family.SERVICES, 18_000),
            new Product(7, "KP08", "Training Workshop", Family.SERVICES, 4_500),
            new Product(8, "KP09", "Premier Success Plan", Family.SERVICES, 10_000));

    /**
     * A stage of the custom sales process. Open stages are numbered 1..4 in {@link #OPEN};
     * the CRM's default probability deliberately understates how often early deals are won,
     * as it does in most CRMs, so a learned model can beat the stage-weighted pipeline.
     */
    record Stage(String name, int position, int probability, String category, String forecastCategory) {
    }

    static final Stage DISCOVERY = new Stage("Discovery", 1, 10, "open", "pipeline");
    static final Stage EVALUATION = new Stage("Evaluation", 2, 25, "open", "pipeline");
    static final Stage BUSINESS_CASE = new Stage("Business Case", 3, 50, "open", "best_case");
    static final Stage NEGOTIATION = new Stage("Negotiation", 4, 75, "open", "commit");
    static final Stage WON = new Stage("Closed Won", 5, 100, "won", "closed");
    static final Stage LOST = new Stage("Closed Lost", 6, 0, "lost", "omitted");

    /** Open stages by number 1..4 (index 0 unused). */
    static final Stage[] OPEN = {null, DISCOVERY, EVALUATION, BUSINESS_CASE, NEGOTIATION};

    static final List<Stage> STAGES = List.of(DISCOVERY, EVALUATION, BUSINESS_CASE, NEGOTIATION, WON, LOST);
}
