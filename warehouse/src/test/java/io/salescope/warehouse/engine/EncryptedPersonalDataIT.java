package io.salescope.warehouse.engine;

import io.salescope.core.config.SalescopeConfig;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.LocalStorage;
import io.salescope.core.store.VersionManifest;
import io.salescope.core.store.VersionStore;
import io.salescope.ingest.IngestJob;
import io.salescope.ingest.IngestOptions;
import io.salescope.ingest.spark.Sparks;
import io.salescope.warehouse.catalog.MetricCatalog;
import io.salescope.warehouse.query.MetricQuery;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine loads a warehouse whose personal data is encrypted without any keys: encrypted
 * columns are NULL, everything else is there, and questions are answered.
 */
class EncryptedPersonalDataIT {

    @Test
    void the_engine_needs_no_keys_and_sees_encrypted_columns_as_null(@TempDir Path tmp) throws Exception {
        Path export = tmp.resolve("export");
        Files.createDirectories(export);
        Files.writeString(export.resolve("users.csv"), "user_id,name,email,role\nu1,Ada Exec,ada@example.com,executive\n");
        Files.writeString(export.resolve("accounts.csv"), "account_id,name\na1,Acme\n");
        Files.writeString(export.resolve("opportunities.csv"), """
                opportunity_id,account_id,owner_id,amount,currency,stage,created_at,close_date,closed_at,modified_at
                o1,a1,u1,5000,USD,Closed Won,2026-01-05T10:00:00Z,2026-02-10,2026-02-10T12:00:00Z,2026-02-10T12:00:00Z
                """);
        Files.writeString(export.resolve("contacts.csv"), """
                contact_id,account_id,first_name,last_name,email,phone,title
                c1,a1,Grace,Hopper,grace@acme.example,+1 555 0100,CTO
                """);
        Path data = tmp.resolve("data");
        SalescopeConfig config = SalescopeConfig.defaults().withDataDir(data.toString()).withToday(LocalDate.of(2026, 3, 1));
        SparkSession spark = Sparks.forTests("EncryptedPersonalDataIT");
        try {
            assertThat(IngestJob.run(spark, config, IngestOptions.of(export.toString()), Progress.none()).published()).isTrue();
        } finally {
            spark.stop();
        }
        // The engine never sees the keys: take them away altogether.
        Files.delete(tmp.resolve("salescope-keys.json"));

        VersionManifest m = new VersionStore(new LocalStorage(data)).current().orElseThrow();
        assertThat(m.table("contacts").orElseThrow().encryptedColumns()).contains("email");
        try (Snapshot s = Snapshot.load(new LocalStorage(data), m); Connection c = s.connect();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT contact_id, account_id, title, first_name, email, phone FROM contacts")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3)).isEqualTo("c1/a1/CTO");
            assertThat(rs.getString(4)).isNull();
            assertThat(rs.getString(5)).isNull();
            assertThat(rs.getString(6)).isNull();
        }
        try (DuckDbMetricEngine engine = new DuckDbMetricEngine(config, new LocalStorage(data), MetricCatalog.builtIn())) {
            Double bookings = engine.execute(MetricQuery.builder("bookings", "ada@example.com").period("2026-Q1").build()).value();
            assertThat(bookings).isEqualTo(5000.0);
        }
    }
}
