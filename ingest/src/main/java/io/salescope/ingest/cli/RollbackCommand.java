package io.salescope.ingest.cli;

import io.salescope.core.SalescopeException;
import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.store.VersionStore;
import io.salescope.ingest.store.HadoopStorage;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code salescope rollback}: make the previous warehouse version current. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Make the previous warehouse version current (readers switch on their next query).")
public final class RollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SalescopeConfig config = ConfigProvider.of(spec);
        VersionStore store = new VersionStore(new HadoopStorage(config.dataDir(), new Configuration()));
        long before = store.currentVersion().orElseThrow(() ->
                new SalescopeException("nothing to roll back: no warehouse version in " + config.dataDir()));
        try (VersionStore.WriterLock lock = store.lock("rollback")) {
            long now = store.rollback();
            spec.commandLine().getOut().println("rolled back: version " + now + " is current (was " + before + ")");
        } catch (IllegalStateException e) {
            throw new SalescopeException(e.getMessage(), e);
        }
        return 0;
    }
}
