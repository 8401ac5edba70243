package io.salescope.bot.auth;

import io.salescope.bot.ops.OpsStore;
import io.salescope.bot.testing.WarehousePublisher;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.warehouse.engine.DuckDbMetricEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bearer headers to users, over a two-user warehouse published without Spark. */
class AuthenticatorTest {

    @TempDir
    static Path data;

    static DuckDbMetricEngine engine;
    static TokenStore tokens;

    @BeforeAll
    static void company() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE teams AS SELECT * FROM (VALUES ('T0', 'Global', NULL, NULL))"
                    + " AS v(team_id, name, region, parent_team_id)");
            st.execute("CREATE TABLE users AS SELECT * FROM (VALUES ('E1', 'Eve Exec', 'eve@x.io', 'T0', 'executive', true),"
                    + " ('R9', 'Rex Gone', 'rex@x.io', 'T0', 'rep', false)) AS v(user_id, name, email, team_id, role, active)");
            WarehousePublisher.publish(c, data);
        }
        engine = DuckDbMetricEngine.open(SalescopeConfig.defaults().withDataDir(data.toString()));
        tokens = new TokenStore(OpsStore.open(data), Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void a_valid_bearer_token_gives_its_user() {
        Authenticator auth = new Authenticator(tokens, engine, Clock.systemUTC(), Duration.ZERO);
        String t = tokens.issue("E1", "eve@x.io", Duration.ofDays(1), null).token();
        assertThat(auth.authenticate("Bearer " + t).email()).isEqualTo("eve@x.io");
        assertThat(auth.authenticate("bearer   " + t + "  ").userId()).isEqualTo("E1");
    }

    @Test
    void missing_malformed_and_unknown_headers_are_refused_with_a_code() {
        Authenticator auth = new Authenticator(tokens, engine, Clock.systemUTC(), Duration.ZERO);
        assertThatThrownBy(() -> auth.authenticate(null)).hasFieldOrPropertyWithValue("code", "missing_token");
        assertThatThrownBy(() -> auth.authenticate("Token abc")).hasFieldOrPropertyWithValue("code", "missing_token");
        assertThatThrownBy(() -> auth.authenticate("Bearer sst_nope")).hasFieldOrPropertyWithValue("code", "unknown_token");
    }

    @Test
    void a_revoked_token_stops_working_once_the_cache_window_has_passed() {
        String t = tokens.issue("E1", "eve@x.io", Duration.ofDays(1), null).token();
        Authenticator uncached = new Authenticator(tokens, engine, Clock.systemUTC(), Duration.ZERO);
        Authenticator cached = new Authenticator(tokens, engine, Clock.systemUTC(), Duration.ofHours(1));
        cached.authenticate("Bearer " + t);
        tokens.revoke(t);
        assertThatThrownBy(() -> uncached.authenticate("Bearer " + t)).hasFieldOrPropertyWithValue("code", "unknown_token");
        assertThat(cached.authenticate("Bearer " + t).userId()).as("within the cache window").isEqualTo("E1");
        cached.clearCache();
        assertThatThrownBy(() -> cached.authenticate("Bearer " + t)).hasFieldOrPropertyWithValue("code", "unknown_token");
    }

    @Test
    void past_the_cache_window_a_token_revoked_meanwhile_is_refused() {
        // No window: every request past it compares the store's change stamp; unchanged, the
        // remembered record holds; a revocation changes the store, so the token is read again.
        Authenticator auth = new Authenticator(tokens, engine, Clock.systemUTC(), Duration.ZERO);
        String t = tokens.issue("E1", "eve@x.io", Duration.ofDays(1), null).token();
        assertThat(auth.authenticate("Bearer " + t).userId()).isEqualTo("E1");
        assertThat(auth.authenticate("Bearer " + t).userId()).isEqualTo("E1");
        tokens.revoke(t);
        assertThatThrownBy(() -> auth.authenticate("Bearer " + t)).hasFieldOrPropertyWithValue("code", "unknown_token");
    }

    @Test
    void an_inactive_user_s_token_is_refused() {
        Authenticator auth = new Authenticator(tokens, engine, Clock.systemUTC(), Duration.ZERO);
        String t = tokens.issue("R9", "rex@x.io", Duration.ofDays(1), null).token();
        assertThatThrownBy(() -> auth.authenticate("Bearer " + t)).hasFieldOrPropertyWithValue("code", "inactive_user");
    }
}
