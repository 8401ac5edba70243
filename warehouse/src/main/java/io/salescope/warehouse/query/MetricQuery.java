package io.salescope.warehouse.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A structured metric query: what the CLI, the API and the question parser hand the engine.
 * Values are what users see (a team's name, a rep's name or email, a product's name); the
 * engine matches them exactly (ignoring case) and never puts them into SQL text.
 *
 * @param metric a catalog metric name, e.g. {@code win_rate}
 * @param filters dimension name → allowed values (OR within a dimension, AND across)
 * @param groupBy dimensions to break the figure down by (at most one today)
 * @param period a period as in the API ({@code 2026-Q3}, {@code last_month}, {@code ytd},
 *     {@code 2026-01-01..2026-03-31}, {@code all_time}); null = the metric's default
 * @param compareTo a second period to compare with
 * @param order how breakdown rows are ranked; with {@code limit} this is top/bottom N
 * @param limit at most this many rows, or null for all
 * @param options metric parameters, e.g. {@code stage} and {@code from_stage} for
 *     stage_conversion
 * @param asker the email (or user id) of the person asking; decides what may be seen
 */
public record MetricQuery(
        String metric,
        Map<String, List<String>> filters,
        List<String> groupBy,
        String period,
        Comparison compareTo,
        Order order,
        Integer limit,
        Map<String, String> options,
        String asker) {

    public enum Comparison {
        NONE,
        /** The period before (环比): last quarter for a quarter, the days before for a range. */
        PREVIOUS_PERIOD,
        /** The same period a year earlier (同比). */
        YEAR_AGO
    }

    public enum Order {
        /** Largest first (top N). */
        DESC,
        /** Smallest first (bottom N). */
        ASC,
        /** By label. */
        LABEL
    }

    public MetricQuery {
        requireNonNull(metric, "metric is null");
        requireNonNull(asker, "asker is null");
        Map<String, List<String>> f = new LinkedHashMap<>();
        if (filters != null) {
            filters.forEach((k, v) -> f.put(k, List.copyOf(v)));
        }
        filters = java.util.Collections.unmodifiableMap(f);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        compareTo = compareTo == null ? Comparison.NONE : compareTo;
        order = order == null ? (limit == null ? Order.LABEL : Order.DESC) : order;
        options = options == null ? Map.of() : Map.copyOf(options);
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }

    public static Builder builder(String metric, String asker) {
        return new Builder(metric, asker);
    }

    /** A fluent way to build queries in code and tests. */
    public static final class Builder {
        private final String metric;
        private final String asker;
        private final Map<String, List<String>> filters = new LinkedHashMap<>();
        private final java.util.ArrayList<String> groupBy = new java.util.ArrayList<>();
        private String period;
        private Comparison compareTo = Comparison.NONE;
        private Order order;
        private Integer limit;
        private final Map<String, String> options = new LinkedHashMap<>();

        private Builder(String metric, String asker) {
            this.metric = metric;
            this.asker = asker;
        }

        public Builder filter(String dimension, String... values) {
            filters.computeIfAbsent(dimension, k -> new java.util.ArrayList<>()).addAll(List.of(values));
            return this;
        }

        public Builder groupBy(String dimension) {
            groupBy.add(dimension);
            return this;
        }

        public Builder period(String value) {
            this.period = value;
            return this;
        }

        public Builder compareTo(Comparison value) {
            this.compareTo = value;
            return this;
        }

        public Builder top(int n) {
            this.order = Order.DESC;
            this.limit = n;
            return this;
        }

        public Builder bottom(int n) {
            this.order = Order.ASC;
            this.limit = n;
            return this;
        }

        public Builder order(Order value) {
            this.order = value;
            return this;
        }

        public Builder option(String key, String value) {
            options.put(key, value);
            return this;
        }

        public MetricQuery build() {
            return new MetricQuery(metric, filters, groupBy, period, compareTo, order, limit, options, asker);
        }
    }
}
