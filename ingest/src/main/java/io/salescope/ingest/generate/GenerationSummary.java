package io.salescope.ingest.generate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What a generation run wrote: one entry per file, in the spec's load order. */
public record GenerationSummary(Path out, List<FileCount> files, Duration elapsed) {

    /** Data rows (without the header) and bytes of one file, named relative to {@link #out()}. */
    public record FileCount(String file, long rows, long bytes) {
    }

    public GenerationSummary {
        requireNonNull(out, "out is null");
        files = List.copyOf(files);
        requireNonNull(elapsed, "elapsed is null");
    }

    public Optional<FileCount> file(String name) {
        return files.stream().filter(f -> f.file().equals(name)).findFirst();
    }

    public long rows(String name) {
        return file(name).map(FileCount::rows).orElseThrow(() -> new IllegalArgumentException("no file " + name));
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        long rows = 0;
        long bytes = 0;
        for (FileCount f : files) {
            sb.append(String.format(Locale.ROOT, "  %-34s %,12d rows %10s%n", f.file(), f.rows(), size(f.bytes())));
            rows += f.rows();
            bytes += f.bytes();
        }
        sb.append(String.format(Locale.ROOT, "  %-34s %,12d rows %10s  in %s%n", "total", rows, size(bytes),
                io.salescope.core.progress.Progress.formatElapsed(elapsed)));
        return sb.toString();
    }

    private static String size(long bytes) {
        return bytes < 1 << 20
                ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
}
