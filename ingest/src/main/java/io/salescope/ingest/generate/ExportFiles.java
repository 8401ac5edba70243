package io.salescope.ingest.generate;

import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** The export folder: opens its files and remembers what went into each for the summary. */
final class ExportFiles {

    static final String PLANTED_FILE = "_planted/win_probability.csv";

    private final Path dir;
    private final List<CsvSink> opened = new ArrayList<>();

    ExportFiles(Path dir) {
        this.dir = requireNonNull(dir, "dir is null");
    }

    Path dir() {
        return dir;
    }

    CsvSink open(TableContract table) {
        CsvSink sink = CsvSink.open(dir, table);
        opened.add(sink);
        return sink;
    }

    CsvSink openPlanted() {
        try {
            Files.createDirectories(dir.resolve(PLANTED_FILE).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir.resolve(PLANTED_FILE).getParent() + ": " + e.getMessage(), e);
        }
        CsvSink sink = CsvSink.open(dir.resolve(PLANTED_FILE), List.of("opportunity_id", "true_probability"));
        opened.add(sink);
        return sink;
    }

    /** Rows and bytes per file, the export's files in the spec's load order, the planted file last. */
    List<GenerationSummary.FileCount> counts() {
        List<String> order = Tables.SOURCES.stream().map(TableContract::fileName).toList();
        return opened.stream()
                .map(s -> {
                    String name = dir.relativize(s.path()).toString().replace('\\', '/');
                    try {
                        return new GenerationSummary.FileCount(name, s.rows(), Files.size(s.path()));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot stat " + s.path() + ": " + e.getMessage(), e);
                    }
                })
                .sorted(Comparator.comparingInt(f -> order.contains(f.file()) ? order.indexOf(f.file()) : order.size()))
                .toList();
    }
}
