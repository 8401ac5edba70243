package io.salescope.ingest.generate;

/** The sales regions: what the teams' {@code region} column says and the currency deals are sold in. */
enum Region {
    CHINA("China", "CNY"),
    EMEA("EMEA", "EUR"),
    NORTH_AMERICA("North America", "USD");

    private final String label;
    private final String currency;

    Region(String label, String currency) {
        this.label = label;
        this.currency = currency;
    }

    String label() {
        return label;
    }

    String currency() {
        return currency;
    }
}
