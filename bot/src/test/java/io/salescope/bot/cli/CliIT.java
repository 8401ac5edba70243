package io.salescope.bot.cli;

import io.salescope.bot.auth.TokenStore;
import io.salescope.bot.testing.DevFixtureWarehouse;
import io.salescope.bot.testing.TestService;
import io.salescope.core.cli.Cli;
import io.salescope.warehouse.query.UserInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.salescope.bot.testing.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service commands: {@code token} in another process while the service runs and writes
 * to the same operational store, {@code token} errors, and {@code serve --demo}.
 */
class CliIT {

    @TempDir
    static Path data;

    static TestService service;

    @BeforeAll
    static void start() throws Exception {
        DevFixtureWarehouse.publish(DevFixtureWarehouse.devFixture(), data);
        service = TestService.start(data);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void another_process_issues_a_token_while_the_service_writes_to_the_ops_store() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        UserInfo henrik = service.app().engine().user("henrik.lund@borealis-software.com").orElseThrow();
        Thread writer = new Thread(() -> {
            while (running.get()) {
                service.app().tokens().issue(henrik.userId(), henrik.email(), Duration.ofMinutes(5), "load");
                writes.incrementAndGet();
            }
        });
        writer.start();
        List<String> tokens = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Result r = run("token", "--user", "luo.xiaodong@borealis-software.com", "--ttl-days", "2");
                assertThat(r.exit()).as(r.err()).isZero();
                tokens.add(r.out().strip());
            }
        } finally {
            running.set(false);
            writer.join();
        }
        assertThat(writes.get()).isPositive();
        for (String t : tokens) {
            assertThat(t).startsWith(TokenStore.PREFIX);
            assertThat(json(service.get("/api/me", t)).get("email").asText()).isEqualTo("luo.xiaodong@borealis-software.com");
        }
        Result list = run("token", "--list");
        assertThat(list.out()).contains("luo.xiaodong@borealis-software.com").doesNotContain(tokens.get(0));
    }

    @Test
    void token_for_an_unknown_or_inactive_user_names_the_email() {
        Result unknown = inProcess("token", "--user", "nobody@borealis-software.com");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("nobody@borealis-software.com");
        Result inactive = inProcess("token", "--user", "wu.gang@borealis-software.com");
        assertThat(inactive.exit()).isNotZero();
        assertThat(inactive.err()).contains("wu.gang@borealis-software.com").contains("not active");
    }

    @Test
    void serve_demo_prints_the_url_and_working_tokens_for_an_executive_a_manager_and_a_rep() throws Exception {
        Process p = process("serve", "--port", "0", "--demo");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            String line;
            while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
                lines.add(line);
                if (line.contains("Ctrl+C")) {
                    break;
                }
            }
            String text = String.join("\n", lines);
            assertThat(text).contains("serving warehouse version").contains("executive").contains("manager").contains("rep");
            Matcher m = Pattern.compile("open (http://127\\.0\\.0\\.1:\\d+/)\\?token=(\\S+)").matcher(text);
            List<String> roles = new ArrayList<>();
            while (m.find()) {
                String base = m.group(1);
                String token = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
                var client = java.net.http.HttpClient.newHttpClient();
                var res = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "api/me"))
                        .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(res.statusCode()).isEqualTo(200);
                roles.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(res.body()).get("role").asText());
            }
            assertThat(roles).containsExactly("executive", "manager", "rep");
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void ask_prints_the_answer_in_the_question_s_language() {
        Result en = inProcess("ask", "--as", "henrik.lund@borealis-software.com", "Total closed-won revenue this quarter?");
        assertThat(en.exit()).as(en.err()).isZero();
        assertThat(en.out()).contains("4,496,778");
        Result zh = inProcess("ask", "--as", "xu.zhiyuan@borealis-software.com", "中国区这个季度赢单率多少");
        assertThat(zh.exit()).as(zh.err()).isZero();
        assertThat(zh.out()).contains("43.1%").containsPattern("\\p{IsHan}");
        Result refused = inProcess("ask", "--as", "brian.carter@borealis-software.com", "中国区这个季度赢单率多少");
        assertThat(refused.exit()).isEqualTo(3);
        Result json = inProcess("ask", "--json", "--as", "henrik.lund@borealis-software.com", "Total closed-won revenue this quarter?");
        assertThat(json.out()).contains("\"unit\" : \"money\"");
    }

    @Test
    void demo_users_are_the_first_active_executive_manager_with_a_team_and_rep() {
        List<UserInfo> picked = ServeCommand.demoUsers(service.app().engine().users());
        assertThat(picked).extracting(UserInfo::email).containsExactly("henrik.lund@borealis-software.com",
                "xu.zhiyuan@borealis-software.com", "zhao.min@borealis-software.com");
    }

    record Result(int exit, String out, String err) {
    }

    private static Process process(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Duser.timezone=UTC", "-cp", System.getProperty("java.class.path"),
                SalescopeService.class.getName(), "--data", data.toString(), "--today", "2026-06-30"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("SLACK_BOT_TOKEN");
        pb.environment().remove("SLACK_SIGNING_SECRET");
        return pb.start();
    }

    private static Result run(String... args) throws Exception {
        Process p = process(args);
        var out = new java.util.concurrent.CompletableFuture<String>();
        Thread t = new Thread(() -> {
            try {
                out.complete(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (Exception e) {
                out.completeExceptionally(e);
            }
        });
        t.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out.get(), err);
    }

    private static Result inProcess(String... args) {
        List<String> all = new ArrayList<>(List.of("--data", data.toString(), "--today", "2026-06-30"));
        all.addAll(List.of(args));
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Cli.execute(new SalescopeService(), all.toArray(String[]::new));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
