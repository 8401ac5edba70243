package io.salescope.ingest.profile;

import com.fasterxml.jackson.core.type.TypeReference;
import io.salescope.core.SalescopeException;
import io.salescope.core.contract.Column;
import io.salescope.core.contract.TableContract;
import io.salescope.core.json.Json;
import io.salescope.core.progress.Progress;
import io.salescope.ingest.csv.CsvSplit;
import io.salescope.ingest.csv.CsvSplitOpener;
import io.salescope.ingest.csv.CsvSplitter;
import io.salescope.ingest.source.ExportSource;
import io.salescope.ingest.source.CsvFolderSource;
import io.salescope.ingest.source.SerializableConfiguration;
import io.salescope.ingest.source.SourceContext;
import io.salescope.ingest.source.SourceEntity;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A folder of foreign export files read through a {@link MappingProfile}: each mapping's files
 * (names matched by pattern, ignoring case) are scanned like crm-export-v1 files and their
 * records mapped to v1 records inside the Spark tasks that type them, so quarantine rows and
 * reports name the original files and lines. Mappings of JSON-lines files (activity streams)
 * read only what was appended since the checkpoint the warehouse keeps, and publish the new
 * checkpoint with the version.
 */
public final class ProfileSource implements ExportSource {

    /** Manifest property: per stream folder, per file, how far it was read. */
    public static final String CHECKPOINTS = "stream_checkpoints";
    private static final int FINGERPRINT_BYTES = 256;

    private final MappingProfile profile;
    private final String location;
    private final Configuration conf;
    private final long splitBytes;
    private final int maxRecordBytes;
    private final int minSplits;
    private final Progress progress;
    private final Path dir;
    private final FileSystem fs;
    private List<FileStatus> files;
    private SourceContext context;
    private Map<String, Lookup> lookups = Map.of();
    private final Map<String, CsvSplitter.Plan> csvPlans = new HashMap<>();
    private Map<String, Checkpoint> previous = Map.of();
    private final Map<String, Checkpoint> reached = new TreeMap<>();

    /** How far a JSON-lines file was read: its first bytes tell a replaced file from a grown one. */
    public record Checkpoint(long offset, long line, String fingerprint) {
    }

    public ProfileSource(MappingProfile profile, String location, Configuration conf, long splitBytes,
                         int maxRecordBytes, int minSplits, Progress progress) {
        this.profile = requireNonNull(profile, "profile is null");
        this.location = requireNonNull(location, "location is null");
        this.conf = requireNonNull(conf, "conf is null");
        this.splitBytes = splitBytes;
        this.maxRecordBytes = maxRecordBytes;
        this.minSplits = Math.max(1, minSplits);
        this.progress = requireNonNull(progress, "progress is null");
        if (profile.jdbc()) {
            throw new SalescopeException(profile.origin() + " reads database tables; give a JDBC URL"
                    + " (jdbc:postgresql://host/db) instead of the folder " + location);
        }
        this.dir = CsvFolderSource.folder(location, conf);
        try {
            this.fs = dir.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the export folder " + location, e);
        }
    }

    @Override
    public String location() {
        return dir.toString();
    }

    @Override
    public boolean partial() {
        return profile.jsonl();
    }

    @Override
    public void open(SourceContext context) {
        this.context = context;
        listFiles();
        if (profile.jsonl()) {
            if (context.full()) {
                throw new SalescopeException("--full does not apply to an activity stream: a stream adds events to the"
                        + " warehouse; re-read it from the start by ingesting the CRM export with --full first");
            }
            previous = context.full() ? Map.of() : checkpoints(context.property(CHECKPOINTS).orElse(null)).getOrDefault(
                    location(), Map.of());
        }
        lookups = Lookups.build(profile, context, pattern -> {
            Optional<FileStatus> f = files.stream().filter(s -> matches(pattern, s.getPath().getName())).findFirst();
            if (f.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Lookups.Named(f.get().getPath().getName(), fs.open(f.get().getPath())));
        }, m -> progress.message("  " + m));
    }

