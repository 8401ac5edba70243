package io.salescope.ingest.bench;

import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.contract.TableContract;
import io.salescope.core.progress.Progress;
import io.salescope.ingest.IngestJob;
import io.salescope.ingest.IngestOptions;
import io.salescope.ingest.IngestReport;
import io.salescope.ingest.source.CsvFolderSource;
import io.salescope.ingest.source.SourceEntity;
import io.salescope.ingest.spark.ContractSchemas;
import io.salescope.ingest.spark.Sparks;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One variant of the ingest benchmark in its own JVM (so its peak RSS is its own):
 * {@code ingest} runs {@link IngestJob} ({@code --full}, a fresh data directory);
 * {@code copy} is the plain Spark baseline: each export file read with Spark's CSV reader
 * (header, RFC 4180 quotes, {@code multiLine} as asked, all columns as strings or the
 * contract's declared types) and written as zstd Parquet, one file after the other.
 * Both use the same session ({@link Sparks#session}). Prints one {@code RESULT} line.
 *
 * <p>Run by {@code bench/ingest/run.sh}; not a test.
 *
 * <pre>
 * IngestBenchMain ingest EXPORT_DIR WORK_DIR
 * IngestBenchMain copy EXPORT_DIR WORK_DIR MULTILINE(true|false) SCHEMA(strings|declared)
 * </pre>
 */
public final class IngestBenchMain {

    private IngestBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String export = args[1];
        java.nio.file.Path work = java.nio.file.Path.of(args[2]);
        SparkSession spark = Sparks.session("salescope ingest bench", null);
        StageCpu stages = new StageCpu();
        spark.sparkContext().addSparkListener(stages);
        try {
            Map<String, Object> result = switch (mode) {
                case "ingest" -> ingest(spark, export, work);
                case "copy" -> copy(spark, export, work, Boolean.parseBoolean(args[3]), args[4]);
                default -> throw new IllegalArgumentException("mode must be ingest or copy, got " + mode);
            };
            result.put("peak_rss_mb", peakRssMb());
            StringBuilder line = new StringBuilder("RESULT");
            result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
            System.out.println(line);
            System.out.println(threadCpu());
            System.out.println(stages.render());
        } finally {
            spark.stop();
        }
    }

    private static Map<String, Object> ingest(SparkSession spark, String export, java.nio.file.Path work) {
        SalescopeConfig config = SalescopeConfig.defaults().withDataDir(work.resolve("data").toString())
                .withToday(java.time.LocalDate.parse(System.getenv().getOrDefault("BENCH_TODAY", "2026-06-30")));
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        IngestReport report = IngestJob.run(spark, config, IngestOptions.of(export).withFull(true),
                Progress.plain(System.err));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuNanos() - cpu0) / 1e9;
        if (!report.published()) {
            throw new IllegalStateException("the benchmark export was not published: " + report.status());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("variant", "ingest");
        out.put("seconds", String.format(Locale.ROOT, "%.1f", seconds));
        out.put("cpu_seconds", String.format(Locale.ROOT, "%.1f", cpu));
        long rows = report.totals().rowsRead();
        out.put("records", rows);
        out.put("rows_written", report.totals().rowsLoaded());
        out.put("rows_per_s", Math.round(rows / seconds));
        StringBuilder timings = new StringBuilder();
        report.timings().forEach((k, v) -> timings.append(timings.isEmpty() ? "" : ",").append(k).append(':').append(v));
        out.put("timings", timings);
        return out;
    }

    private static Map<String, Object> copy(SparkSession spark, String export, java.nio.file.Path work,
                                            boolean multiLine, String schemaKind) throws IOException {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        CsvFolderSource source = new CsvFolderSource(export, hadoop);
        Map<TableContract, String> files = source.discover();
        // The true record count (quoted newlines counted right), outside the timed part.
        long records = 0;
        for (TableContract table : files.keySet()) {
            SourceEntity entity = source.plan(table, Progress.none().step("count", -1));
            records += entity.records();
        }
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        StringBuilder timings = new StringBuilder();
        for (Map.Entry<TableContract, String> e : files.entrySet()) {
            long f0 = System.nanoTime();
            String in = java.nio.file.Path.of(export).resolve(e.getValue()).toString();
            StructType schema = schema(in, e.getKey(), schemaKind);
            spark.read().schema(schema)
                    .option("header", "true")
                    .option("multiLine", String.valueOf(multiLine))
                    .option("escape", "\"")
                    .option("encoding", "UTF-8")
                    .csv(in)
                    .write().mode(SaveMode.Overwrite).option("compression", "zstd")
                    .parquet(work.resolve("copy").resolve(e.getKey().name()).toString());
            timings.append(timings.isEmpty() ? "" : ",").append(e.getKey().name()).append(':')
                    .append(String.format(Locale.ROOT, "%.1f", (System.nanoTime() - f0) / 1e9));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuNanos() - cpu0) / 1e9;
        long written = parquetRows(hadoop, work.resolve("copy").toString());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("variant", "copy-" + (multiLine ? "multiline" : "lines") + "-" + schemaKind);
        out.put("seconds", String.format(Locale.ROOT, "%.1f", seconds));
        out.put("cpu_seconds", String.format(Locale.ROOT, "%.1f", cpu));
        out.put("records", records);
        out.put("rows_written", written);
        out.put("rows_per_s", Math.round(records / seconds));
        out.put("timings", timings);
        return out;
    }

    /** The header's columns as strings, or with the contract's types where the contract has the column. */
    private static StructType schema(String file, TableContract table, String kind) throws IOException {
        String header;
        try (BufferedReader r = Files.newBufferedReader(java.nio.file.Path.of(file), StandardCharsets.UTF_8)) {
            header = r.readLine();
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        StructType schema = new StructType();
        for (String raw : header.split(",", -1)) {
            String name = raw.strip();
            Optional<io.salescope.core.contract.Column> column = table.column(name.toLowerCase(Locale.ROOT));
            schema = schema.add(name, "declared".equals(kind) && column.isPresent()
                    ? ContractSchemas.sparkType(column.get().type()) : DataTypes.StringType, true);
        }
        return schema;
    }

    private static long parquetRows(Configuration conf, String dir) throws IOException {
        Path root = new Path(dir);
        RemoteIterator<LocatedFileStatus> it = root.getFileSystem(conf).listFiles(root, true);
        long rows = 0;
        while (it.hasNext()) {
            LocatedFileStatus f = it.next();
            if (f.getPath().getName().endsWith(".parquet")) {
                try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf))) {
                    rows += reader.getRecordCount();
                }
            }
        }
        return rows;
    }

    /**
     * Task CPU and run time per job description (ingest names its jobs "ingest TABLE: STEP"),
     * else per stage call site (where in our code the Spark action is).
     */
    static final class StageCpu extends org.apache.spark.scheduler.SparkListener {
        private final Map<String, long[]> byCallSite = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<Integer, String> descriptions = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart event) {
            String description = event.properties() == null ? null
                    : event.properties().getProperty("spark.job.description");
            if (description != null) {
                scala.jdk.javaapi.CollectionConverters.asJava(event.stageIds())
                        .forEach(id -> descriptions.put((Integer) id, description));
            }
        }

        @Override
        public void onStageCompleted(org.apache.spark.scheduler.SparkListenerStageCompleted event) {
            var info = event.stageInfo();
            var metrics = info.taskMetrics();
            String key = descriptions.getOrDefault(info.stageId(), info.name());
            long[] acc = byCallSite.computeIfAbsent(key, k -> new long[4]);
            synchronized (acc) {
                acc[0] += metrics.executorCpuTime() / 1_000_000;
                acc[1] += metrics.executorRunTime();
                acc[2] += info.numTasks();
                acc[3] += metrics.shuffleWriteMetrics().bytesWritten();
            }
        }

        String render() {
            StringBuilder out = new StringBuilder("STAGES (job description or call site: task cpu s, task run s, tasks, shuffle MiB)\n");
            byCallSite.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                    .forEach(e -> out.append(String.format(Locale.ROOT, "  %-60s %8.1f %8.1f %6d %8.1f%n", e.getKey(),
                            e.getValue()[0] / 1e3, e.getValue()[1] / 1e3, e.getValue()[2], e.getValue()[3] / 1048576.0)));
            return out.toString();
        }
    }

    /**
     * CPU seconds of the process's threads by kind (JIT compilers, GC, Spark task threads, the
     * rest), from /proc: where the time outside Spark tasks goes. Threads that already ended
     * are missing, so the kinds need not add up to cpu_seconds.
     */
    static String threadCpu() throws IOException {
        Map<String, Double> byKind = new java.util.TreeMap<>();
        double tick = 100.0; // USER_HZ
        try (var tasks = Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / tick;
                String kind = name.contains("Compiler") ? "jit"
                        : name.startsWith("GC ") || name.startsWith("G1 ") ? "gc"
                        : name.startsWith("Executor task") ? "tasks" : "other";
                byKind.merge(kind, cpu, Double::sum);
            }
        }
        StringBuilder out = new StringBuilder("THREADS (cpu s by kind, live threads)");
        byKind.forEach((k, v) -> out.append(' ').append(k).append('=').append(String.format(Locale.ROOT, "%.1f", v)));
        return out.toString();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The process's peak resident set (VmHWM), in MiB. */
    static long peakRssMb() throws IOException {
        for (String line : Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
