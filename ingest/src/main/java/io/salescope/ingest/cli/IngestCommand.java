package io.salescope.ingest.cli;

import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.progress.Progress;
import io.salescope.ingest.IngestJob;
import io.salescope.ingest.IngestOptions;
import io.salescope.ingest.IngestReport;
import io.salescope.ingest.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code salescope ingest SOURCE}: load a CRM export folder, a foreign export through a mapping
 * profile, a CRM database (JDBC URL and profile) or an activity stream into a new warehouse version.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Load a CRM export into a new warehouse version: a folder of crm-export-v1 CSV files; a",
                "Salesforce, HubSpot or Zoho export (--profile salesforce|hubspot|zoho) or any CSV (--profile FILE);",
                "a CRM database (jdbc:postgresql://HOST/DB --profile FILE, incremental by watermark); or a folder of",
                "JSON-lines activity events (--stream, incremental by checkpoint).",
                "Rows replace the warehouse's rows with the same id; rejected rows go to quarantine.",
                "Exit status: 0 published, 1 failed, 2 usage error, 3 rejected (too many quarantined rows)."})
public final class IngestCommand implements Callable<Integer> {

    /** Exit status of a run whose reject rate exceeded the limit. */
    public static final int REJECTED = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The export folder (a local path or a Hadoop URI:"
            + " hdfs://, s3a://...), or a JDBC URL with --profile. Database credentials come from SALESCOPE_JDBC_USER"
            + " and SALESCOPE_JDBC_PASSWORD (or the variables the profile names), never the command line.")
    String dir;

    @Option(names = "--profile", paramLabel = "NAME|FILE",
            description = "Map a foreign export onto crm-export-v1: salesforce, hubspot, zoho, activity-stream, or a"
                    + " profile file (YAML; see docs/sources.md).")
    String profile;

    @Option(names = "--stream", description = "The folder holds JSON-lines activity events (calls, e-mails, meetings):"
            + " load what was appended since the last run (same as --profile activity-stream unless a profile is given).")
    boolean stream;

    @Option(names = "--full", description = "Replace the warehouse's contents with the folder's: tables the folder lacks become empty, the stage model falls back to the default.")
    boolean full;

    @Option(names = "--max-reject-rate", paramLabel = "R", defaultValue = "0.05",
            description = "Publish nothing when more than this share of the records read is quarantined (default ${DEFAULT-VALUE}).")
    double maxRejectRate;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: env SALESCOPE_SPARK_MASTER, else local[*]).")
    String master;

    @Override
    public Integer call() {
        SalescopeConfig config = ConfigProvider.of(spec);
        String chosen = profile != null ? profile : stream ? "activity-stream" : null;
        IngestOptions options = IngestOptions.of(dir).withFull(full).withMaxRejectRate(maxRejectRate).withProfile(chosen);
        // In a JVM that already runs Spark (salescope run, tests) the session is shared and stays up.
        boolean owned = SparkSession.getDefaultSession().isEmpty() && SparkSession.getActiveSession().isEmpty();
        SparkSession spark = Sparks.session("salescope ingest", master);
        try {
            IngestReport report = IngestJob.run(spark, config, options, Progress.console());
            PrintWriter out = spec.commandLine().getOut();
            out.print(report.summary());
            out.flush();
            return report.published() ? 0 : REJECTED;
        } finally {
            if (owned) {
                spark.stop();
            }
        }
    }
}
