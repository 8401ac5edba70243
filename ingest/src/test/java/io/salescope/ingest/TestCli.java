package io.salescope.ingest;

import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.GlobalOptions;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.ingest.cli.IngestCommand;
import io.salescope.ingest.cli.KeysCommand;
import io.salescope.ingest.cli.RollbackCommand;
import io.salescope.ingest.cli.StatusCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** The ingest commands under a root like the real one, run in-process with captured output. */
public final class TestCli {

    @Command(name = "salescope", subcommands = {IngestCommand.class, StatusCommand.class, RollbackCommand.class,
            KeysCommand.class})
    public static final class Root implements ConfigProvider {
        @Mixin
        GlobalOptions global;

        @Override
        public SalescopeConfig config() {
            return global.toConfig(Map.of());
        }
    }

    public record Result(int exitCode, String out, String err) {
    }

    private TestCli() {
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Root());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setExecutionExceptionHandler((ex, c, p) -> {
            c.getErr().println("salescope " + c.getCommandName() + ": " + ex.getMessage());
            return ex instanceof io.salescope.core.SalescopeException se ? se.exitCode() : 1;
        });
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Entry point for child JVMs in tests. */
    public static void main(String[] args) {
        System.exit(io.salescope.core.cli.Cli.execute(new Root(), args));
    }
}
