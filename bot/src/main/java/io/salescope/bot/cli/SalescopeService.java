package io.salescope.bot.cli;

import io.salescope.core.cli.Cli;
import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.GlobalOptions;
import io.salescope.core.config.SalescopeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The service half of the salescope CLI: commands that never need Spark. */
@Command(name = "salescope", mixinStandardHelpOptions = true, version = "salescope 0.1.0",
        description = "salescope service commands.",
        subcommands = {ServeCommand.class, TokenCommand.class, AskCommand.class, MetricsCommand.class,
                QueryCommand.class, RemindersCommand.class})
public final class SalescopeService implements ConfigProvider {

    @Mixin
    GlobalOptions global;

    @Override
    public SalescopeConfig config() {
        return global.toConfig();
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(new SalescopeService(), args));
    }
}
