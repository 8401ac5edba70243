package io.salescope.bot.web;

import io.javalin.Javalin;
import io.salescope.bot.auth.Authenticator;
import io.salescope.bot.auth.TokenStore;
import io.salescope.bot.ops.NotificationStore;
import io.salescope.bot.ops.OpsStore;
import io.salescope.bot.ops.SlackEventLedger;
import io.salescope.bot.service.AskService;
import io.salescope.bot.service.DashboardService;
import io.salescope.bot.service.QuestionInterpreter;
import io.salescope.bot.slack.SlackBot;
import io.salescope.bot.slack.SlackSettings;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.warehouse.engine.DuckDbMetricEngine;
import io.salescope.warehouse.query.MetricEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The whole service wired together: engine, operational store, interpreter, API, web page
 * and (when configured) the Slack app. {@code salescope serve} and the integration tests
 * start it the same way.
 */
public final class BotApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BotApplication.class);

    private final MetricEngine engine;
    private final OpsStore ops;
    private final TokenStore tokens;
    private final SlackBot slack;
    private final Javalin server;

    private BotApplication(MetricEngine engine, OpsStore ops, TokenStore tokens, SlackBot slack, Javalin server) {
        this.engine = engine;
        this.ops = ops;
        this.tokens = tokens;
        this.slack = slack;
        this.server = server;
    }

    /** Settings of one service instance. */
    public record Settings(SalescopeConfig config, String host, int port, Optional<SlackSettings> slack,
                           Duration tokenCache) {
        public Settings {
            requireNonNull(config, "config is null");
            requireNonNull(host, "host is null");
            requireNonNull(slack, "slack is null");
            requireNonNull(tokenCache, "tokenCache is null");
        }
    }

    /** Starts the service; {@code port} 0 picks a free port. */
    public static BotApplication start(Settings settings, Function<MetricEngine, QuestionInterpreter> interpreters) {
        SalescopeConfig config = settings.config();
        DuckDbMetricEngine engine = DuckDbMetricEngine.open(config);
        try {
            OpsStore ops = OpsStore.open(Path.of(config.dataDir()));
            TokenStore tokens = new TokenStore(ops, Clock.systemUTC());
            AskService ask = new AskService(engine, interpreters.apply(engine), config.reportingCurrency(),
                    config.fiscalYearStartMonth());
            SlackBot slack = settings.slack().map(s -> new SlackBot(s, ask, new SlackEventLedger(ops))).orElse(null);
            ServiceDependencies deps = new ServiceDependencies(engine, ask,
                    new DashboardService(engine, config.fiscalYearStartMonth()),
                    new Authenticator(tokens, engine, Clock.systemUTC(), settings.tokenCache()),
                    new NotificationStore(ops), slack == null ? null : slack::handle, config::referenceDate);
            Javalin server = BotServer.create(deps).start(settings.host(), settings.port());
            if (slack == null) {
                LOG.info("Slack is off: set {} and {} to enable the Slack app", SlackSettings.ENV_BOT_TOKEN,
                        SlackSettings.ENV_SIGNING_SECRET);
            } else {
                LOG.info("Slack app on: request URL /slack/events, Web API {}", settings.slack().get().apiUrl());
            }
            return new BotApplication(engine, ops, tokens, slack, server);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    public MetricEngine engine() {
        return engine;
    }

    public OpsStore ops() {
        return ops;
    }

    public TokenStore tokens() {
        return tokens;
    }

    @Override
    public void close() {
        server.stop();
        if (slack != null) {
            slack.close();
        }
        engine.close();
    }
}
