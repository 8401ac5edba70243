package io.salescope.bot.cli;

import io.salescope.bot.auth.TokenStore;
import io.salescope.bot.reminders.ReminderSettings;
import io.salescope.bot.service.Interpreters;
import io.salescope.bot.slack.SlackSettings;
import io.salescope.bot.web.BotApplication;
import io.salescope.core.SalescopeException;
import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.warehouse.query.UserInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code salescope serve}: the web service, chat, dashboard and Slack app. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the web service (API, chat and dashboard page, Slack app) over the current warehouse version.")
public final class ServeCommand implements Callable<Integer> {

    public static final String ENV_PORT = "SALESCOPE_PORT";
    public static final String ENV_HOST = "SALESCOPE_HOST";
    public static final int DEFAULT_PORT = 7070;
    public static final String DEFAULT_HOST = "127.0.0.1";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "Port (env SALESCOPE_PORT, default 7070; 0 = any free port).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on (env SALESCOPE_HOST, default 127.0.0.1; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--demo", description = "Also issue and print login tokens for an executive, a manager and a rep.")
    boolean demo;

    @Option(names = "--demo-ttl-days", paramLabel = "N", description = "Lifetime of the demo tokens in days (default 7).")
    int demoTtlDays = 7;

    @Option(names = "--clock", paramLabel = "INSTANT",
            description = "Start the reminders' clock at INSTANT, e.g. 2026-06-30T08:00:00Z, and let it run (env SALESCOPE_CLOCK;"
                    + " default the real time; --demo over data with a fixed --today starts it at that day 08:00 UTC).")
    String clock;

    /** With --demo over data whose reference date is not today, the reminders' clock starts at that day at this UTC time. */
    static final java.time.LocalTime DEMO_TIME = java.time.LocalTime.of(8, 0);

    @Override
    public Integer call() throws InterruptedException {
        SalescopeConfig config = ConfigProvider.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        ReminderSettings reminders = reminderSettings(config);
        BotApplication.Settings settings = new BotApplication.Settings(config, host(), port(),
                SlackSettings.fromEnvironment(System.getenv()), io.salescope.bot.auth.Authenticator.DEFAULT_CACHE,
                reminders, reminders.clock());
        BotApplication app = BotApplication.start(settings, e -> Interpreters.standard(e, config.reportingCurrency()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "salescope-shutdown"));
        String shownHost = "0.0.0.0".equals(settings.host()) || "::".equals(settings.host()) ? "127.0.0.1" : settings.host();
        String base = "http://" + (shownHost.contains(":") ? "[" + shownHost + "]" : shownHost) + ":" + app.port() + "/";
        boolean hasData;
        try {
            out.println("salescope: serving warehouse version " + app.engine().version() + " at " + base
                    + " (today is " + config.referenceDate() + ")");
            hasData = true;
        } catch (SalescopeException e) {
            out.println("salescope: serving at " + base + "; " + e.getMessage()
                    + " (the service picks up the first version when it is published)");
            hasData = false;
        }
        if (settings.slack().isEmpty()) {
            out.println("salescope: Slack is off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to enable it)");
        } else {
            out.println("salescope: Slack app on; request URL " + base + "slack/events");
        }
        if (!reminders.enabled()) {
            out.println("salescope: reminders are off (" + ReminderSettings.ENV_ENABLED + "=off)");
        } else {
            app.reminders().scheduler().awaitIdle(Duration.ofSeconds(30));
            out.println("salescope: reminders on, clock " + settings.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + (reminders.clockStart().isPresent() ? " (started at " + reminders.clockStart().get() + ")" : "")
                    + "; " + app.reminders().ledger().countsByState().getOrDefault("sent", 0L) + " sent so far"
                    + (settings.slack().isEmpty() ? ", as web notifications" : ""));
        }
        if (demo && !hasData) {
            out.println("salescope: no demo tokens without a warehouse; run 'salescope token --user EMAIL' later");
        } else if (demo) {
            for (UserInfo u : demoUsers(app.engine().users())) {
                TokenStore.Issued t = app.tokens().issue(u.userId(), u.email(), Duration.ofDays(demoTtlDays), "demo");
                out.printf("salescope: %-9s %s <%s>%n           open %s?token=%s%n", u.role(), u.name(), u.email(), base,
                        URLEncoder.encode(t.token(), StandardCharsets.UTF_8));
            }
        }
        out.println("salescope: press Ctrl+C to stop");
        out.flush();
        stopped.await();
        return 0;
    }

    private ReminderSettings reminderSettings(SalescopeConfig config) {
        ReminderSettings r = ReminderSettings.fromEnvironment(System.getenv(), config.defaultZone());
        if (clock != null && !clock.isBlank()) {
            return r.withClockStart(ReminderSettings.instant(clock, "--clock"));
        }
        boolean fixedPast = config.today().isPresent() && !config.today().get().equals(java.time.LocalDate.now(config.defaultZone()));
        if (demo && r.clockStart().isEmpty() && fixedPast) {
            return r.withClockStart(config.today().get().atTime(DEMO_TIME).toInstant(java.time.ZoneOffset.UTC));
        }
        return r;
    }

    /** The first active executive, manager with a team and rep (by user id). */
    static List<UserInfo> demoUsers(List<UserInfo> users) {
        List<UserInfo> sorted = users.stream().filter(UserInfo::active)
                .sorted(Comparator.comparing(UserInfo::userId)).toList();
        List<UserInfo> out = new ArrayList<>();
        first(sorted, u -> "executive".equals(u.role())).ifPresent(out::add);
        first(sorted, u -> "manager".equals(u.role()) && u.teamId() != null).ifPresent(out::add);
        first(sorted, u -> "rep".equals(u.role())).ifPresent(out::add);
        return out;
    }

    private static Optional<UserInfo> first(List<UserInfo> users, java.util.function.Predicate<UserInfo> p) {
        return users.stream().filter(p).findFirst();
    }

    private int port() {
        if (port != null) {
            return checkPort(port, "--port");
        }
        String env = System.getenv(ENV_PORT);
        if (env == null || env.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            return checkPort(Integer.parseInt(env.strip()), ENV_PORT);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ENV_PORT + ": '" + env + "' is not a port number");
        }
    }

    private static int checkPort(int p, String where) {
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException(where + ": " + p + " is not a port (0-65535)");
        }
        return p;
    }

    private String host() {
        if (host != null && !host.isBlank()) {
            return host.strip();
        }
        String env = System.getenv(ENV_HOST);
        return env == null || env.isBlank() ? DEFAULT_HOST : env.strip();
    }
}
