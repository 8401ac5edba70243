package io.salescope.ingest;

import io.salescope.ingest.crypto.KeySource;
import io.salescope.ingest.csv.CsvRecordReader;
import io.salescope.ingest.source.CsvFolderSource;

import static java.util.Objects.requireNonNull;

/**
 * What one ingest run does.
 *
 * @param source the export: a folder (a local path or a Hadoop file system URI), or a JDBC URL
 *     when the profile reads a database
 * @param full replace the warehouse's contents with the folder's instead of merging by id
 * @param maxRejectRate publish nothing when more than this share of the records read is
 *     quarantined (0..1)
 * @param splitBytes about how many bytes of a file one Spark task reads
 * @param maxRecordBytes the longest record read whole (longer ones are quarantined)
 * @param profile the mapping profile for a foreign export: a shipped profile's name
 *     (salesforce, hubspot, zoho, activity-stream) or a YAML file; null for a crm-export-v1 folder
 * @param keySource where the master keys for personal data are; null: from the environment
 *     ({@link KeySource#resolve})
 */
public record IngestOptions(String source, boolean full, double maxRejectRate, long splitBytes, int maxRecordBytes,
                            String profile, KeySource keySource) {

    public static final double DEFAULT_MAX_REJECT_RATE = 0.05;

    public IngestOptions {
        requireNonNull(source, "source is null");
        if (source.isBlank()) {
            throw new IllegalArgumentException("the export folder is empty: give the folder holding the CSV files");
        }
        if (!(maxRejectRate >= 0 && maxRejectRate <= 1)) {
            throw new IllegalArgumentException("--max-reject-rate must be between 0 and 1 (0.05 = 5%), got " + maxRejectRate);
        }
        if (splitBytes < 1) {
            throw new IllegalArgumentException("splitBytes must be positive, got " + splitBytes);
        }
        if (profile != null && profile.isBlank()) {
            profile = null;
        }
    }

    public static IngestOptions of(String source) {
        return new IngestOptions(source, false, DEFAULT_MAX_REJECT_RATE, CsvFolderSource.DEFAULT_SPLIT_BYTES,
                CsvRecordReader.DEFAULT_MAX_RECORD_BYTES, null, null);
    }

    public IngestOptions withFull(boolean value) {
        return new IngestOptions(source, value, maxRejectRate, splitBytes, maxRecordBytes, profile, keySource);
    }

    public IngestOptions withMaxRejectRate(double value) {
        return new IngestOptions(source, full, value, splitBytes, maxRecordBytes, profile, keySource);
    }

    public IngestOptions withProfile(String value) {
        return new IngestOptions(source, full, maxRejectRate, splitBytes, maxRecordBytes, value, keySource);
    }

    public IngestOptions withKeySource(KeySource value) {
        return new IngestOptions(source, full, maxRejectRate, splitBytes, maxRecordBytes, profile, value);
    }
}
