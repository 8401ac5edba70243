package io.salescope.ingest.cli;

import io.salescope.core.SalescopeException;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder replaced by the generate implementation. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "(being built)")
public final class GenerateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new SalescopeException("generate is not available in this build");
    }
}
