package io.salescope.ingest.source;

import io.salescope.core.contract.TableContract;
import io.salescope.core.progress.Progress;

import java.util.List;
import java.util.Map;

/**
 * Where an export comes from. {@link CsvFolderSource} reads a folder of crm-export-v1 files;
 * mapping profiles for other CRMs and database sources plug in here and feed the same typed
 * parsing, which sees only {@link SourceRecord}s bound by header name.
 */
public interface ExportSource {

    /** Where the export is, as the user gave it (for reports). */
    String location();

    /**
     * The entities the export holds, by table, without reading their data yet. A missing
     * entity is absent from the map.
     */
    Map<TableContract, String> discover();

    /** Names the source holds that are no export entity (reported, never loaded). */
    List<String> ignored();

    /** Reads the entity's header, counts its records and cuts it into splits. */
    SourceEntity plan(TableContract table, Progress.Step step);

    /**
     * The entities a table is loaded from: one for an export file, several where a mapping
     * profile fills the table from several files or mappings.
     */
    default List<SourceEntity> planParts(TableContract table, Progress.Step step) {
        return List.of(plan(table, step));
    }

    /**
     * A partial source adds to an existing warehouse (an activity stream): the tables it does
     * not hold stay as they are, so it needs no users, accounts or opportunities of its own.
     */
    default boolean partial() {
        return false;
    }

    /** Called once under the writer lock, before {@link #discover()}. */
    default void open(SourceContext context) {
    }

    /**
     * Properties to publish with the new version once every table loaded (an incremental
     * source's watermarks or checkpoints); they take effect only if the version is published.
     */
    default Map<String, String> properties() {
        return Map.of();
    }
}
