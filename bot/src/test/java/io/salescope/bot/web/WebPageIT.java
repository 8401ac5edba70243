package io.salescope.bot.web;

import io.salescope.bot.service.Interpreters;
import io.salescope.bot.testing.Browser;
import io.salescope.bot.testing.DevFixtureWarehouse;
import io.salescope.bot.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page in real headless Chromium (Debian's chromium and chromium-driver), against the
 * running service (real question parser) over the dev fixture with a published forecast: log in, chat, dashboard,
 * language switch, phone width. Screenshots go to {@code target/screenshots/}.
 */
@Tag("browser")
class WebPageIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path data;

    static TestService service;
    static Browser browser;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        assertThat(Browser.available()).as("Chromium and chromedriver at " + Browser.CHROMIUM + " and "
                + Browser.CHROMEDRIVER + " (apt-get install chromium chromium-driver)").isTrue();
        DevFixtureWarehouse.publish(DevFixtureWarehouse.devFixture(), data, List.of(DevFixtureWarehouse.FORECAST));
        service = TestService.start(data, e -> Interpreters.standard(e, "USD"), java.util.Optional.empty());
        token = service.tokenFor("henrik.lund@borealis-software.com");
        browser = Browser.start(false);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (service != null) {
                service.close();
            }
        }
    }

    @BeforeEach
    void logIn() {
        browser.driver().get(service.baseUrl() + "/?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Henrik Lund"));
        browser.js("localStorage.setItem('salescope.lang', 'en');");
    }

    @AfterEach
    void noJavaScriptErrors() {
        // A 401 the page asked for (a wrong token) is logged by Chromium as a failed load; it is not a page error.
        assertThat(browser.severeLogs()).as("browser console errors")
                .filteredOn(m -> !m.contains("status of 401")).isEmpty();
    }

    @Test
    void logging_in_with_a_token_in_the_url_keeps_it_out_of_the_address_bar() {
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("token");
        assertThat(browser.js("return localStorage.getItem('salescope.token')")).isEqualTo(token);
        browser.driver().get(service.baseUrl() + "/");
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Henrik Lund"));
    }

    @Test
    void a_wrong_token_shows_the_login_form_with_the_reason() {
        browser.js("localStorage.removeItem('salescope.token');");
        browser.driver().get(service.baseUrl() + "/?token=sst_wrong");
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertThat(browser.driver().findElement(By.id("login-error")).getText()).contains("unknown");
        browser.driver().findElement(By.id("token-input")).sendKeys(token);
        browser.driver().findElement(By.id("login-button")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Henrik Lund"));
    }

    @Test
    void asking_in_the_chat_shows_the_figure_period_and_sql() throws Exception {
        WebElement q = browser.driver().findElement(By.id("question"));
        q.sendKeys("bookings this quarter", Keys.ENTER);
        WebElement figure = waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".msg.bot .figure")));
        assertThat(figure.getText()).contains("4,496,778");
        WebElement card = browser.driver().findElement(By.cssSelector(".msg.bot .card"));
        assertThat(card.getText()).contains("2026-04-01").contains("2026-06-30");
        WebElement sql = card.findElement(By.cssSelector("details.sql"));
        sql.findElement(By.tagName("summary")).click();
        assertThat(sql.findElement(By.tagName("pre")).getText()).containsIgnoringCase("select");

        browser.driver().findElement(By.id("question")).sendKeys("bookings by region last quarter", Keys.ENTER);
        waitFor(d -> d.findElements(By.cssSelector(".msg.bot table.rows tr")).size() == 4);
        assertThat(browser.driver().findElement(By.cssSelector("table.rows")).getText())
                .contains("China").contains("Europe").contains("North America");
        screenshot("chat");
    }

    @Test
    void a_question_in_chinese_is_answered() {
        browser.driver().findElement(By.id("question")).sendKeys("本季度成交金额", Keys.ENTER);
        WebElement figure = waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".msg.bot .figure")));
        assertThat(figure.getText()).contains("4,496,778");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_dashboard_draws_its_four_charts() throws Exception {
        browser.driver().findElement(By.id("tab-dashboard")).click();
        for (String id : List.of("chart-funnel", "chart-bvq", "chart-forecast", "chart-pipeline")) {
            waitFor(d -> !d.findElements(By.cssSelector("#" + id + " canvas")).isEmpty());
        }
        waitFor(d -> Boolean.TRUE.equals(browser.js(
                "var c = echarts.getInstanceByDom(document.getElementById('chart-forecast'));"
                        + " return !!c && c.getOption().series.length === 3 && c.getOption().series[2].data.length === 2;")));
        assertThat(browser.driver().findElement(By.id("forecast-message")).isDisplayed()).isFalse();
        Object funnelStages = browser.js("return echarts.getInstanceByDom(document.getElementById('chart-funnel'))"
                + ".getOption().series[0].data.map(function (d) { return d.name; });");
        assertThat((List<Object>) funnelStages).containsExactly("Lead In", "Demo Done", "Trial", "Contract Sent", "Won");
        Object teams = browser.js("return echarts.getInstanceByDom(document.getElementById('chart-bvq'))"
                + ".getOption().xAxis[0].data;");
        assertThat((List<Object>) teams).contains("中国区", "Europe", "US & Canada");
        assertThat(browser.driver().findElement(By.id("scope")).getText()).contains("Q2 2026");
        screenshot("dashboard");
    }

    @Test
    void the_language_switch_changes_the_page_s_texts() {
        WebElement chat = browser.driver().findElement(By.id("tab-chat"));
        assertThat(chat.getText()).isEqualTo("Chat");
        browser.driver().findElement(By.id("lang-switch")).click();
        waitFor(ExpectedConditions.textToBePresentInElement(chat, "问答"));
        assertThat(browser.driver().findElement(By.id("tab-dashboard")).getText()).isEqualTo("仪表盘");
        assertThat(browser.driver().findElement(By.id("question")).getAttribute("placeholder")).contains("本季度赢单率");
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("zh-CN");
        browser.driver().findElement(By.id("lang-switch")).click();
        waitFor(ExpectedConditions.textToBePresentInElement(chat, "Chat"));
    }

    @Test
    void the_page_fits_a_375_px_phone_without_horizontal_scrolling() throws Exception {
        try (Browser phone = Browser.start(true)) {
            phone.driver().get(service.baseUrl() + "/?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            new WebDriverWait(phone.driver(), WAIT).until(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Henrik Lund"));
            assertThat(((Number) phone.js("return window.innerWidth")).intValue()).isEqualTo(375);
            phone.driver().findElement(By.id("question")).sendKeys("bookings by region last quarter", Keys.ENTER);
            new WebDriverWait(phone.driver(), WAIT).until(d -> d.findElements(By.cssSelector("table.rows tr")).size() == 4);
            phone.driver().findElement(By.cssSelector("details.sql summary")).click();
            assertNoHorizontalScroll(phone);
            Files.createDirectories(Path.of("target/screenshots"));
            Files.write(Path.of("target/screenshots/phone-chat.png"), phone.screenshot());
            phone.driver().findElement(By.id("tab-dashboard")).click();
            new WebDriverWait(phone.driver(), WAIT).until(d -> d.findElements(By.cssSelector(".chart canvas")).size() == 4);
            assertNoHorizontalScroll(phone);
            Files.write(Path.of("target/screenshots/phone-dashboard.png"), phone.screenshot());
            assertThat(phone.severeLogs()).isEmpty();
        }
    }

    private static void assertNoHorizontalScroll(Browser b) {
        Number scroll = (Number) b.js("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        Number width = (Number) b.js("return document.documentElement.clientWidth");
        assertThat(scroll.intValue()).as("page width at 375 px").isLessThanOrEqualTo(width.intValue());
    }

    private static <T> T waitFor(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(browser.driver(), WAIT).until(condition);
    }

    private static void screenshot(String name) throws Exception {
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots/" + name + ".png"), browser.screenshot());
    }
}
