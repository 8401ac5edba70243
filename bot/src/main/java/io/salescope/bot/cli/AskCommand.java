package io.salescope.bot.cli;

import io.salescope.bot.chat.ChatFeatures;
import io.salescope.bot.ops.OpsStore;
import io.salescope.bot.reminders.ReminderSettings;
import io.salescope.bot.reminders.Reminders;
import io.salescope.bot.service.AskOutcome;
import io.salescope.bot.slack.SlackSettings;
import io.salescope.bot.service.AskResponse;
import io.salescope.bot.service.AskService;
import io.salescope.bot.service.Figures;
import io.salescope.bot.service.Interpreters;
import io.salescope.bot.web.BotServer;
import io.salescope.core.cli.ConfigProvider;
import io.salescope.core.config.SalescopeConfig;
import io.salescope.warehouse.engine.DuckDbMetricEngine;
import io.salescope.warehouse.query.UserInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code salescope ask --as EMAIL "question"}: the answer the chat would give. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Answer a question in English or Chinese as a user would get it in the chat.")
public final class AskCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--as", required = true, paramLabel = "EMAIL", description = "Who is asking; decides what may be seen.")
    String asker;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "The question (quote it, or give it as several words).")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        SalescopeConfig config = ConfigProvider.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        try (DuckDbMetricEngine engine = DuckDbMetricEngine.open(config)) {
            UserInfo user = engine.user(asker).filter(UserInfo::active).orElseThrow(() ->
                    new IllegalArgumentException("no active user '" + asker + "' in the warehouse"));
            ReminderSettings settings = ReminderSettings.fromEnvironment(System.getenv(), config.defaultZone());
            try (Reminders reminders = Reminders.create(settings, settings.clock(), OpsStore.open(Path.of(config.dataDir())),
                    engine, SlackSettings.fromEnvironment(System.getenv()), config.reportingCurrency());
                 ChatFeatures chat = new ChatFeatures(reminders, engine)) {
                AskService ask = new AskService(engine, Interpreters.standard(engine, config.reportingCurrency()),
                        config.reportingCurrency(), config.fiscalYearStartMonth(), chat.commands());
                return answer(out, ask.ask(String.join(" ", words), user, "cli"));
            }
        }
    }

    private int answer(PrintWriter out, AskOutcome outcome) throws Exception {
        if (json) {
            Object body = outcome instanceof AskOutcome.Answered a ? a.response()
                    : outcome instanceof AskOutcome.Handled h ? h.reply().toJson() : outcome;
            out.println(BotServer.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(body));
        } else if (outcome instanceof AskOutcome.Answered a) {
            print(out, a.response());
        } else if (outcome instanceof AskOutcome.Handled h) {
            out.println(h.reply().text());
        } else if (outcome instanceof AskOutcome.Refused r) {
            out.println(r.message());
        } else if (outcome instanceof AskOutcome.CannotAnswer c) {
            out.println(c.message());
        }
        if (outcome instanceof AskOutcome.Refused) {
            return 3;
        }
        if (outcome instanceof AskOutcome.CannotAnswer) {
            return 2;
        }
        return outcome instanceof AskOutcome.Answered a && !a.response().understood() ? 2 : 0;
    }

    private static void print(PrintWriter out, AskResponse r) {
        out.println(r.answer());
        if (!r.understood()) {
            r.options().forEach(o -> out.println("  - " + o));
            return;
        }
        int width = r.rows().stream().mapToInt(x -> x.label() == null ? 6 : x.label().length()).max().orElse(6) + 2;
        for (AskResponse.RowJson row : r.rows()) {
            out.printf("  %-" + width + "s %s%n", row.label(), Figures.format(row.value(), r.unit(), r.currency(), r.language()));
        }
        if (r.interpretation() != null) {
            out.println("(" + r.interpretation() + ")");
        }
    }
}
