package io.salescope.core.cli;

import io.salescope.core.config.SalescopeConfig;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Implemented by the top-level commands, which own the global options; a subcommand in any
 * module reads the configuration with {@code ConfigProvider.of(spec)}.
 */
public interface ConfigProvider {

    SalescopeConfig config();

    static SalescopeConfig of(CommandSpec spec) {
        Object root = spec.root().userObject();
        if (root instanceof ConfigProvider provider) {
            return provider.config();
        }
        throw new IllegalStateException(spec.qualifiedName() + " is not mounted under a salescope top-level command");
    }
}
