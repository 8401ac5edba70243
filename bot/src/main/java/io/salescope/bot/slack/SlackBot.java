package io.salescope.bot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.webhook.WebhookResponse;
import io.javalin.http.Context;
import io.salescope.bot.ops.SlackEventLedger;
import io.salescope.bot.service.AskOutcome;
import io.salescope.bot.service.AskService;
import io.salescope.bot.service.BadQuestionException;
import io.salescope.warehouse.query.UserInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The Slack app: {@code /sales <question>}, mentions of the bot, and direct messages are
 * answered like {@code POST /api/ask}, with the asker's permissions.
 *
 * <p>Bolt does not care how requests arrive: {@link #handle(Context)} turns a Javalin
 * request into a Bolt request with {@link SlackRequestParser} and writes Bolt's response
 * back; Bolt verifies the signature and timestamp (401 otherwise). Every handler acks at
 * once and does the work on this class's executor, answering through {@code response_url}
 * (slash commands) or {@code chat.postMessage} (events), so Slack's 3-second limit holds
 * however slow the query or the Web API is. Events Slack retries are recognised by their id
 * in the operational store and answered once. Clicks on the buttons of the bot's messages
 * ({@code block_actions}: a reminder's Done, Snooze, Open) are acknowledged at once and carried
 * out by a {@link SlackActionHandler}, which answers through the click's {@code response_url}.
 */
public final class SlackBot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackBot.class);
    private static final Pattern MENTION = Pattern.compile("<@[A-Z0-9]+(\\|[^>]*)?>");
    public static final String COMMAND = "/sales";

    private final App app;
    private final SlackRequestParser parser;
    private final AskService ask;
    private final SlackIdentity identity;
    private final SlackEventLedger ledger;
    private final ExecutorService work;

    public SlackBot(SlackSettings settings, AskService ask, SlackEventLedger ledger) {
        this(settings, ask, ledger, null, null);
    }

    /**
     * @param actions carries out clicks on the buttons of the bot's messages (reminders), or
     *     null to acknowledge them only
     * @param identities where Slack users found by email are remembered, or null for memory only
     */
    public SlackBot(SlackSettings settings, AskService ask, SlackEventLedger ledger, SlackActionHandler actions,
                    io.salescope.bot.ops.SlackIdentityStore identities) {
        this.ask = requireNonNull(ask, "ask is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.identity = new SlackIdentity(ask.engine(), identities);
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(settings.apiUrl());
        Slack slack = Slack.getInstance(slackConfig);
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret())
                .build();
        this.app = new App(config);
        this.parser = new SlackRequestParser(config);
        AtomicInteger n = new AtomicInteger();
        this.work = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "slack-work-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        app.command(COMMAND, (req, ctx) -> {
            SlashCommandPayload p = req.getPayload();
            work.submit(() -> answerCommand(p, ctx.client()));
            String q = p.getText() == null ? "" : p.getText().strip();
            return ctx.ack(q.isEmpty() ? "Ask me about your sales, e.g. `/sales win rate this quarter`"
                    : ":hourglass_flowing_sand: " + SlackMessages.escape(q));
        });
        app.event(AppMentionEvent.class, (payload, ctx) -> {
            AppMentionEvent e = payload.getEvent();
            if (ledger.firstSighting(payload.getEventId(), "app_mention", Instant.now())) {
                String thread = e.getThreadTs() != null ? e.getThreadTs() : e.getTs();
                work.submit(() -> answerEvent(e.getUser(), e.getText(), e.getChannel(), thread, ctx.client()));
            } else {
                LOG.info("Slack event {} seen before (retry {}); not answered again", payload.getEventId(), ctx.getRetryNum());
            }
            return ctx.ack();
        });
        app.blockAction(Pattern.compile(".*"), (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            if (actions != null && p.getActions() != null && !p.getActions().isEmpty()) {
                work.submit(() -> act(p, actions, ctx.client()));
            }
            return ctx.ack();
        });
        app.event(MessageEvent.class, (payload, ctx) -> {
            MessageEvent e = payload.getEvent();
            boolean direct = "im".equals(e.getChannelType()) && e.getBotId() == null && e.getSubtype() == null;
            if (direct && ledger.firstSighting(payload.getEventId(), "message", Instant.now())) {
                work.submit(() -> answerEvent(e.getUser(), e.getText(), e.getChannel(), e.getThreadTs(), ctx.client()));
            }
            return ctx.ack();
        });
    }

    /** The Javalin handler of {@code POST /slack/events}. */
    public void handle(Context ctx) throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ctx.headerMap().forEach((k, v) -> headers.put(k, List.of(v)));
        SlackRequestParser.HttpRequest raw = SlackRequestParser.HttpRequest.builder()
                .requestUri(ctx.path())
                .queryString(ctx.queryParamMap())
                .requestBody(ctx.body())
                .headers(new RequestHeaders(headers))
                .remoteAddress(ctx.ip())
                .build();
        Request<?> request = parser.parse(raw);
        Response response = request == null ? Response.builder().statusCode(400).body("{\"error\":\"unrecognised Slack request\"}")
                .contentType(Response.CONTENT_TYPE_APPLICATION_JSON).build() : app.run(request);
        ctx.status(response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, vs) -> vs.forEach(v -> ctx.header(k, v)));
        }
        ctx.contentType(response.getContentType() == null ? "text/plain; charset=utf-8" : response.getContentType());
        ctx.result(response.getBody() == null ? "" : response.getBody());
    }

    private void answerCommand(SlashCommandPayload p, MethodsClient client) {
        try {
            String question = p.getText() == null ? "" : p.getText().strip();
            SlackMessages.Message m;
            AskOutcome outcome = null;
            Optional<UserInfo> user = identity.resolve(p.getUserId(), client);
            if (question.isEmpty()) {
                return;
            } else if (user.isEmpty()) {
                m = unmapped(p.getUserId(), question);
            } else {
                outcome = askSafely(question, user.get());
                m = outcome == null ? badQuestion(question) : SlackMessages.of(outcome);
            }
            WebhookResponse sent = app.slack().send(p.getResponseUrl(), responsePayload(m));
            if (sent.getCode() >= 300) {
                LOG.warn("response_url answered {} {}", sent.getCode(), sent.getBody());
            }
            if (outcome instanceof AskOutcome.Answered a && !a.response().rows().isEmpty()) {
                uploadChart(client, a, p.getChannelId(), null);
            }
            if (outcome instanceof AskOutcome.Handled h && h.reply().chartPng() != null) {
                uploadPng(client, h.reply().chartPng(), h.reply().kind() + ".png", h.reply().chartTitle(), p.getChannelId(), null);
            }
        } catch (Exception e) {
            LOG.error("answering /sales failed", e);
        }
    }

    private static String responsePayload(SlackMessages.Message m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("response_type", "ephemeral");
        body.put("replace_original", false);
        body.put("text", m.text());
        body.put("blocks", m.blocks());
        return com.slack.api.util.json.GsonFactory.createSnakeCase().toJson(body);
    }

    private void answerEvent(String slackUser, String text, String channel, String threadTs, MethodsClient client) {
        try {
            String question = text == null ? "" : MENTION.matcher(text).replaceAll(" ").strip();
            if (question.isEmpty()) {
                question = "";
            }
            AskOutcome outcome = null;
            SlackMessages.Message m;
            Optional<UserInfo> user = identity.resolve(slackUser, client);
            if (user.isEmpty()) {
                m = unmapped(slackUser, question);
            } else if (question.isEmpty()) {
                m = SlackMessages.plain("Ask me about your sales, e.g. _win rate this quarter_ or _本季度的成交金额_.",
                        "Ask me about your sales");
            } else {
                outcome = askSafely(question, user.get());
                m = outcome == null ? badQuestion(question) : SlackMessages.of(outcome);
            }
            ChatPostMessageResponse posted = client.chatPostMessage(r -> r.channel(channel).threadTs(threadTs)
                    .text(m.text()).blocks(m.blocks()));
            if (!posted.isOk()) {
                LOG.warn("chat.postMessage to {} failed: {}", channel, posted.getError());
                return;
            }
            if (outcome instanceof AskOutcome.Answered a && !a.response().rows().isEmpty()) {
                uploadChart(client, a, channel, threadTs != null ? threadTs : posted.getTs());
            }
            if (outcome instanceof AskOutcome.Handled h && h.reply().chartPng() != null) {
                uploadPng(client, h.reply().chartPng(), h.reply().kind() + ".png", h.reply().chartTitle(), channel,
                        threadTs != null ? threadTs : posted.getTs());
            }
        } catch (Exception e) {
            LOG.error("answering a Slack message failed", e);
        }
    }

    /** A button click, after the ack: who clicked, then the handler, answering through response_url. */
    private void act(BlockActionPayload p, SlackActionHandler actions, MethodsClient client) {
        try {
            BlockActionPayload.Action a = p.getActions().get(0);
            String responseUrl = p.getResponseUrl();
            SlackActionHandler.SlackResponder responder = new SlackActionHandler.SlackResponder() {
                @Override
                public void replaceOriginal(String text, List<com.slack.api.model.block.LayoutBlock> blocks) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("replace_original", true);
                    body.put("text", text);
                    body.put("blocks", blocks);
                    respond(responseUrl, body);
                }

                @Override
                public void ephemeral(String text) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("response_type", "ephemeral");
                    body.put("replace_original", false);
                    body.put("text", text);
                    respond(responseUrl, body);
                }
            };
            String slackUser = p.getUser() == null ? null : p.getUser().getId();
            Optional<UserInfo> user = identity.resolve(slackUser, client);
            if (user.isEmpty()) {
                responder.ephemeral(unmapped(slackUser, "").text());
                return;
            }
            List<com.slack.api.model.block.LayoutBlock> blocks = p.getMessage() == null ? List.of() : p.getMessage().getBlocks();
            actions.handle(a.getActionId(), a.getValue(), user.get(), blocks, responder);
        } catch (Exception e) {
            LOG.error("handling a Slack button click failed", e);
        }
    }

    private void respond(String responseUrl, Map<String, Object> body) {
        if (responseUrl == null) {
            return;
        }
        try {
            WebhookResponse r = app.slack().send(responseUrl, com.slack.api.util.json.GsonFactory.createSnakeCase().toJson(body));
            if (r.getCode() >= 300) {
                LOG.warn("response_url answered {} {}", r.getCode(), r.getBody());
            }
        } catch (Exception e) {
            LOG.warn("answering a button click through response_url failed: {}", e.toString());
        }
    }

    private AskOutcome askSafely(String question, UserInfo user) {
        try {
            return ask.ask(question, user, "slack");
        } catch (BadQuestionException e) {
            return null;
        }
    }

    private static SlackMessages.Message badQuestion(String question) {
        boolean zh = "zh".equals(AskService.guessLanguage(question));
        String text = zh ? "这个问题无法处理：请用不超过 " + AskService.MAX_QUESTION_CHARS + " 个字符的纯文本提问。"
                : "I can't read that question: ask in plain text, under " + AskService.MAX_QUESTION_CHARS + " characters.";
        return SlackMessages.plain(text, text);
    }

    private static SlackMessages.Message unmapped(String slackUser, String question) {
        boolean zh = "zh".equals(AskService.guessLanguage(question));
        String text = zh
                ? "抱歉，我无法把你的 Slack 账号对应到 salescope 用户，所以不能回答销售数据问题。请管理员在 CRM 的 users.slack_user_id 中填写 "
                    + slackUser + "，或确保 Slack 与 CRM 使用同一邮箱。"
                : "Sorry, I can't match your Slack account to a salescope user, so I can't answer sales questions for you."
                    + " Ask an admin to set users.slack_user_id to " + slackUser
                    + " in the CRM, or use the same email address in Slack and the CRM.";
        return SlackMessages.plain(text, text);
    }

    private void uploadChart(MethodsClient client, AskOutcome.Answered a, String channel, String threadTs) {
        byte[] png;
        try {
            png = ChartRenderer.png(a.response(), 800);
        } catch (RuntimeException e) {
            LOG.warn("drawing the chart for {} failed: {}", channel, e.toString());
            return;
        }
        uploadPng(client, png, a.response().metric() + ".png", a.response().metricLabel(), channel, threadTs);
    }

    private void uploadPng(MethodsClient client, byte[] png, String name, String title, String channel, String threadTs) {
        try {
            var res = client.filesUploadV2(r -> r.channel(channel).threadTs(threadTs).filename(name)
                    .title(title).fileData(png));
            if (!res.isOk()) {
                LOG.warn("files.uploadV2 to {} failed: {}", channel, res.getError());
            }
        } catch (Exception e) {
            LOG.warn("chart upload to {} failed: {}", channel, e.toString());
        }
    }

    @Override
    public void close() {
        work.shutdown();
        try {
            if (!work.awaitTermination(5, TimeUnit.SECONDS)) {
                work.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            work.shutdownNow();
        }
    }
}
