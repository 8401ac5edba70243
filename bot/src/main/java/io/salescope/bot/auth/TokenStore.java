package io.salescope.bot.auth;

import io.salescope.bot.ops.OpsStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Owner of the {@code login_tokens} table. A token is 256 random bits from
 * {@link SecureRandom}, shown once to whoever issues it; the store keeps only its SHA-256, the
 * user, when it was made and when it expires, so a copy of the store logs nobody in.
 */
public final class TokenStore {

    /** Prefix of every token: makes them recognisable in a secret scanner or a log. */
    public static final String PREFIX = "sst_";

    /** A stored token (never the token itself). */
    public record TokenRecord(String tokenHash, String userId, String email, Instant createdAt, Instant expiresAt,
                              Instant revokedAt, String note) {

        public boolean validAt(Instant now) {
            return revokedAt == null && now.isBefore(expiresAt);
        }
    }

    /** A freshly issued token: {@code token} is the secret to hand to the user. */
    public record Issued(String token, TokenRecord record) {
    }

    private final OpsStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenStore(OpsStore store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Issued issue(String userId, String email, Duration ttl, String note) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a token's lifetime must be positive, got " + ttl);
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        TokenRecord record = new TokenRecord(hash(token), userId, email, now, now.plus(ttl), null, note);
        store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO login_tokens"
                    + " (token_hash, user_id, email, created_at, expires_at, note) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, record.tokenHash());
                ps.setString(2, userId);
                ps.setString(3, email);
                ps.setTimestamp(4, Timestamp.from(record.createdAt()));
                ps.setTimestamp(5, Timestamp.from(record.expiresAt()));
                ps.setString(6, note);
                return ps.executeUpdate();
            }
        });
        return new Issued(token, record);
    }

    /** The operational store's {@link OpsStore#changeStamp() change stamp}: equal stamps, no writes between. */
    public String changeStamp() {
        return store.changeStamp();
    }

    /** The stored record of {@code token}, valid or not; empty for an unknown or malformed token. */
    public Optional<TokenRecord> find(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        String h = hash(token);
        return store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE token_hash = ?")) {
                ps.setString(1, h);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.<TokenRecord>empty();
                }
            }
        });
    }

    /** Revokes one token given the token itself or its hash (as listed); true when one was revoked. */
    public boolean revoke(String tokenOrHash) {
        String h = tokenOrHash.startsWith(PREFIX) ? hash(tokenOrHash) : tokenOrHash.toLowerCase(java.util.Locale.ROOT);
        return store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE login_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setString(2, h);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Revokes every live token of a user; returns how many. */
    public int revokeAllOf(String userId) {
        return store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE login_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setString(2, userId);
                return ps.executeUpdate();
            }
        });
    }

    public List<TokenRecord> list() {
        return store.transaction(c -> {
            List<TokenRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY created_at");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    private static final String SELECT =
            "SELECT token_hash, user_id, email, created_at, expires_at, revoked_at, note FROM login_tokens";

    private static TokenRecord read(ResultSet rs) throws java.sql.SQLException {
        Timestamp revoked = rs.getTimestamp(6);
        return new TokenRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                rs.getTimestamp(5).toInstant(), revoked == null ? null : revoked.toInstant(), rs.getString(7));
    }

    /** SHA-256 of the token, lower-case hex. */
    public static String hash(String token) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
