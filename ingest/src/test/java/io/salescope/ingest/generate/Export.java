package io.salescope.ingest.generate;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.TableContract;
import io.salescope.core.progress.Progress;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A generated export read back with commons-csv, as ingest would read it. */
final class Export {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    static final Instant SNAPSHOT = TODAY.atStartOfDay(ZoneOffset.UTC).toInstant();

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    private final Path dir;
    private final GenerationSummary summary;
    private final Map<String, List<CSVRecord>> cache = new LinkedHashMap<>();

    private Export(Path dir, GenerationSummary summary) {
        this.dir = dir;
        this.summary = summary;
    }

    static GenerateSettings settings(Path dir, double scale) {
        return GenerateSettings.of(dir, TODAY).withScale(scale).withPlant(true);
    }

    static Export generate(GenerateSettings settings) {
        return new Export(settings.out(), new CrmGenerator(settings, Progress.none()).generate());
    }

    /** An export already in {@code dir}, e.g. one the CLI wrote; it has no summary. */
    static Export readBack(Path dir) {
        return new Export(dir, null);
    }

    Path dir() {
        return dir;
    }

    GenerationSummary summary() {
        return summary;
    }

    List<CSVRecord> rows(TableContract table) {
        return rows(table.fileName());
    }

    List<CSVRecord> rows(String file) {
        return cache.computeIfAbsent(file, f -> {
            try (CSVParser parser = CSVParser.parse(dir.resolve(f), StandardCharsets.UTF_8, FORMAT)) {
                return parser.getRecords();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    List<String> header(TableContract table) {
        try (CSVParser parser = CSVParser.parse(dir.resolve(table.fileName()), StandardCharsets.UTF_8, FORMAT)) {
            return parser.getHeaderNames();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> sourceColumns(TableContract table) {
        return table.baseColumns().stream().map(Column::name).toList();
    }

    /**
     * An export timestamp as an instant, to the second (the generator, like real exports,
     * writes a fraction only sometimes): offset or Z as written, no zone = UTC (the default
     * zone), a bare date = midnight UTC.
     */
    static Instant instant(String value) {
        Instant parsed;
        if (value.length() == 10) {
            parsed = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } else if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
            parsed = OffsetDateTime.parse(value).toInstant();
        } else {
            parsed = LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        }
        return parsed.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** The calendar date as written, in whatever zone the value is written in. */
    static LocalDate writtenDate(String value) {
        return LocalDate.parse(value.substring(0, 10));
    }
}