    private void listFiles() {
        if (files != null) {
            return;
        }
        try {
            if (!fs.getFileStatus(dir).isDirectory()) {
                throw new SalescopeException(location + " is not a folder: give the folder that holds the export's files");
            }
            List<FileStatus> out = new ArrayList<>();
            for (FileStatus s : fs.listStatus(dir)) {
                String name = s.getPath().getName();
                if (s.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
                    out.add(s);
                }
            }
            out.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
            files = out;
        } catch (FileNotFoundException e) {
            throw new SalescopeException("the export folder " + location + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the export folder " + location, e);
        }
    }

    /** The files a mapping reads, in name order. */
    private List<FileStatus> filesOf(PartSpec part) {
        return files.stream().filter(s -> matches(part.pattern(), s.getPath().getName())).toList();
    }

    @Override
    public Map<TableContract, String> discover() {
        listFiles();
        Map<TableContract, String> out = new LinkedHashMap<>();
        for (Map.Entry<TableContract, List<PartSpec>> e : profile.tables().entrySet()) {
            List<String> names = new ArrayList<>();
            for (PartSpec part : e.getValue()) {
                if (part.inline()) {
                    names.add(profile.origin());
                } else {
                    List<FileStatus> matched = filesOf(part);
                    matched.forEach(f -> names.add(f.getPath().getName()));
                    if (matched.isEmpty() && !part.optional() && !e.getKey().requiredFile()) {
                        progress.message("  " + profile.origin() + " maps " + part.pattern() + " to " + e.getKey().name()
                                + ", but " + location + " has no such file");
                    }
                }
            }
            if (names.isEmpty() && e.getKey().requiredFile() && !profile.jsonl()) {
                PartSpec first = e.getValue().get(0);
                throw new SalescopeException("the export " + location + " has no file matching '" + first.pattern()
                        + "', which " + profile.origin() + " (line " + first.line() + ") maps to " + e.getKey().name()
                        + ", a table every warehouse needs; add the file to the folder, or fix the pattern in the profile");
            }
            if (!names.isEmpty()) {
                out.put(e.getKey(), String.join(", ", new LinkedHashSet<>(names)));
            }
        }
        return out;
    }

    @Override
    public List<String> ignored() {
        listFiles();
        List<String> out = new ArrayList<>();
        for (FileStatus s : files) {
            String name = s.getPath().getName();
            boolean used = profile.tables().values().stream().flatMap(List::stream)
                    .anyMatch(p -> p.pattern() != null && matches(p.pattern(), name))
                    || profile.lookups().values().stream().anyMatch(l -> l.file() != null && matches(l.file(), name));
            if (!used) {
                out.add(name);
            }
        }
        return out;
    }

    @Override
    public SourceEntity plan(TableContract table, Progress.Step step) {
        return planParts(table, step).get(0);
    }

    @Override
    public List<SourceEntity> planParts(TableContract table, Progress.Step step) {
        List<PartSpec> specs = profile.tables().getOrDefault(table, List.of());
        List<SourceEntity> out = new ArrayList<>();
        for (PartSpec part : specs) {
            if (part.inline()) {
                out.add(inline(table, part));
                continue;
            }
            for (FileStatus file : filesOf(part)) {
                out.add("jsonl".equals(part.format()) ? jsonl(table, part, file, step) : csv(table, part, file, step));
            }
        }
        return out;
    }

    private SourceEntity inline(TableContract table, PartSpec part) {
        ProfileRows.Split split = ProfileRows.split(part.rows());
        return new SourceEntity(table, "profile " + profile.name() + (part.label() == null ? "" : " [" + part.label() + "]"),
                ProfileRows.header(part.rows()), part.rows().size(), 0, List.of(split), new ProfileRows.Opener(),
                null, List.of());
    }

    private SourceEntity csv(TableContract table, PartSpec part, FileStatus file, Progress.Step step) {
        String name = file.getPath().getName();
        CsvSplitter.Plan plan = csvPlans.get(name);
        if (plan == null) {
            try (FSDataInputStream in = fs.open(file.getPath())) {
                long size = Math.min(splitBytes, Math.max(4L << 20, file.getLen() / minSplits + 1));
                plan = CsvSplitter.plan(name, in, size, maxRecordBytes, step::advance);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.getPath(), e);
            }
            csvPlans.put(name, plan);
        }
        List<CsvSplit> splits = plan.splits().stream().map(s -> new CsvSplit(file.getPath().toString(), s.index(),
                s.start(), s.end(), s.firstLine(), s.records())).toList();
        ForeignHeader header = new ForeignHeader(plan.header());
        List<SourceEntity.PlanNote> notes = new ArrayList<>();
        RecordMapping mapping = bind(table, part, header, name, notes, header.size());
        return new SourceEntity(table, sourceName(part, name), mapping.header(), plan.records(), file.getLen(), splits,
                new MappedSplitOpener(new CsvSplitOpener(new SerializableConfiguration(conf), maxRecordBytes), mapping),
                null, notes);
    }

