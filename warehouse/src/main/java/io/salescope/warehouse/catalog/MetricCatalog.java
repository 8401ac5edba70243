package io.salescope.warehouse.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.salescope.core.SalescopeException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The metric catalog (the semantic layer): facts, dimensions and metrics, loaded from one
 * declarative YAML file and validated on load. The built-in file is
 * {@code io/salescope/warehouse/catalog/metrics.yaml}; {@code SALESCOPE_CATALOG} or
 * {@code <data>/catalog/metrics.yaml} replaces it.
 */
public record MetricCatalog(
        int version,
        Map<String, Fact> facts,
        Map<String, Dimension> dimensions,
        Map<String, Map<String, Synonyms>> valueSynonyms,
        List<Metric> metrics) {

    public static final String RESOURCE = "/io/salescope/warehouse/catalog/metrics.yaml";
    public static final String ENV_CATALOG = "SALESCOPE_CATALOG";
    public static final Set<String> UNITS = Set.of("money", "ratio", "count", "days", "money_per_day");
    /** Dimensions every fact has through its owner. */
    public static final Set<String> OWNER_DIMENSIONS = Set.of("rep", "team", "region");
    /** Dimensions every fact with a time column has. */
    public static final Set<String> TIME_DIMENSIONS = Set.of("month", "quarter", "year", "week");

    public MetricCatalog {
        facts = facts == null ? Map.of() : Map.copyOf(facts);
        dimensions = dimensions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        valueSynonyms = valueSynonyms == null ? Map.of() : Map.copyOf(valueSynonyms);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    /** English and Chinese text. */
    public record Text(String en, String zh) {
        public String in(String language) {
            return "zh".equals(language) && zh != null ? zh : en;
        }
    }

    /** Names users give to something, per language. */
    public record Synonyms(List<String> en, List<String> zh) {
        public Synonyms {
            en = en == null ? List.of() : List.copyOf(en);
            zh = zh == null ? List.of() : List.copyOf(zh);
        }

        public List<String> all() {
            List<String> out = new ArrayList<>(en);
            out.addAll(zh);
            return out;
        }
    }

    /** A fact table: its owner column, joins, and the columns of its own dimensions. */
    public record Fact(String table, String owner, Map<String, String> joins, Map<String, FactDimension> dimensions) {
        public Fact {
            joins = joins == null ? Map.of() : Map.copyOf(joins);
            dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
        }
    }

    /** A dimension's SQL expression over a fact, and the join it needs (if any). */
    public record FactDimension(String expr, String join) {
    }

    public record Dimension(Text label, Synonyms synonyms) {
    }

    /** A formula component: another metric, optionally over its own period. */
    public record Component(String metric, String period) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Component of(String metric) {
            return new Component(metric, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public static Component of(@JsonProperty("metric") String metric, @JsonProperty("period") String period) {
            return new Component(metric, period);
        }
    }

    /**
     * One metric.
     *
     * @param kind {@code simple} (value or numerator/denominator over a fact), {@code formula}
     *     (an expression over other metrics), {@code quota}, {@code funnel}, {@code forecast}
     * @param time SQL of the date the period applies to
     * @param period {@code required} (default), {@code optional} or {@code none}
     */
    public record Metric(
            String name,
            Text label,
            Text definition,
            Synonyms synonyms,
            String unit,
            String kind,
            String fact,
            String time,
            String period,
            String defaultPeriod,
            String where,
            String value,
            String numerator,
            String denominator,
            Text noValue,
            Map<String, Component> components,
            String expression,
            boolean requiresOpenPeriod,
            List<String> options,
            List<String> dimensions) {

        public Metric {
            kind = kind == null ? "simple" : kind;
            period = period == null ? "required" : period;
            synonyms = synonyms == null ? new Synonyms(List.of(), List.of()) : synonyms;
            components = components == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
            options = options == null ? List.of() : List.copyOf(options);
            dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        }

        public boolean isRatio() {
            return numerator != null;
        }

        public boolean takesPeriod() {
            return !"none".equals(period);
        }
    }

    public Optional<Metric> metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public List<String> metricNames() {
        return metrics.stream().map(Metric::name).toList();
    }

    /** The built-in catalog, or the file named by SALESCOPE_CATALOG. */
    public static MetricCatalog load() {
        String override = System.getenv(ENV_CATALOG);
        if (override != null && !override.isBlank()) {
            return load(Path.of(override));
        }
        return builtIn();
    }

    /** The catalog for a data directory: {@code <data>/catalog/metrics.yaml} if present, else {@link #load()}. */
    public static MetricCatalog forDataDir(Path dataDir) {
        Path local = dataDir.resolve("catalog").resolve("metrics.yaml");
        if (System.getenv(ENV_CATALOG) == null && Files.isRegularFile(local)) {
            return load(local);
        }
        return load();
    }

    public static MetricCatalog builtIn() {
        try (InputStream in = MetricCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in metric catalog " + RESOURCE + " is missing from the classpath");
            }
            return parse(in.readAllBytes(), RESOURCE);
        } catch (IOException e) {
            throw new SalescopeException("cannot read the built-in metric catalog: " + e.getMessage(), e);
        }
    }

    public static MetricCatalog load(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new SalescopeException("cannot read the metric catalog " + file + ": " + e.getMessage(), e);
        }
    }

    public static MetricCatalog parse(byte[] yaml, String source) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        MetricCatalog catalog;
        try {
            catalog = mapper.readValue(yaml, MetricCatalog.class);
        } catch (IOException e) {
            throw new SalescopeException("the metric catalog " + source + " is not valid: " + e.getMessage(), e);
        }
        List<String> problems = catalog.problems();
        if (!problems.isEmpty()) {
            throw new SalescopeException("the metric catalog " + source + " has errors:\n  - " + String.join("\n  - ", problems));
        }
        return catalog;
    }

    /** Everything wrong with the catalog, one line each, naming the metric and field. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Metric m : metrics) {
            String where = "metric '" + m.name() + "'";
            if (m.name() == null || !m.name().matches("[a-z][a-z0-9_]*")) {
                out.add(where + ": name must be lower_snake_case");
            }
            if (!seen.add(m.name())) {
                out.add(where + ": defined twice");
            }
            if (!UNITS.contains(m.unit())) {
                out.add(where + ": unit '" + m.unit() + "' is not one of " + UNITS);
            }
            if (m.label() == null || m.definition() == null) {
                out.add(where + ": needs a label and a definition (en and zh)");
            }
            if (!Set.of("required", "optional", "none").contains(m.period())) {
                out.add(where + ": period must be required, optional or none");
            }
            for (String d : m.dimensions()) {
                if (!dimensions.containsKey(d)) {
                    out.add(where + ": dimension '" + d + "' is not in the dimensions section");
                }
            }
            switch (m.kind()) {
                case "simple", "funnel" -> {
                    Fact fact = facts.get(m.fact());
                    if (fact == null) {
                        out.add(where + ": fact '" + m.fact() + "' is not in the facts section");
                        continue;
                    }
                    if ("simple".equals(m.kind()) && (m.value() == null) == (m.numerator() == null)) {
                        out.add(where + ": give either value, or numerator and denominator");
                    }
                    if (m.numerator() != null && m.denominator() == null) {
                        out.add(where + ": numerator without denominator");
                    }
                    if (m.takesPeriod() && m.time() == null) {
                        out.add(where + ": a metric with a period needs a time column");
                    }
                    for (String d : m.dimensions()) {
                        boolean known = OWNER_DIMENSIONS.contains(d) || fact.dimensions().containsKey(d)
                                || (TIME_DIMENSIONS.contains(d) && m.time() != null);
                        if (!known) {
                            out.add(where + ": fact '" + m.fact() + "' has no column for dimension '" + d + "'");
                        }
                    }
                }
                case "formula" -> {
                    if (m.expression() == null || m.components().isEmpty()) {
                        out.add(where + ": a formula needs components and an expression");
                    }
                    m.components().forEach((k, c) -> {
                        if (metric(c.metric()).isEmpty()) {
                            out.add(where + ": component '" + k + "' names unknown metric '" + c.metric() + "'");
                        }
                    });
                }
                case "quota", "forecast" -> {
                }
                default -> out.add(where + ": kind '" + m.kind() + "' is not simple, formula, quota, funnel or forecast");
            }
        }
        facts.forEach((name, f) -> f.dimensions().forEach((d, fd) -> {
            if (!dimensions.containsKey(d)) {
                out.add("fact '" + name + "': dimension '" + d + "' is not in the dimensions section");
            }
            if (fd.join() != null && !f.joins().containsKey(fd.join())) {
                out.add("fact '" + name + "': dimension '" + d + "' uses unknown join '" + fd.join() + "'");
            }
        }));
        return out;
    }
}
