package io.salescope.ingest.profile;

import io.salescope.core.contract.TableContract;
import io.salescope.core.contract.Tables;
import io.salescope.ingest.profile.YamlNode.ListNode;
import io.salescope.ingest.profile.YamlNode.MapNode;
import io.salescope.ingest.profile.YamlNode.Scalar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A mapping profile: how a foreign export (Salesforce, HubSpot, Zoho, any CSV, a CRM database,
 * an activity stream) becomes crm-export-v1 records. Written in YAML, validated when loaded
 * (errors name the line); see {@code docs/sources.md}.
 *
 * @param name the profile's name
 * @param origin where it was loaded from, for messages
 * @param tables each table's mappings, in load order
 * @param lookups named lookup tables the column specs use
 * @param jdbc the profile reads a database (its mappings name tables or queries)
 * @param jsonl its file mappings read JSON lines (an activity stream: read incrementally)
 */
public record MappingProfile(String name, String origin, String description, Formats formats,
                             Map<TableContract, List<PartSpec>> tables, Map<String, LookupSpec> lookups,
                             Connection connection, boolean jdbc, boolean jsonl) {

    /** The profiles shipped with salescope, by name. */
    public static final List<String> SHIPPED = List.of("salesforce", "hubspot", "zoho", "activity-stream");

    private static final Set<String> KEYS = Set.of("name", "description", "format", "defaults", "lookups", "tables",
            "connection");

    /**
     * How to log in to a database: the names of environment variables that hold the user and
     * password (never the secrets themselves).
     */
    public record Connection(String userEnv, String passwordEnv, Map<String, String> properties) {
        public Connection {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }

    /**
     * A lookup: values of {@code value} by each of {@code keys}, from a file of the export or
     * a table of the warehouse (its current version).
     */
    public record LookupSpec(String name, int line, String file, String warehouseTable, List<ValueSpec> keys,
                             ValueSpec value) {
    }

    public MappingProfile {
        requireNonNull(name, "name is null");
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        lookups = Collections.unmodifiableMap(new LinkedHashMap<>(lookups));
    }

    /**
     * Loads a shipped profile by name or a profile file.
     *
     * @throws ProfileException when there is no such profile or it is not valid
     */
    public static MappingProfile load(String nameOrPath) {
        requireNonNull(nameOrPath, "nameOrPath is null");
        if (SHIPPED.contains(nameOrPath)) {
            String resource = "/io/salescope/ingest/profiles/" + nameOrPath + ".yaml";
            try (InputStream in = MappingProfile.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the shipped profile " + resource + " is missing from the build");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "profile " + nameOrPath);
            } catch (IOException e) {
                throw new ProfileException("cannot read the shipped profile " + nameOrPath + ": " + e.getMessage(), e);
            }
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new ProfileException("no profile '" + nameOrPath + "': give a shipped profile (" + String.join(", ", SHIPPED)
                    + ") or the path of a profile file (YAML; see docs/sources.md)");
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), "profile " + file);
        } catch (IOException e) {
            throw new ProfileException("cannot read the profile " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses and validates a profile's YAML; {@code origin} names it in messages ("profile crm.yaml"). */
    public static MappingProfile parse(String yaml, String origin) {
        ProfileContext where = new ProfileContext(origin, null);
        YamlNode root;
        try {
            root = YamlNode.parse(yaml);
        } catch (IOException e) {
            throw new ProfileException(origin + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof MapNode m)) {
            throw where.error(root.line(), "a profile is a mapping with name, defaults, lookups and tables");
        }
        for (String key : m.entries().keySet()) {
            if (!KEYS.contains(key)) {
                throw where.error(m.lineOf(key), "unknown key '" + key + "'; a profile has " + new java.util.TreeSet<>(KEYS));
            }
        }
        String name = PartSpec.text(m, "name", where);
        String format = PartSpec.text(m, "format", where);
        format = format == null ? "csv" : format;
        if (!format.equals("csv") && !format.equals("jsonl")) {
            throw where.error(m.lineOf("format"), "format is csv or jsonl (a database profile maps tables or queries)");
        }
        Formats formats = Formats.parse(m.get("defaults"), where);
        if (!(m.get("tables") instanceof MapNode tm) || tm.entries().isEmpty()) {
            throw where.error(m.has("tables") ? m.get("tables").line() : m.line(), "the profile maps no tables: add"
                    + " tables: with a mapping per crm-export-v1 table (users, accounts, opportunities, ...)");
        }
        Map<TableContract, List<PartSpec>> parsed = new LinkedHashMap<>();
        Map<String, YamlNode> byName = tm.entries();
        for (String tableName : byName.keySet()) {
            if (Tables.byName(tableName).filter(Tables.SOURCES::contains).isEmpty()) {
                throw where.error(tm.lineOf(tableName), "'" + tableName + "' is not a crm-export-v1 table; the tables are "
                        + Tables.SOURCES.stream().map(TableContract::name).toList());
            }
        }
        for (TableContract table : Tables.SOURCES) {
            YamlNode node = byName.get(table.name());
            if (node == null) {
                continue;
            }
            List<PartSpec> parts = new ArrayList<>();
            if (node instanceof ListNode list) {
                for (YamlNode item : list.items()) {
                    parts.add(PartSpec.parse(table, item, where, format));
                }
            } else {
                parts.add(PartSpec.parse(table, node, where, format));
            }
            parsed.put(table, parts);
        }
        boolean jdbc = parsed.values().stream().flatMap(List::stream).anyMatch(PartSpec::jdbc);
        boolean files = parsed.values().stream().flatMap(List::stream).anyMatch(p -> p.pattern() != null);
        if (jdbc && files) {
            throw where.error(tm.line(), "the profile maps both files and database tables; a profile reads one kind of source");
        }
        boolean jsonl = parsed.values().stream().flatMap(List::stream).anyMatch(p -> "jsonl".equals(p.format())
                && p.pattern() != null);
        Map<String, LookupSpec> lookups = lookups(m.get("lookups"), where);
        Connection connection = null;
        if (m.get("connection") instanceof MapNode cm) {
            Map<String, String> props = new LinkedHashMap<>();
            if (cm.get("properties") instanceof MapNode pm) {
                pm.entries().forEach((k, v) -> props.put(k, v instanceof Scalar s ? s.value() : null));
            }
            connection = new Connection(PartSpec.text(cm, "user_env", where), PartSpec.text(cm, "password_env", where), props);
        }
        String description = PartSpec.text(m, "description", where);
        return new MappingProfile(name == null ? origin : name, origin, description, formats, parsed, lookups,
                connection, jdbc, jsonl);
    }

    private static Map<String, LookupSpec> lookups(YamlNode node, ProfileContext where) {
        Map<String, LookupSpec> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof MapNode m)) {
            throw where.error(node.line(), "lookups is a mapping of name to {from: ..., key: ..., value: ...}");
        }
        for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
            if (!(e.getValue() instanceof MapNode lm) || !lm.has("from") || !lm.has("key") || !lm.has("value")) {
                throw where.error(m.lineOf(e.getKey()), "lookup '" + e.getKey() + "' needs from (a file of the export,"
                        + " or {table: users} for the warehouse's table), key (one or more column specs) and value");
            }
            String file = null;
            String table = null;
            if (lm.get("from") instanceof Scalar s && s.value() != null) {
                file = s.value();
            } else if (lm.get("from") instanceof MapNode fm && fm.has("table")) {
                table = PartSpec.text(fm, "table", where);
                if (Tables.byName(table).isEmpty()) {
                    throw where.error(fm.lineOf("table"), "'" + table + "' is not a warehouse table");
                }
            } else {
                throw where.error(lm.lineOf("from"), "from is a file of the export (User.csv) or {table: users}");
            }
            List<ValueSpec> keys = new ArrayList<>();
            if (lm.get("key") instanceof ListNode kl) {
                kl.items().forEach(k -> keys.add(ValueSpec.parse(k, where)));
            } else {
                keys.add(ValueSpec.parse(lm.get("key"), where));
            }
            out.put(e.getKey(), new LookupSpec(e.getKey(), m.lineOf(e.getKey()), file, table, keys,
                    ValueSpec.parse(lm.get("value"), where)));
        }
        return out;
    }

    /** Whether the profile maps anything to {@code table}. */
    public boolean maps(TableContract table) {
        return tables.containsKey(table);
    }
}
