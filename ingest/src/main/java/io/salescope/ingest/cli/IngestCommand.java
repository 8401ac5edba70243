package io.salescope.ingest.cli;

import io.salescope.core.SalescopeException;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder replaced by the ingest implementation. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "(being built)")
public final class IngestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new SalescopeException("ingest is not available in this build");
    }
}
