package io.salescope.ingest.crypto;

import io.salescope.core.SalescopeException;
import io.salescope.core.contract.Tables;
import io.salescope.core.progress.Progress;
import io.salescope.core.store.VersionManifest;
import io.salescope.ingest.Exports;
import io.salescope.ingest.IngestJob;
import io.salescope.ingest.IngestOptions;
import io.salescope.ingest.IngestReport;
import io.salescope.ingest.TestCli;
import io.salescope.ingest.spark.Sparks;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.salescope.ingest.Exports.row;
import static io.salescope.ingest.Exports.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contacts' and leads' names, e-mails and phones (and quarantined records) are written with
 * Parquet modular encryption: no file under the data directory holds them in plain text, DuckDB
 * and Spark without the keys read every other column but not those, Spark with the keys reads
 * them, a lost or wrong key file is a clear error, and rotation keeps the data readable.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PiiEncryptionIT {

    static final String EMAIL = "hanna.schmidt@mueller-maschinenbau.example";
    static final String LEAD_EMAIL = "ingrid.larsen@nordic-packaging.example";
    static final String QUARANTINED_EMAIL = "no.account@nowhere.example";

    static SparkSession spark;
    @TempDir
    static Path tmp;
    static Path data;
    static Path keyFile;

    @BeforeAll
    static void ingest() {
        spark = Sparks.forTests("PiiEncryptionIT");
        Path export = tmp.resolve("export");
        Exports.write(export, "users.csv", "user_id,name,email\nu1,Tom Becker,tom.becker@example.com\n");
        Exports.write(export, "accounts.csv", "account_id,name\na1,Müller Maschinenbau GmbH\na2,Nordic Packaging AS\n");
        Exports.write(export, "opportunities.csv", """
                opportunity_id,account_id,owner_id,amount,currency,stage,created_at,close_date,modified_at
                o1,a1,u1,1000,USD,Prospecting,2026-01-05T10:00:00Z,2026-06-30,2026-01-05T10:00:00Z
                """);
        Exports.write(export, "contacts.csv", """
                contact_id,account_id,first_name,last_name,email,phone,title,modified_at
                c1,a1,Hanna,Schmidt,%s,+49 711 555 0142,Head of Production,2026-01-05T10:00:00Z
                c2,a2,Ingrid,Larsen,ingrid@nordic-packaging.example,+47 22 55 50 77,Plant Manager,2026-01-05T10:00:00Z
                c3,,Nobody,Known,%s,+1 555 0100,,2026-01-05T10:00:00Z
                c4,a1,Jürgen,Maier,j.maier@mueller-maschinenbau.example,,CFO,2026-01-05T10:00:00Z
                """.formatted(EMAIL, QUARANTINED_EMAIL));
        Exports.write(export, "leads.csv", """
                lead_id,created_at,status,company,first_name,last_name,email,phone
                l1,2026-02-01T09:00:00Z,open,Nordic Packaging AS,Ingrid,Larsen,%s,+47 22 55 50 77
                """.formatted(LEAD_EMAIL));
        data = tmp.resolve("data");
        IngestReport report = IngestJob.run(spark, Exports.config(data), IngestOptions.of(export.toString())
                .withMaxRejectRate(0.5), Progress.none());
        assertThat(report.published()).as(report.summary()).isTrue();
        assertThat(report.totals().rowsQuarantined()).isEqualTo(1);
        keyFile = tmp.resolve(KeySource.DEFAULT_FILE_NAME);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static VersionManifest manifest() {
        return Exports.current(data).orElseThrow();
    }

    static String contactsDir() {
        return data.resolve(manifest().table("contacts").orElseThrow().path()).toString();
    }

    @Test
    @Order(1)
    void no_file_under_the_data_directory_holds_personal_data_in_plain_text() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        boolean plainFound = false;
        boolean titleFound = false;
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(text).as(f.toString()).doesNotContain(EMAIL).doesNotContain(LEAD_EMAIL)
                    .doesNotContain(QUARANTINED_EMAIL).doesNotContain("+49 711 555 0142").doesNotContain("Schmidt");
            plainFound |= text.contains("tom.becker@example.com");
            titleFound |= text.contains("Head of Production");
        }
        // The same search finds values written in plain text (a user's e-mail; a contact's title,
        // in the same files as the encrypted columns): compression does not hide them, encryption does.
        assertThat(plainFound).as("a plain e-mail is found by the search").isTrue();
        assertThat(titleFound).as("a contact's plain title is found by the search").isTrue();
        assertThat(manifest().table("contacts").orElseThrow().encryptedColumns())
                .containsExactly("first_name", "last_name", "email", "phone");
        assertThat(manifest().table("leads").orElseThrow().encryptedColumns())
                .containsExactly("first_name", "last_name", "email", "phone");
        assertThat(manifest().table("quarantine").orElseThrow().encryptedColumns()).containsExactly("raw_value", "raw_record");
        assertThat(manifest().table("users").orElseThrow().encryptedColumns()).isEmpty();
        // The keys live beside the data directory, never inside it, readable by their owner only.
        assertThat(keyFile).exists();
        assertThat(Files.getPosixFilePermissions(keyFile)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    @Order(2)
    void duckdb_reads_the_other_columns_but_not_the_encrypted_ones() throws SQLException {
        String scan = "read_parquet('" + contactsDir() + "/*.parquet')";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT contact_id, account_id, title FROM " + scan + " ORDER BY 1")) {
                while (rs.next()) {
                    ids.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3));
                }
            }
            assertThat(ids).containsExactly("c1/a1/Head of Production", "c2/a2/Plant Manager", "c4/a1/CFO");
            assertThatThrownBy(() -> st.executeQuery("SELECT email FROM " + scan)).hasMessageContaining("encrypted");
        }
    }

    @Test
    @Order(3)
    void spark_without_the_keys_cannot_read_them_and_with_the_keys_reads_the_plain_text() {
        var plain = spark.read().schema(io.salescope.ingest.spark.ContractSchemas.schema(Tables.CONTACTS)).parquet(contactsDir());
        assertThat(plain.select("contact_id").count()).isEqualTo(3);
        assertThatThrownBy(() -> plain.select("email").collectAsList()).hasStackTraceContaining("Null File Decryptor");

        assertThat(values(Exports.table(spark, data, Tables.CONTACTS).orderBy("contact_id"), "first_name", "email", "phone"))
                .containsExactly(row("Hanna", EMAIL, "+49 711 555 0142"),
                        row("Ingrid", "ingrid@nordic-packaging.example", "+47 22 55 50 77"),
                        row("Jürgen", "j.maier@mueller-maschinenbau.example", null));
        assertThat(values(Exports.table(spark, data, Tables.LEADS), "email")).containsExactly(row(LEAD_EMAIL));
        assertThat(values(Exports.table(spark, data, Tables.QUARANTINE), "raw_record").get(0).get(0).toString())
                .contains(QUARANTINED_EMAIL);
    }

    @Test
    @Order(4)
    void a_lost_or_wrong_key_file_is_a_clear_error_naming_it() throws IOException {
        Path moved = tmp.resolve("keys-backup.json");
        Files.move(keyFile, moved);
        try {
            assertThatThrownBy(() -> Exports.keys(data).readOptions())
                    .isInstanceOf(SalescopeException.class)
                    .hasMessageContaining("the master key file " + keyFile + " does not exist")
                    .hasMessageContaining("SALESCOPE_KEY_FILE");
            // An ingest that must read the encrypted contacts fails before touching anything.
            assertThatThrownBy(() -> IngestJob.run(spark, Exports.config(data), IngestOptions.of(
                    tmp.resolve("export").toString()).withMaxRejectRate(0.5), Progress.none())).hasMessageContaining(keyFile + " does not exist")
                    .hasMessageContaining("nothing was published");
            assertThat(keyFile).doesNotExist();

            // Someone else's keys: named as not the ones the data was encrypted with.
            KeySource.file(keyFile).write(MasterKeys.generate(Instant.now()), true);
            PiiCrypto wrong = Exports.keys(data);
            assertThatThrownBy(() -> wrong.checkReadable(org.apache.hadoop.fs.FileSystem.getLocal(new Configuration()),
                    new org.apache.hadoop.fs.Path(contactsDir()), "contacts"))
                    .hasMessageContaining("cannot decrypt contacts").hasMessageContaining("not the one the data was encrypted with");
            TestCli.Result status = TestCli.run("--data", data.toString(), "keys", "status");
            assertThat(status.exitCode()).isEqualTo(1);
            assertThat(status.out()).contains("contacts (version 1): encrypted [first_name, last_name, email, phone];"
                    + " NOT READABLE");
        } finally {
            Files.move(moved, keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Order(5)
    void rotation_rewraps_every_file_with_new_master_keys_and_retires_the_old_ones() throws IOException {
        MasterKeys before = KeySource.file(keyFile).load();
        String oldJson = Files.readString(keyFile);

        TestCli.Result rotate = TestCli.run("--data", data.toString(), "keys", "rotate");
        assertThat(rotate.exitCode()).as(rotate.err()).isZero();
        assertThat(rotate.out()).contains("rotated the master keys from version 1 to 2");

        MasterKeys after = KeySource.file(keyFile).load();
        assertThat(after.keys().get(MasterKeys.PII_KEY)).extracting(MasterKeys.KeyVersion::version).containsExactly(2);
        assertThat(after.fingerprint()).isNotEqualTo(before.fingerprint());
        assertThat(values(Exports.table(spark, data, Tables.CONTACTS).orderBy("contact_id"), "email"))
                .containsExactly(row(EMAIL), row("ingrid@nordic-packaging.example"), row("j.maier@mueller-maschinenbau.example"));
        TestCli.Result status = TestCli.run("--data", data.toString(), "keys", "status");
        assertThat(status.exitCode()).as(status.out()).isZero();
        assertThat(status.out()).contains("salescope-pii version 2").contains("readable with these keys");

        // The retired keys no longer open anything.
        Path old = tmp.resolve("old-keys.json");
        Files.writeString(old, oldJson);
        PiiCrypto retired = new PiiCrypto(KeySource.file(old), false, Progress.none());
        assertThatThrownBy(() -> retired.checkReadable(org.apache.hadoop.fs.FileSystem.getLocal(new Configuration()),
                new org.apache.hadoop.fs.Path(contactsDir()), "contacts"))
                .hasMessageContaining("version 2 of master key");
    }
}
