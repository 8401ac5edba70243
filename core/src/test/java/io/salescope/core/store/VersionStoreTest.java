package io.salescope.core.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionStoreTest {

    static VersionManifest draft(String runId, Map<String, VersionManifest.TableEntry> tables) {
        return new VersionManifest(VersionManifest.FORMAT, 0, 0, Instant.now(), runId, "test", Map.of(), tables, Map.of());
    }

    static VersionManifest.TableEntry table(LocalStorage s, String name, String run) throws Exception {
        String dir = WarehouseLayout.tableDirectory(name, run);
        Files.createDirectories(s.resolve(dir));
        Files.writeString(s.resolve(dir).resolve("part-0.parquet"), "x");
        return new VersionManifest.TableEntry(dir, 1, List.of());
    }

    @Test
    void publishing_makes_each_new_version_current(@TempDir Path dir) throws Exception {
        LocalStorage s = new LocalStorage(dir);
        VersionStore store = new VersionStore(s);
        assertThat(store.currentVersion()).isEmpty();
        VersionManifest v1 = store.publish(draft("r1", Map.of("users", table(s, "users", "r1"))));
        assertThat(v1.version()).isEqualTo(1);
        VersionManifest v2 = store.publish(v1.next("r2", "test", Instant.now(), Map.of("teams", table(s, "teams", "r2")), null, Map.of()));
        assertThat(store.currentVersion()).contains(2L);
        assertThat(store.current().orElseThrow().tables()).containsOnlyKeys("users", "teams");
        assertThat(v2.parent()).isEqualTo(1);
    }

    @Test
    void rollback_makes_the_previous_version_current_and_fails_clearly_at_the_oldest(@TempDir Path dir) throws Exception {
        LocalStorage s = new LocalStorage(dir);
        VersionStore store = new VersionStore(s);
        store.publish(draft("r1", Map.of("users", table(s, "users", "r1"))));
        store.publish(draft("r2", Map.of("users", table(s, "users", "r2"))));
        assertThat(store.rollback()).isEqualTo(1);
        assertThat(store.currentVersion()).contains(1L);
        assertThatThrownBy(store::rollback).hasMessageContaining("oldest");
        // A new run after a rollback gets the next number.
        assertThat(store.publish(draft("r3", Map.of())).version()).isEqualTo(3);
    }

    @Test
    void retention_keeps_the_newest_versions_and_removes_unreferenced_table_directories(@TempDir Path dir) throws Exception {
        LocalStorage s = new LocalStorage(dir);
        VersionStore store = new VersionStore(s);
        for (int i = 1; i <= 4; i++) {
            store.publish(draft("r" + i, Map.of("users", table(s, "users", "r" + i))));
        }
        table(s, "users", "killed-run");
        assertThat(store.retain(2)).containsExactly(1L, 2L);
        assertThat(store.versions()).containsExactly(3L, 4L);
        assertThat(s.list(WarehouseLayout.TABLES + "/users")).containsExactly("r3", "r4");
    }

    @Test
    void one_writer_at_a_time_and_a_dead_writers_lock_is_taken_over(@TempDir Path dir) throws Exception {
        VersionStore store = new VersionStore(new LocalStorage(dir));
        try (VersionStore.WriterLock lock = store.lock("a")) {
            assertThatThrownBy(() -> store.lock("b")).hasMessageContaining("another salescope run (a");
        }
        store.lock("c").close();
        // A lock left by a process that no longer exists.
        Files.writeString(dir.resolve(WarehouseLayout.LOCK), "{\"host\":\"" + java.net.InetAddress.getLocalHost().getHostName()
                + "\",\"pid\":999999999,\"run_id\":\"dead\",\"started_at\":\"2026-01-01T00:00:00Z\"}");
        store.lock("d").close();
    }

    @Test
    void a_damaged_current_pointer_is_a_clear_error(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("warehouse"));
        Files.writeString(dir.resolve(WarehouseLayout.CURRENT), "garbage");
        assertThatThrownBy(() -> new VersionStore(new LocalStorage(dir)).currentVersion())
                .hasMessageContaining("does not hold a version number");
    }

    @Test
    void paths_cannot_escape_the_data_directory(@TempDir Path dir) {
        assertThatThrownBy(() -> new LocalStorage(dir).resolve("../etc/passwd")).hasMessageContaining("escapes");
    }

    @Test
    void manifests_record_encrypted_columns_and_read_manifests_written_before_them() {
        VersionManifest m = draft("r1", Map.of("contacts", new VersionManifest.TableEntry("warehouse/tables/contacts/r1", 2,
                List.of(), List.of("email", "phone"))));
        VersionManifest back = io.salescope.core.json.Json.read(io.salescope.core.json.Json.write(m), VersionManifest.class);
        assertThat(back.table("contacts").orElseThrow().encryptedColumns()).containsExactly("email", "phone");
        assertThat(new String(io.salescope.core.json.Json.write(m), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"encrypted_columns\"");

        String old = """
                {"format":1,"version":3,"parent":2,"created_at":"2026-01-01T00:00:00Z","run_id":"r","kind":"ingest",
                 "settings":{},"tables":{"users":{"path":"warehouse/tables/users/r","rows":5,"partition_by":[]}},
                 "properties":{}}""";
        VersionManifest read = io.salescope.core.json.Json.read(old.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                VersionManifest.class);
        assertThat(read.table("users").orElseThrow().encryptedColumns()).isEmpty();
        assertThat(read.table("users").orElseThrow().encrypted()).isFalse();
    }
}
