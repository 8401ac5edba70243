package io.salescope.bot.web;

import io.salescope.bot.reminders.ReminderSettings;
import io.salescope.bot.service.Interpreters;
import io.salescope.bot.testing.Browser;
import io.salescope.bot.testing.DevFixtureWarehouse;
import io.salescope.bot.testing.MutableClock;
import io.salescope.bot.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
import java.time.ZoneId;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reminders on the web page in headless Chromium, for a person without Slack (Luo Xiaodong,
 * Shanghai): after the scheduler's tick on Friday 3 July 2026 09:00 local, the notification
 * list shows the overdue reminders with Done and Snooze buttons, and the Tasks view lists the
 * open tasks.
 */
@Tag("browser")
class RemindersWebPageIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path data;

    static TestService service;
    static Browser browser;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        assertThat(Browser.available()).as("Chromium and chromedriver (apt-get install chromium chromium-driver)").isTrue();
        DevFixtureWarehouse.publish(DevFixtureWarehouse.devFixture(), data);
        MutableClock clock = MutableClock.at("2026-07-03T01:00:00Z");
        service = TestService.start(data, e -> Interpreters.standard(e, "USD"), Optional.empty(),
                ReminderSettings.defaults(ZoneId.of("UTC")).withEnabled(false), clock);
        service.app().reminders().scheduler().tick();
        assertThat(service.app().reminders().scheduler().awaitIdle(Duration.ofSeconds(60))).isTrue();
        token = service.tokenFor("luo.xiaodong@borealis-software.com");
        browser = Browser.start(false);
        browser.driver().get(service.baseUrl() + "/");
        browser.js("localStorage.setItem('salescope.lang', 'en');");
        browser.driver().get(service.baseUrl() + "/?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "罗晓东"));
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

    @AfterEach
    void noJavaScriptErrors() {
        assertThat(browser.severeLogs()).as("browser console errors").isEmpty();
    }

    @Test
    void the_notification_list_shows_the_reminders_and_done_closes_a_task() throws Exception {
        WebElement badge = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("unread")));
        assertThat(Integer.parseInt(badge.getText())).isPositive();
        browser.driver().findElement(By.id("tab-notifications")).click();
        By actions = By.cssSelector("#notification-list li[data-kind='overdue'] .task-actions[data-task='BTK01163']");
        // The list is drawn again when it loads (at login and on opening the tab): read it once it holds still.
        String text = waitFor(d -> d.findElement(actions).findElement(By.xpath("./..")).getText());
        assertThat(text).contains("Overdue:").contains("Asia/Shanghai").contains("Done").contains("Snooze 1 h");
        screenshot("notifications");
        waitFor(d -> {
            d.findElement(actions).findElement(By.cssSelector("button.done")).click();
            return true;
        });
        waitFor(ExpectedConditions.textToBePresentInElementLocated(actions, "Done."));
        assertThat(service.app().reminders().tasks().find("BTK01163").orElseThrow().open()).isFalse();
    }

    @Test
    void the_tasks_view_lists_open_tasks_and_snooze_says_when_the_reminder_comes_back() throws Exception {
        browser.driver().findElement(By.id("tab-tasks")).click();
        waitFor(d -> d.findElements(By.cssSelector("#task-list li")).size() > 3);
        assertThat(browser.driver().findElement(By.id("task-summary")).getText()).startsWith("You have ");
        assertThat(browser.js("return document.querySelector(\"#task-scope option[value='team']\").hidden")).isEqualTo(true);
        WebElement first = browser.driver().findElement(By.cssSelector("#task-list li .task-actions"));
        first.findElements(By.tagName("button")).get(1).click();
        waitFor(ExpectedConditions.textToBePresentInElement(first, "Reminded again"));
        screenshot("tasks");
    }

    @Test
    void my_tasks_in_the_chat_lists_them_with_their_buttons() {
        browser.driver().findElement(By.id("tab-chat")).click();
        browser.driver().findElement(By.id("question")).sendKeys("my overdue tasks", Keys.ENTER);
        waitFor(d -> d.findElements(By.cssSelector(".msg.bot .task-actions")).size() > 3);
        assertThat(browser.driver().findElement(By.cssSelector(".msg.bot .answer")).getText())
                .startsWith("You have ").contains("overdue task");
    }

    @Test
    void the_tasks_and_notifications_fit_a_375_px_phone() throws Exception {
        try (Browser phone = Browser.start(true)) {
            phone.driver().get(service.baseUrl() + "/?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            new WebDriverWait(phone.driver(), WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "罗晓东"));
            phone.driver().findElement(By.id("tab-notifications")).click();
            new WebDriverWait(phone.driver(), WAIT).until(d -> d.findElements(By.cssSelector("#notification-list li")).size() > 1);
            assertNoHorizontalScroll(phone);
            phone.driver().findElement(By.id("tab-tasks")).click();
            new WebDriverWait(phone.driver(), WAIT).until(d -> d.findElements(By.cssSelector("#task-list li")).size() > 1);
            assertNoHorizontalScroll(phone);
            Files.createDirectories(Path.of("target/screenshots"));
            Files.write(Path.of("target/screenshots/phone-tasks.png"), phone.screenshot());
            assertThat(phone.severeLogs()).isEmpty();
        }
    }

    private static void assertNoHorizontalScroll(Browser b) {
        Number scroll = (Number) b.js("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        Number width = (Number) b.js("return document.documentElement.clientWidth");
        assertThat(scroll.intValue()).as("page width at 375 px").isLessThanOrEqualTo(width.intValue());
    }

    private static <T> T waitFor(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(browser.driver(), WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    private static void screenshot(String name) throws Exception {
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots/" + name + ".png"), browser.screenshot());
    }
}
