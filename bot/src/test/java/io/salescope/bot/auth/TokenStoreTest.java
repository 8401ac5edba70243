package io.salescope.bot.auth;

import io.salescope.bot.ops.OpsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenStoreTest {

    @TempDir
    Path data;

    final Clock clock = Clock.fixed(Instant.parse("2026-06-30T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void a_token_has_256_random_bits_and_is_stored_only_as_its_sha256() {
        TokenStore tokens = new TokenStore(OpsStore.open(data), clock);
        TokenStore.Issued t = tokens.issue("U1", "u1@x.io", Duration.ofDays(30), null);
        assertThat(t.token()).startsWith(TokenStore.PREFIX).hasSize(TokenStore.PREFIX.length() + 43);
        assertThat(t.record().tokenHash()).isEqualTo(TokenStore.hash(t.token())).hasSize(64);
        assertThat(tokens.list()).singleElement().satisfies(r -> {
            assertThat(r.tokenHash()).isEqualTo(TokenStore.hash(t.token()));
            assertThat(r.expiresAt()).isEqualTo(Instant.parse("2026-07-30T12:00:00Z"));
            assertThat(r.userId()).isEqualTo("U1");
        });
    }

    @Test
    void tokens_are_unique() {
        TokenStore tokens = new TokenStore(OpsStore.open(data), clock);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            seen.add(tokens.issue("U1", "u1@x.io", Duration.ofDays(1), null).token());
        }
        assertThat(seen).hasSize(20);
    }

    @Test
    void find_knows_valid_expired_and_unknown_tokens() {
        TokenStore tokens = new TokenStore(OpsStore.open(data), clock);
        String t = tokens.issue("U1", "u1@x.io", Duration.ofHours(1), null).token();
        assertThat(tokens.find(t)).hasValueSatisfying(r -> assertThat(r.validAt(clock.instant())).isTrue());
        assertThat(tokens.find(t)).hasValueSatisfying(r -> assertThat(r.validAt(clock.instant().plusSeconds(3600))).isFalse());
        assertThat(tokens.find(TokenStore.PREFIX + "nope")).isEmpty();
        assertThat(tokens.find("no-prefix")).isEmpty();
        assertThat(tokens.find(null)).isEmpty();
    }

    @Test
    void revoking_by_token_or_hash_or_user() {
        TokenStore tokens = new TokenStore(OpsStore.open(data), clock);
        String a = tokens.issue("U1", "u1@x.io", Duration.ofDays(1), null).token();
        String b = tokens.issue("U1", "u1@x.io", Duration.ofDays(1), null).token();
        String c = tokens.issue("U2", "u2@x.io", Duration.ofDays(1), null).token();
        assertThat(tokens.revoke(a)).isTrue();
        assertThat(tokens.revoke(a)).isFalse();
        assertThat(tokens.revoke(TokenStore.hash(c))).isTrue();
        assertThat(tokens.revokeAllOf("U1")).isEqualTo(1);
        assertThat(tokens.find(b)).hasValueSatisfying(r -> assertThat(r.revokedAt()).isNotNull());
    }

    @Test
    void the_change_stamp_moves_with_writes_and_not_with_reads() {
        TokenStore tokens = new TokenStore(OpsStore.open(data), clock);
        String t = tokens.issue("U1", "u1@x.io", Duration.ofDays(1), null).token();
        String before = tokens.changeStamp();
        assertThat(tokens.find(t)).isPresent();
        assertThat(tokens.list()).isNotEmpty();
        assertThat(tokens.changeStamp()).as("after reads").isEqualTo(before);
        tokens.revoke(t);
        assertThat(tokens.changeStamp()).as("after a revocation").isNotEqualTo(before);
    }

    @Test
    void a_lifetime_must_be_positive() {
        TokenStore tokens = new TokenStore(OpsStore.open(data), clock);
        assertThatThrownBy(() -> tokens.issue("U1", "u1@x.io", Duration.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
