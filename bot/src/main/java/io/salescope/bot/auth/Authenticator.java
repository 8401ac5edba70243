package io.salescope.bot.auth;

import io.salescope.warehouse.query.MetricEngine;
import io.salescope.warehouse.query.UserInfo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Finds the warehouse user behind an {@code Authorization: Bearer} header. Valid tokens are
 * remembered for {@code cacheFor} so a page load does not open the operational store a dozen
 * times; a token revoked with the CLI therefore stops working within that time. Past that
 * time a remembered token is read again only if the store's files changed since it was read
 * (a look at their size and modification time, not an open of the store, which takes tens of
 * milliseconds): a user asking now and then is not slowed down by a re-read that could not
 * find anything new. Expiry is checked on every request.
 */
public final class Authenticator {

    public static final Duration DEFAULT_CACHE = Duration.ofSeconds(30);
    private static final int MAX_CACHED = 10_000;

    private record Cached(TokenStore.TokenRecord record, Instant until, String storeStamp) {
    }

    private final TokenStore tokens;
    private final MetricEngine engine;
    private final Clock clock;
    private final Duration cacheFor;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Authenticator(TokenStore tokens, MetricEngine engine, Clock clock, Duration cacheFor) {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.cacheFor = requireNonNull(cacheFor, "cacheFor is null");
    }

    /** The user of the header's token, or an {@link UnauthorizedException} saying what is wrong. */
    public UserInfo authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw new UnauthorizedException("missing_token",
                    "log in: send the header 'Authorization: Bearer TOKEN' (get a token with 'salescope token --user EMAIL')");
        }
        String h = authorizationHeader.strip();
        if (!h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthorizedException("missing_token", "the Authorization header must be 'Bearer TOKEN'");
        }
        return userOf(h.substring(7).strip());
    }

    /** The user of a bare token. */
    public UserInfo userOf(String token) {
        Instant now = clock.instant();
        String hash = TokenStore.hash(token);
        Cached c = cache.get(hash);
        TokenStore.TokenRecord record;
        if (c != null && now.isBefore(c.until())) {
            record = c.record();
        } else {
            String stamp = tokens.changeStamp();
            if (c != null && stamp.equals(c.storeStamp())) {
                record = c.record();
            } else {
                record = tokens.find(token).orElseThrow(() -> new UnauthorizedException("unknown_token",
                        "the token is unknown or was revoked; get a new one with 'salescope token --user EMAIL'"));
            }
            if (cache.size() > MAX_CACHED) {
                cache.clear();
            }
            cache.put(hash, new Cached(record, now.plus(cacheFor), stamp));
        }
        if (record.revokedAt() != null) {
            throw new UnauthorizedException("unknown_token",
                    "the token is unknown or was revoked; get a new one with 'salescope token --user EMAIL'");
        }
        if (!now.isBefore(record.expiresAt())) {
            throw new UnauthorizedException("expired_token", "the token expired at " + record.expiresAt()
                    + "; get a new one with 'salescope token --user " + record.email() + "'");
        }
        UserInfo user = engine.user(record.userId()).orElseThrow(() -> new UnauthorizedException("unknown_user",
                "the token's user " + record.email() + " is no longer in the warehouse"));
        if (!user.active()) {
            throw new UnauthorizedException("inactive_user", "the token's user " + record.email() + " is not active");
        }
        return user;
    }

    /** Forgets remembered tokens (after a revocation in this process). */
    public void clearCache() {
        cache.clear();
    }
}
