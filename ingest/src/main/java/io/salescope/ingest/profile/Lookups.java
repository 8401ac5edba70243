package io.salescope.ingest.profile;

import io.salescope.core.SalescopeException;
import io.salescope.core.contract.Column;
import io.salescope.core.contract.Tables;
import io.salescope.ingest.csv.CsvRecordReader;
import io.salescope.ingest.source.SourceContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Builds a profile's lookup tables on the driver and broadcasts them to the tasks. */
final class Lookups {

    /** Lookups larger than this are a mistake (a lookup is an id map, not a fact table). */
    static final int MAX_ENTRIES = 5_000_000;

    private Lookups() {
    }

    /** A source a lookup reads: a file of the export (opened on demand) or a warehouse table. */
    interface FileOpener {
        /** The file matching {@code pattern}, opened; empty when the export has none. */
        Optional<Named> open(String pattern) throws IOException;
    }

    record Named(String name, InputStream in) {
    }

    static Map<String, Lookup> build(MappingProfile profile, SourceContext context, FileOpener files,
                                     Consumer<String> note) {
        Map<String, Lookup> out = new LinkedHashMap<>();
        if (profile.lookups().isEmpty()) {
            return out;
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(context.spark().sparkContext());
        ProfileContext where = new ProfileContext(profile.origin(), null);
        for (MappingProfile.LookupSpec spec : profile.lookups().values()) {
            Map<String, String> table = new HashMap<>();
            if (spec.file() != null) {
                try {
                    Optional<Named> file = files.open(spec.file());
                    if (file.isEmpty()) {
                        note.accept("lookup " + spec.name() + ": the export has no file matching " + spec.file()
                                + "; values it would translate are kept as they are");
                    } else {
                        try (InputStream in = file.get().in()) {
                            fromCsv(spec, where.at(file.get().name()), in, table, context.config().reportingCurrency());
                        }
                    }
                } catch (IOException e) {
                    throw new SalescopeException("cannot read the lookup file for " + spec.name() + ": " + e.getMessage(), e);
                }
            } else {
                var t = Tables.byName(spec.warehouseTable()).orElseThrow();
                Optional<Dataset<Row>> rows = context.warehouseTable().apply(t);
                if (rows.isPresent()) {
                    Dataset<Row> d = rows.get();
                    List<String> names = List.of(d.columns());
                    ForeignHeader header = new ForeignHeader(names);
                    List<Row> collected = d.limit(MAX_ENTRIES + 1).collectAsList();
                    fill(spec, where.at("the warehouse's " + t.name()), header, collected.stream().map(r -> (Fields) i -> {
                        Object v = r.get(i);
                        String s = v == null ? null : v.toString().strip();
                        return s == null || s.isEmpty() ? null : s;
                    }).toList(), table, context.config().reportingCurrency());
                } else {
                    note.accept("lookup " + spec.name() + ": the warehouse has no " + t.name()
                            + " yet; values it would translate are kept as they are");
                }
            }
            if (table.size() > MAX_ENTRIES) {
                throw new ProfileException(profile.origin() + ", line " + spec.line() + ": lookup " + spec.name() + " has more"
                        + " than " + MAX_ENTRIES + " entries; a lookup maps ids (users, owners), not large tables");
            }
            out.put(spec.name(), new Lookup(spec.name(), jsc.broadcast(Map.copyOf(table)), table.size()));
        }
        return out;
    }

    private static void fromCsv(MappingProfile.LookupSpec spec, ProfileContext where, InputStream in,
                                Map<String, String> table, String currency) throws IOException {
        byte[] head = in.readNBytes(3);
        boolean bom = head.length == 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF;
        InputStream body = bom ? in : new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), in);
        try (CsvRecordReader reader = new CsvRecordReader(body, 0, 1, CsvRecordReader.DEFAULT_MAX_RECORD_BYTES)) {
            if (!reader.next()) {
                return;
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < reader.fieldCount(); i++) {
                names.add(reader.field(i));
            }
            ForeignHeader header = new ForeignHeader(names);
            Binding binding = bind(spec, where, header, currency);
            while (reader.next()) {
                if (reader.malformedReason() != null || reader.fieldCount() != header.size()) {
                    continue;
                }
                binding.add(i -> {
                    String v = reader.field(i);
                    String s = v == null ? null : v.strip();
                    return s == null || s.isEmpty() ? null : s;
                }, table);
            }
        }
    }

    private static void fill(MappingProfile.LookupSpec spec, ProfileContext where, ForeignHeader header,
                             List<Fields> rows, Map<String, String> table, String currency) {
        Binding binding = bind(spec, where, header, currency);
        rows.forEach(f -> binding.add(f, table));
    }

    private record Binding(List<ValueExpr> keys, ValueExpr value) {
        void add(Fields f, Map<String, String> table) {
            String v = value.eval(f);
            if (v == null) {
                return;
            }
            for (ValueExpr k : keys) {
                String key = k.eval(f);
                if (key != null) {
                    table.putIfAbsent(Lookup.normalize(key), v);
                }
            }
        }
    }

    private static Binding bind(MappingProfile.LookupSpec spec, ProfileContext where, ForeignHeader header,
                                String currency) {
        Column text = Column.optional("lookup", io.salescope.core.contract.ColumnType.STRING);
        Consumer<String> strict = m -> {
            throw new ProfileException(m);
        };
        ValueSpec.Binding b = new ValueSpec.Binding(header, where, text, "lookup " + spec.name(), Formats.NONE, Map.of(),
                currency, strict);
        List<ValueExpr> keys = spec.keys().stream().map(k -> k.bind(b)).toList();
        return new Binding(keys, spec.value().bind(b));
    }
}
