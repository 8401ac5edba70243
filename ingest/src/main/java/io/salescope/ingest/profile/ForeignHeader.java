package io.salescope.ingest.profile;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The field names of a foreign source (a CSV header, the keys a JSON-lines mapping reads, a
 * query's columns), matched like crm-export-v1 headers: ignoring case and surrounding spaces.
 */
public final class ForeignHeader implements Serializable {

    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    public ForeignHeader(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(normalize(names.get(i)), i);
        }
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    public OptionalInt indexOf(String name) {
        Integer i = index.get(normalize(name));
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    public static String normalize(String name) {
        String s = name.strip();
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1).strip();
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
