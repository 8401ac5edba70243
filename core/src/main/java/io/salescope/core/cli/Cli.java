package io.salescope.core.cli;

import io.salescope.core.SalescopeException;
import io.salescope.core.config.ConfigException;
import picocli.CommandLine;

import java.io.UncheckedIOException;

/** Runs a picocli command tree with salescope's error conventions. */
public final class Cli {

    /** Exit code of a usage or configuration error. */
    public static final int USAGE = 2;

    private Cli() {
    }

    public static int execute(Object root, String... args) {
        CommandLine cmd = new CommandLine(root);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String prefix = "salescope " + commandLine.getCommandName() + ": ";
            if (ex instanceof SalescopeException se) {
                commandLine.getErr().println(prefix + se.getMessage());
                return se.exitCode();
            }
            if (ex instanceof ConfigException || ex instanceof IllegalArgumentException) {
                commandLine.getErr().println(prefix + ex.getMessage());
                return USAGE;
            }
            if (ex instanceof IllegalStateException || ex instanceof UncheckedIOException) {
                commandLine.getErr().println(prefix + ex.getMessage());
                if (System.getenv("SALESCOPE_DEBUG") != null) {
                    ex.printStackTrace(commandLine.getErr());
                }
                return 1;
            }
            throw ex;
        });
        return cmd.execute(args);
    }
}
