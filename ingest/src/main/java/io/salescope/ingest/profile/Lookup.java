package io.salescope.ingest.profile;

import org.apache.spark.broadcast.Broadcast;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;

/**
 * A lookup table a profile maps values through (owner name to owner id, e-mail to user id),
 * built on the driver from a file of the export or a warehouse table, and shipped to the tasks
 * as a Spark broadcast. Keys compare trimmed and ignoring case.
 */
public final class Lookup implements Serializable {

    private final String name;
    private final Broadcast<Map<String, String>> table;
    private final int size;

    Lookup(String name, Broadcast<Map<String, String>> table, int size) {
        this.name = name;
        this.table = table;
        this.size = size;
    }

    public String name() {
        return name;
    }

    public int size() {
        return size;
    }

    String get(String key) {
        return table.value().get(normalize(key));
    }

    static String normalize(String key) {
        return key.strip().toLowerCase(Locale.ROOT);
    }
}
