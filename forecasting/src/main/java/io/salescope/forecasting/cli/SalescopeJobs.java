package io.salescope.forecasting.cli;

import io.salescope.core.cli.Cli;
import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.GlobalOptions;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.ingest.cli.GenerateCommand;
import io.salescope.ingest.cli.IngestCommand;
import io.salescope.ingest.cli.KeysCommand;
import io.salescope.ingest.cli.RollbackCommand;
import io.salescope.ingest.cli.StatusCommand;
import io.salescope.warehouse.cli.BuildCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The data-job half of the salescope CLI: everything that needs Spark (or the Hadoop file
 * systems). The launcher script sends the service commands to the bot's CLI instead.
 */
@Command(name = "salescope", mixinStandardHelpOptions = true, version = "salescope 0.1.0",
        description = "salescope data jobs: generate, ingest, build, forecast, run, status, rollback, keys, sync.",
        subcommands = {
                GenerateCommand.class,
                IngestCommand.class,
                BuildCommand.class,
                StatusCommand.class,
                RollbackCommand.class,
                KeysCommand.class,
                ForecastCommand.class,
                RunCommand.class,
                DemoCommand.class,
                SyncCommand.class,
        })
public final class SalescopeJobs implements ConfigProvider {

    @Mixin
    GlobalOptions global;

    @Override
    public SalescopeConfig config() {
        return global.toConfig();
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(new SalescopeJobs(), args));
    }
}
