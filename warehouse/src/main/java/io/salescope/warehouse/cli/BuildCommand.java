package io.salescope.warehouse.cli;

import io.salescope.core.SalescopeException;
import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.VersionStore;
import io.salescope.core.store.WarehouseLayout;
import io.salescope.ingest.spark.Sparks;
import io.salescope.ingest.store.HadoopStorage;
import io.salescope.warehouse.marts.BuildReport;
import io.salescope.warehouse.marts.MartsJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code salescope build}: compute the marts from the current warehouse version and publish them with it. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Compute the funnel and performance marts from the current warehouse version and publish"
                + " them, with that version's tables, as a new version (see docs/marts.md).")
public final class BuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (env " + Sparks.ENV_MASTER + ", default local[*]).")
    String master;

    @Override
    public Integer call() {
        SalescopeConfig config = ConfigProvider.of(spec);
        // Checked before Spark starts, so the common first-use mistake answers at once.
        VersionStore store = new VersionStore(new HadoopStorage(config.dataDir(), new Configuration()));
        if (store.currentVersion().isEmpty()) {
            throw new SalescopeException("no warehouse version in " + store.storage().location(WarehouseLayout.WAREHOUSE)
                    + " to build marts from: run salescope ingest first (salescope ingest DIR)");
        }
        SparkSession spark = Sparks.session("salescope build", master);
        BuildReport report;
        try {
            report = MartsJob.run(spark, config, Progress.console());
        } finally {
            spark.stop();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "published warehouse version %d (marts from version %d); report: %s%n",
                report.version(), report.baseVersion(),
                store.storage().location(WarehouseLayout.runReport(report.runId())));
        report.warnings().forEach(w -> out.println("warning: " + w));
        out.flush();
        return 0;
    }
}
