package io.salescope.core.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Where things live under the data directory. */
public final class WarehouseLayout {

    public static final String WAREHOUSE = "warehouse";
    public static final String CURRENT = WAREHOUSE + "/CURRENT";
    public static final String VERSIONS = WAREHOUSE + "/versions";
    public static final String TABLES = WAREHOUSE + "/tables";
    public static final String LOCK = WAREHOUSE + "/LOCK";
    public static final String RUNS = "runs";
    public static final String OPS = "ops";
    public static final String FORECAST = "forecast";

    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private WarehouseLayout() {
    }

    public static String manifest(long version) {
        return VERSIONS + "/" + String.format("%08d", version) + ".json";
    }

    public static String tableDirectory(String table, String runId) {
        return TABLES + "/" + table + "/" + runId;
    }

    public static String runDirectory(String runId) {
        return RUNS + "/" + runId;
    }

    public static String runReport(String runId) {
        return runDirectory(runId) + "/report.json";
    }

    /** A new run id: sortable by start time, unique enough for one warehouse. */
    public static String newRunId(Instant now) {
        return RUN_TIME.format(now) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }
}
