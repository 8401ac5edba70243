package io.salescope.bot.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpsStoreTest {

    @TempDir
    Path data;

    @Test
    void the_store_lives_in_its_own_file_under_ops_and_is_migrated_on_open() {
        OpsStore store = OpsStore.open(data);
        assertThat(store.file()).isEqualTo(data.resolve("ops/ops.duckdb"));
        assertThat(store.schemaVersion()).isEqualTo(OpsSchema.MIGRATIONS.size());
        List<String> tables = store.transaction(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables ORDER BY 1")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        assertThat(tables).contains("schema_version", "login_tokens", "notifications", "slack_events");
    }

    @Test
    void opening_again_applies_no_migration_twice() {
        OpsStore.open(data);
        OpsStore again = OpsStore.open(data);
        assertThat(again.schemaVersion()).isEqualTo(OpsSchema.MIGRATIONS.size());
        int rows = again.transaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM schema_version")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(rows).isEqualTo(OpsSchema.MIGRATIONS.size());
    }

    @Test
    void a_failed_transaction_is_rolled_back() {
        OpsStore store = OpsStore.open(data);
        assertThatThrownBy(() -> store.transaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO slack_events VALUES ('E1', now(), 'x')");
            }
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(new SlackEventLedger(store).firstSighting("E1", "x", Instant.now())).isTrue();
    }

    @Test
    void the_slack_ledger_sees_each_event_once_even_under_concurrency() throws Exception {
        SlackEventLedger ledger = new SlackEventLedger(OpsStore.open(data));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> ledger.firstSighting("Ev1", "app_mention", Instant.now())));
            }
            int first = 0;
            for (Future<Boolean> f : results) {
                first += f.get() ? 1 : 0;
            }
            assertThat(first).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.prune(Instant.now().plusSeconds(1))).isEqualTo(1);
    }

    @Test
    void notifications_are_listed_newest_first_and_only_to_their_user() {
        NotificationStore n = new NotificationStore(OpsStore.open(data));
        n.add("U1", "reminder", "first", null, null, Instant.parse("2026-06-01T00:00:00Z"));
        n.add("U1", "reminder", "second", "第二", null, Instant.parse("2026-06-02T00:00:00Z"));
        n.add("U2", "reminder", "other", null, null, Instant.parse("2026-06-03T00:00:00Z"));
        assertThat(n.latest("U1", 10)).extracting(NotificationStore.Notification::text).containsExactly("second", "first");
        long id = n.latest("U2", 10).get(0).id();
        assertThat(n.markRead("U1", id, Instant.now())).isFalse();
        assertThat(n.markRead("U2", id, Instant.now())).isTrue();
    }
}
