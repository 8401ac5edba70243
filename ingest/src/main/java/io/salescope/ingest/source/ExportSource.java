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
}
