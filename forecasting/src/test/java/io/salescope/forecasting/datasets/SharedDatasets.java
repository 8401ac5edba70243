package io.salescope.forecasting.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code shared/datasets} next to the repository or under {@code $SALESCOPE_SHARED}. */
final class SharedDatasets {

    private SharedDatasets() {
    }

    static Optional<Path> folder(String name) {
        String env = System.getenv("SALESCOPE_SHARED");
        Path cwd = Path.of("").toAbsolutePath();
        for (Path base : new Path[] {env == null ? null : Path.of(env), cwd.resolve("../shared"), cwd.resolve("../../shared"),
                cwd.resolve("../../../shared"), Path.of("/work/shared")}) {
            if (base != null && Files.isDirectory(base.resolve("datasets").resolve(name))) {
                return Optional.of(base.resolve("datasets").resolve(name));
            }
        }
        return Optional.empty();
    }
}
