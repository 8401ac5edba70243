package io.salescope.forecasting.cli;

import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.VersionStore;
import io.salescope.ingest.generate.CrmGenerator;
import io.salescope.ingest.generate.GenerateSettings;
import io.salescope.ingest.spark.Sparks;
import io.salescope.ingest.store.HadoopStorage;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The data half of {@code salescope demo}: generates a small demo export into
 * {@code <data>/demo-export} if there is none, and runs ingest, build and forecast when the
 * warehouse has no version yet. The launcher then starts the service ({@code serve --demo}),
 * whose options this command ignores.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Prepare the demo data: generate a small export into <data>/demo-export if absent, then ingest,"
                + " build and forecast it (the launcher then starts the service).")
public final class DemoCommand implements Callable<Integer> {

    /** Small enough to prepare in a couple of minutes on a laptop, large enough for every chart. */
    static final double DEMO_SCALE = 0.3;

    @Spec
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: env SALESCOPE_SPARK_MASTER or local[*]).")
    String master;

    @Unmatched
    List<String> serviceArguments;

    @Override
    public Integer call() {
        SalescopeConfig config = ConfigProvider.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        Path data = Path.of(config.dataDir().replaceFirst("^file:(//)?", ""));
        Path export = data.resolve("demo-export");
        if (!Files.exists(export.resolve("opportunities.csv"))) {
            out.println("generating the demo export in " + export);
            out.flush();
            GenerateSettings settings = new GenerateSettings(export, DEMO_SCALE, 42, config.referenceDate(), false,
                    config.fiscalYearStartMonth(), config.reportingCurrency());
            out.print(new CrmGenerator(settings, Progress.console()).generate().render());
            out.flush();
        }
        VersionStore store = new VersionStore(new HadoopStorage(config.dataDir(), new Configuration()));
        if (store.currentVersion().isPresent()) {
            out.println("the warehouse in " + config.dataDir() + " already has data (version "
                    + store.currentVersion().get() + "); not reloading the demo export");
            out.flush();
            return 0;
        }
        SparkSession spark = Sparks.session("salescope demo", master);
        try {
            RunCommand.run(spark, config, export.toString(), true, false, Progress.console(), out);
        } finally {
            spark.stop();
        }
        return 0;
    }
}
