package io.salescope.bot.cli;

import io.salescope.bot.auth.TokenStore;
import io.salescope.bot.ops.OpsStore;
import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.warehouse.engine.DuckDbMetricEngine;
import io.salescope.warehouse.query.UserInfo;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code salescope token}: issue, revoke or list login tokens. Works while {@code serve}
 * runs: the operational store is opened only for the moment of the write.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Issue a login token for a warehouse user (or revoke or list tokens).")
public final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    static final class Action {
        @Option(names = "--user", paramLabel = "EMAIL", description = "Issue a token for this user (email).")
        String user;

        @Option(names = "--revoke", paramLabel = "TOKEN|HASH", description = "Revoke one token (the token or its listed hash).")
        String revoke;

        @Option(names = "--revoke-user", paramLabel = "EMAIL", description = "Revoke every token of this user.")
        String revokeUser;

        @Option(names = "--list", description = "List tokens (hash prefix, user, created, expiry, state).")
        boolean list;
    }

    @Option(names = "--ttl-days", paramLabel = "N", description = "Lifetime in days (default 30).")
    int ttlDays = 30;

    @Option(names = "--note", description = "A note stored with the token (who it was given to).")
    String note;

    @Override
    public Integer call() {
        SalescopeConfig config = ConfigProvider.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        TokenStore tokens = new TokenStore(OpsStore.open(Path.of(config.dataDir())), Clock.systemUTC());
        if (action.list) {
            java.time.Instant now = java.time.Instant.now();
            for (TokenStore.TokenRecord r : tokens.list()) {
                out.printf("%s  %-40s created %s  expires %s  %s%n", r.tokenHash().substring(0, 16), r.email(),
                        r.createdAt(), r.expiresAt(), r.revokedAt() != null ? "revoked" : r.validAt(now) ? "valid" : "expired");
            }
            return 0;
        }
        if (action.revoke != null) {
            String key = action.revoke.strip();
            boolean done;
            if (!key.startsWith(TokenStore.PREFIX) && key.length() < 64) {
                done = tokens.list().stream().filter(r -> r.tokenHash().startsWith(key.toLowerCase(java.util.Locale.ROOT)))
                        .filter(r -> r.revokedAt() == null).map(r -> tokens.revoke(r.tokenHash())).reduce(false, Boolean::logicalOr);
            } else {
                done = tokens.revoke(key);
            }
            if (!done) {
                throw new IllegalArgumentException("no live token matches '" + key + "'; see 'salescope token --list'");
            }
            out.println("revoked (a running service stops accepting it within 30 seconds)");
            return 0;
        }
        if (ttlDays < 1 || ttlDays > 3650) {
            throw new IllegalArgumentException("--ttl-days must be 1..3650, got " + ttlDays);
        }
        String email = action.user != null ? action.user : action.revokeUser;
        UserInfo user;
        try (DuckDbMetricEngine engine = DuckDbMetricEngine.open(config)) {
            user = engine.user(email).filter(u -> u.email() != null && u.email().equalsIgnoreCase(email.strip()))
                    .orElseThrow(() -> new IllegalArgumentException("no user with email '" + email
                            + "' in the warehouse; users log in with users.email from the CRM export"));
        }
        if (action.revokeUser != null) {
            out.println("revoked " + tokens.revokeAllOf(user.userId()) + " token(s) of " + user.email());
            return 0;
        }
        if (!user.active()) {
            throw new IllegalArgumentException("user '" + email + "' is not active (users.active is false); no token issued");
        }
        TokenStore.Issued t = tokens.issue(user.userId(), user.email(), Duration.ofDays(ttlDays), note);
        out.println(t.token());
        spec.commandLine().getErr().println("token for " + user.name() + " <" + user.email() + ">, " + user.role()
                + ", expires " + t.record().expiresAt() + "; only its SHA-256 is stored, so keep it now");
        return 0;
    }
}
