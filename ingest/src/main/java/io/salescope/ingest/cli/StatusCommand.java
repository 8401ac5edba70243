package io.salescope.ingest.cli;

import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.json.Json;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.core.store.WarehouseLayout;
import io.salescope.ingest.store.HadoopStorage;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code salescope status}: the current version, its tables' row counts, the last run's report. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the current warehouse version, row counts per table and the last run's report.")
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        SalescopeConfig config = ConfigProvider.of(spec);
        HadoopStorage storage = new HadoopStorage(config.dataDir(), new Configuration());
        VersionStore store = new VersionStore(storage);
        Optional<VersionManifest> current = store.current();
        Optional<String> lastRun = storage.list(WarehouseLayout.RUNS).stream()
                .filter(r -> {
                    try {
                        return storage.exists(WarehouseLayout.runReport(r));
                    } catch (java.io.IOException e) {
                        return false;
                    }
                })
                .reduce((a, b) -> b);
        Object report = lastRun.isPresent()
                ? Json.mapper().readTree(storage.read(WarehouseLayout.runReport(lastRun.get())))
                : null;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("data_dir", storage.location(""));
            doc.put("current_version", current.map(VersionManifest::version).orElse(null));
            doc.put("versions", store.versions());
            doc.put("manifest", current.orElse(null));
            doc.put("last_run", report);
            out.println(Json.writeString(doc));
            return 0;
        }
        out.println("data directory: " + storage.location(""));
        if (current.isEmpty()) {
            out.println("no warehouse version has been published yet: run 'salescope ingest DIR'");
        } else {
            VersionManifest m = current.get();
            List<Long> versions = store.versions();
            out.printf(Locale.ROOT, "current version: %d (%s by run %s at %s); versions kept: %s%n",
                    m.version(), m.kind(), m.runId(), m.createdAt(), versions);
            out.printf(Locale.ROOT, "settings: %s%n", m.settings());
            out.printf(Locale.ROOT, "%-24s %14s  %s%n", "table", "rows", "path");
            m.tables().forEach((name, t) ->
                    out.printf(Locale.ROOT, "%-24s %,14d  %s%n", name, t.rows(), t.path()));
        }
        if (lastRun.isPresent()) {
            out.println();
            out.println("last run " + lastRun.get() + " (" + storage.location(WarehouseLayout.runReport(lastRun.get())) + "):");
            out.println(new String(storage.read(WarehouseLayout.runReport(lastRun.get())), StandardCharsets.UTF_8));
        }
        return 0;
    }
}