    private SourceEntity jsonl(TableContract table, PartSpec part, FileStatus file, Progress.Step step) {
        String name = file.getPath().getName();
        Checkpoint from = previous.get(name);
        if (from != null && (from.offset() > file.getLen() || !fingerprint(file, from.offset()).equals(from.fingerprint()))) {
            progress.message("  " + name + " was replaced or truncated since the last run; reading it from the start"
                    + " (events already loaded count once)");
            from = null;
        }
        long start = from == null ? 0 : from.offset();
        long startLine = from == null ? 1 : from.line();
        JsonLines.Plan plan;
        try (FSDataInputStream in = fs.open(file.getPath())) {
            in.seek(start);
            plan = JsonLines.plan(file.getPath().toString(), in, start, startLine, Math.min(splitBytes,
                    Math.max(4L << 20, (file.getLen() - start) / minSplits + 1)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getPath(), e);
        }
        step.advance(plan.records());
        reached.put(name, new Checkpoint(plan.end(), plan.endLine(), fingerprint(file, plan.end())));
        Set<String> fields = new LinkedHashSet<>();
        part.columns().values().forEach(s -> s.fields(fields::add));
        if (part.where() != null) {
            part.where().columns(fields::add);
        }
        if (part.deletedIf() != null) {
            part.deletedIf().columns(fields::add);
        }
        ForeignHeader header = new ForeignHeader(List.copyOf(fields));
        List<SourceEntity.PlanNote> notes = new ArrayList<>();
        RecordMapping mapping = bind(table, part, header, name, notes, -1);
        return new SourceEntity(table, sourceName(part, name), mapping.header(), plan.records(), file.getLen() - start,
                plan.splits(), new MappedSplitOpener(new JsonLines.Opener(new SerializableConfiguration(conf),
                List.copyOf(fields), maxRecordBytes), mapping), null, notes);
    }

    private String sourceName(PartSpec part, String file) {
        return part.label() == null ? file : file + " [" + part.label() + "]";
    }

    /** Binds a mapping's column specs to a source's header. */
    RecordMapping bind(TableContract table, PartSpec part, ForeignHeader header, String sourceName,
                       List<SourceEntity.PlanNote> notes, int foreignWidth) {
        return bindMapping(profile, context.config().reportingCurrency(), lookups, table, part, header, sourceName,
                notes, foreignWidth);
    }

    static RecordMapping bindMapping(MappingProfile profile, String reportingCurrency, Map<String, Lookup> lookups,
                                     TableContract table, PartSpec part, ForeignHeader header, String sourceName,
                                     List<SourceEntity.PlanNote> notes, int foreignWidth) {
        ProfileContext where = new ProfileContext(profile.origin(), sourceName);
        List<String> names = new ArrayList<>();
        List<ValueExpr> exprs = new ArrayList<>();
        for (Map.Entry<String, ValueSpec> e : part.columns().entrySet()) {
            Column column = table.column(e.getKey()).orElseThrow();
            ValueSpec.Binding binding = new ValueSpec.Binding(header, where, column, table.name(), profile.formats(),
                    lookups, reportingCurrency, m -> notes.add(new SourceEntity.PlanNote("missing_column", e.getKey(),
                    null, m)));
            names.add(e.getKey());
            exprs.add(e.getValue().bind(binding));
        }
        Condition whereCondition = part.where() == null ? null : part.where().bind(header, where);
        Condition deleted = part.deletedIf() == null ? null : part.deletedIf().bind(header, where);
        return new RecordMapping(names, exprs, whereCondition, deleted, foreignWidth);
    }

    @Override
    public Map<String, String> properties() {
        if (!profile.jsonl()) {
            return Map.of();
        }
        Map<String, Map<String, Checkpoint>> all = new TreeMap<>(checkpoints(context.property(CHECKPOINTS).orElse(null)));
        Map<String, Checkpoint> mine = new TreeMap<>(previous);
        mine.putAll(reached);
        all.put(location(), mine);
        return Map.of(CHECKPOINTS, new String(Json.write(all), java.nio.charset.StandardCharsets.UTF_8));
    }

    static Map<String, Map<String, Checkpoint>> checkpoints(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return Json.mapper().readValue(json, new TypeReference<Map<String, Map<String, Checkpoint>>>() { });
        } catch (IOException e) {
            throw new SalescopeException("the warehouse's stream checkpoints cannot be read (" + e.getMessage()
                    + "); they are in the current version's manifest, property " + CHECKPOINTS, e);
        }
    }

    /** A digest of the file's first bytes (up to {@code limit}): changes when the file is replaced. */
    private String fingerprint(FileStatus file, long limit) {
        try (FSDataInputStream in = fs.open(file.getPath())) {
            byte[] head = in.readNBytes((int) Math.min(FINGERPRINT_BYTES, Math.min(limit, file.getLen())));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(head), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getPath(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean matches(String pattern, String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(name).matches();
    }
}
