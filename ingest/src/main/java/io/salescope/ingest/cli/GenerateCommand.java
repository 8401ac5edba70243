package io.salescope.ingest.cli;

import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.progress.Progress;
import io.salescope.ingest.generate.CrmGenerator;
import io.salescope.ingest.generate.GenerateSettings;
import io.salescope.ingest.generate.GenerationSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code salescope generate}: writes a realistic, deterministic demo CRM export (format v1). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {
            "Write a realistic demo CRM export (format v1, all 13 files) of Kestrel Analytics, a fictional company selling"
                    + " in China, EMEA and North America: about three years of history up to the reference date (the"
                    + " global --today), as a snapshot taken at 00:00 UTC that day.",
            "The same --seed, --scale and --today always give byte-identical files."})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder to write the export to; created if missing, its export files overwritten.")
    Path out;

    @Option(names = "--scale", defaultValue = "1", paramLabel = "N",
            description = "Size: 1 is about 10,000 opportunities and 100,000 activities; 0.1 is a tiny test export,"
                    + " 100 about 1,000,000 opportunities (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--plant",
            description = "Also write _planted/win_probability.csv (opportunity_id, true_probability): the latent chance"
                    + " of winning each closed deal's outcome was drawn from, and for open deals the chance of winning from"
                    + " their current stage on. For testing a model's calibration; not part of the export.")
    boolean plant;

    @Override
    public Integer call() {
        SalescopeConfig config = ConfigProvider.of(spec);
        GenerateSettings settings = new GenerateSettings(out, scale, seed, config.referenceDate(), plant,
                config.fiscalYearStartMonth(), config.reportingCurrency());
        PrintWriter console = spec.commandLine().getOut();
        console.printf(Locale.ROOT, "generating the Kestrel Analytics demo export in %s (scale %s, seed %d, snapshot %s 00:00 UTC)%n",
                out, scale, seed, settings.today());
        console.flush();
        GenerationSummary summary = new CrmGenerator(settings, Progress.console()).generate();
        console.print(summary.render());
        console.flush();
        return 0;
    }
}
