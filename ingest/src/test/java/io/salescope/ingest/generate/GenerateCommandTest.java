package io.salescope.ingest.generate;

import io.salescope.core.cli.Cli;
import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.GlobalOptions;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.contract.Tables;
import io.salescope.ingest.cli.GenerateCommand;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateCommandTest {

    /** A stand-in for the launcher's top-level command: owns the global options, mounts generate. */
    @Command(name = "salescope", subcommands = GenerateCommand.class)
    static final class Root implements ConfigProvider {
        @Mixin
        GlobalOptions global;

        @Override
        public SalescopeConfig config() {
            return global.toConfig(java.util.Map.of());
        }
    }

    @Test
    void generate_writes_a_snapshot_of_the_global_reference_date_and_prints_a_summary(@TempDir Path dir) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(stdout, true, java.nio.charset.StandardCharsets.UTF_8));
            exit = Cli.execute(new Root(), "generate", "--out", dir.toString(), "--scale", "0.05", "--seed", "3",
                    "--today", "2025-03-31");
        } finally {
            System.setOut(saved);
        }

        assertThat(exit).isZero();
        assertThat(stdout.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("opportunities.csv", "activities.csv", "total");
        Instant snapshot = LocalDate.of(2025, 3, 31).atStartOfDay(ZoneOffset.UTC).toInstant();
        Export export = Export.readBack(dir);
        assertThat(export.rows(Tables.OPPORTUNITIES)).isNotEmpty()
                .allSatisfy(o -> assertThat(Export.instant(o.get("created_at"))).isBefore(snapshot))
                .anyMatch(o -> Export.instant(o.get("created_at")).isAfter(snapshot.minusSeconds(7 * 86_400)));
        assertThat(dir.resolve(CrmGenerator.PLANTED_FILE)).doesNotExist();
        assertThat(export.rows(Tables.QUOTAS)).extracting((CSVRecord q) -> q.get("period_end")).contains("2025-12-31");
    }

    @Test
    void a_scale_that_is_not_positive_is_a_usage_error() {
        PrintStream saved = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
            exit = Cli.execute(new Root(), "generate", "--out", "unused", "--scale", "0");
        } finally {
            System.setErr(saved);
        }
        assertThat(exit).isEqualTo(Cli.USAGE);
        assertThat(stderr.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("--scale must be above 0");
    }
}
