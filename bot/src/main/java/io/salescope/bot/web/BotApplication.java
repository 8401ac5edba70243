package io.salescope.bot.web;

import io.javalin.Javalin;
import io.salescope.bot.auth.Authenticator;
import io.salescope.bot.auth.TokenStore;
import io.salescope.bot.chat.ChatFeatures;
import io.salescope.bot.reminders.ReminderSettings;
import io.salescope.bot.reminders.Reminders;
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
    private final Reminders reminders;
    private final ChatFeatures chat;
    private final Javalin server;

    private BotApplication(MetricEngine engine, OpsStore ops, TokenStore tokens, SlackBot slack, Reminders reminders,
                           ChatFeatures chat, Javalin server) {
        this.engine = engine;
        this.ops = ops;
        this.tokens = tokens;
        this.slack = slack;
        this.reminders = reminders;
        this.chat = chat;
        this.server = server;
    }

    /**
     * Settings of one service instance.
     *
     * @param reminders the reminders' settings; the scheduler runs when they are enabled
     * @param clock the reminders' and tasks' "now" (the real clock, or one started elsewhere for demos and tests)
     */
    public record Settings(SalescopeConfig config, String host, int port, Optional<SlackSettings> slack,
                           Duration tokenCache, ReminderSettings reminders, Clock clock) {
        public Settings {
            requireNonNull(config, "config is null");
            requireNonNull(host, "host is null");
            requireNonNull(slack, "slack is null");
            requireNonNull(tokenCache, "tokenCache is null");
            requireNonNull(reminders, "reminders is null");
            requireNonNull(clock, "clock is null");
        }

        /** Without the reminder scheduler (tasks and chat commands still work, on the real clock). */
        public Settings(SalescopeConfig config, String host, int port, Optional<SlackSettings> slack, Duration tokenCache) {
            this(config, host, port, slack, tokenCache, ReminderSettings.defaults(config.defaultZone()).withEnabled(false),
                    Clock.systemUTC());
        }
    }

    /** Starts the service; {@code port} 0 picks a free port. */
    public static BotApplication start(Settings settings, Function<MetricEngine, QuestionInterpreter> interpreters) {
        SalescopeConfig config = settings.config();
        DuckDbMetricEngine engine = DuckDbMetricEngine.open(config);
        try {
            OpsStore ops = OpsStore.open(Path.of(config.dataDir()));
            TokenStore tokens = new TokenStore(ops, Clock.systemUTC());
            Reminders reminders = Reminders.create(settings.reminders(), settings.clock(), ops, engine, settings.slack(),
                    config.reportingCurrency());
            ChatFeatures chat = new ChatFeatures(reminders, engine);
            AskService ask = new AskService(engine, interpreters.apply(engine), config.reportingCurrency(),
                    config.fiscalYearStartMonth(), chat.commands());
            SlackBot slack = settings.slack().map(s -> new SlackBot(s, ask, new SlackEventLedger(ops), chat.buttons(),
                    reminders.identities())).orElse(null);
            ServiceDependencies deps = new ServiceDependencies(engine, ask,
                    new DashboardService(engine, config.fiscalYearStartMonth()),
                    new Authenticator(tokens, engine, Clock.systemUTC(), settings.tokenCache()),
                    new NotificationStore(ops), slack == null ? null : slack::handle, config::referenceDate, reminders, chat);
            Javalin server = BotServer.create(deps).start(settings.host(), settings.port());
            if (settings.reminders().enabled()) {
                reminders.scheduler().start();
                LOG.info("reminders on: every {} s, clock {}", settings.reminders().tick().toSeconds(), settings.clock().instant());
            }
            if (slack == null) {
                LOG.info("Slack is off: set {} and {} to enable the Slack app", SlackSettings.ENV_BOT_TOKEN,
                        SlackSettings.ENV_SIGNING_SECRET);
            } else {
                LOG.info("Slack app on: request URL /slack/events, Web API {}", settings.slack().get().apiUrl());
            }
            return new BotApplication(engine, ops, tokens, slack, reminders, chat, server);
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

    public Reminders reminders() {
        return reminders;
    }

    @Override
    public void close() {
        server.stop();
        reminders.close();
        chat.close();
        if (slack != null) {
            slack.close();
        }
        engine.close();
    }
}
