package io.salescope.bot.cli;

import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.json.Json;
import io.salescope.core.store.LocalStorage;
import io.salescope.warehouse.catalog.MetricCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code salescope metrics}: the metric catalog. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "List the metric catalog: names, units, dimensions and what users call them.")
public final class MetricsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--lang", description = "Language of labels and definitions: en or zh (default en).")
    String lang = "en";

    @Override
    public Integer call() {
        LocalStorage storage = LocalStorage.forDataDir(ConfigProvider.of(spec).dataDir());
        MetricCatalog catalog = MetricCatalog.forDataDir(storage.root());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> doc = new ArrayList<>();
            for (MetricCatalog.Metric m : catalog.metrics()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", m.name());
                e.put("label", m.label());
                e.put("unit", m.unit());
                e.put("definition", m.definition());
                e.put("dimensions", m.dimensions());
                e.put("synonyms", m.synonyms());
                doc.add(e);
            }
            out.println(Json.writeString(doc));
            return 0;
        }
        for (MetricCatalog.Metric m : catalog.metrics()) {
            out.printf(Locale.ROOT, "%-22s %-14s %s%n", m.name(), m.unit(), m.label().in(lang));
            out.printf(Locale.ROOT, "%-22s %-14s %s%n", "", "", m.definition().in(lang));
            out.printf(Locale.ROOT, "%-22s %-14s by: %s%n", "", "", String.join(", ", m.dimensions()));
            out.printf(Locale.ROOT, "%-22s %-14s also: %s%n%n", "", "",
                    String.join(", ", ("zh".equals(lang) ? m.synonyms().zh() : m.synonyms().en()).stream().limit(6).toList()));
        }
        return 0;
    }
}
