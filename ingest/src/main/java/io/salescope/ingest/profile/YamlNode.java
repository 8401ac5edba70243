package io.salescope.ingest.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where each node stands, so that profile errors can
 * name the line to fix. Read with Jackson's YAML parser (its token locations give the lines).
 */
public sealed interface YamlNode {

    /** The 1-based line where the node starts. */
    int line();

    /** A mapping; keys keep their order and their own lines. */
    record MapNode(Map<String, YamlNode> entries, Map<String, Integer> keyLines, int line) implements YamlNode {
        public MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyLines = Collections.unmodifiableMap(new LinkedHashMap<>(keyLines));
        }

        public YamlNode get(String key) {
            return entries.get(key);
        }

        public boolean has(String key) {
            return entries.containsKey(key);
        }

        /** The line of a key (for "add it under ..." messages), else the mapping's own line. */
        public int lineOf(String key) {
            return keyLines.getOrDefault(key, line);
        }
    }

    record ListNode(List<YamlNode> items, int line) implements YamlNode {
        public ListNode {
            items = List.copyOf(items);
        }
    }

    /** A scalar as written (numbers and booleans as their text); null for YAML's null. */
    record Scalar(String value, int line) implements YamlNode {
    }

    static YamlNode parse(String text) throws IOException {
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new MapNode(Map.of(), Map.of(), 1);
            }
            YamlNode root = read(p);
            if (p.nextToken() != null) {
                throw new IOException("more than one YAML document (line " + p.currentTokenLocation().getLineNr() + ")");
            }
            return root;
        }
    }

    private static YamlNode read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        int line = p.currentTokenLocation().getLineNr();
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                Map<String, Integer> lines = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    p.nextToken();
                    if (entries.containsKey(key)) {
                        throw new IOException("line " + keyLine + ": key '" + key + "' appears twice (first at line "
                                + lines.get(key) + ")");
                    }
                    entries.put(key, read(p));
                    lines.put(key, keyLine);
                }
                return new MapNode(entries, lines, line);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p));
                }
                return new ListNode(items, line);
            }
            case VALUE_NULL -> {
                return new Scalar(null, line);
            }
            default -> {
                return new Scalar(p.getText(), line);
            }
        }
    }
}
