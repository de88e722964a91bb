package io.wschat.localchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.localchat.deploy.Repository;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The seed's HTML client, byte for byte as the project began with it (test resource {@code seed-client/index.html},
 * from commit 86a809f), in real headless Chromium against today's chat with messages kept: it must still register,
 * send and receive, and take a message to an offline user without an error. It knows none of the new frames, and
 * nothing of canonical user ids: a name typed in capitals must work too.
 */
class SeedClientIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path profiles;

  private LocalChat chat;
  private final List<WebDriver> browsers = new ArrayList<>();

  @BeforeEach
  void start() {
    Chromium.requireInstalled();
    // The seed page is opened from a file, so Chromium sends "Origin: null", which the runner refuses unless allowed.
    chat = LocalChat.start(LocalChat.Options.defaults().withPort(0).withTemplate(Repository.file("template.yaml"))
        .withAllowedOrigins(List.of("null")));
  }

  @AfterEach
  void stop() {
    try {
      browsers.forEach(WebDriver::quit);
    } finally {
      chat.close();
    }
  }

  @Test
  void the_seed_client_still_chats_and_sends_to_an_offline_user_without_an_error() throws Exception {
    WebDriver alice = open("alice");
    WebDriver bob = open("bob");

    write(alice, "bob", "Hello from the seed page");
    awaitMessage(bob, "alice", "Hello from the seed page");
    awaitAcknowledged(alice, "delivered to 1");

    write(alice, "carol", "for when you are back");
    awaitAcknowledged(alice, "delivered to 0");

    assertThat(alice.findElements(By.cssSelector(".msg.failed"))).isEmpty();
    assertThat(alice.findElements(By.cssSelector("#errors li"))).isEmpty();
    assertThat(bob.findElements(By.cssSelector("#errors li"))).isEmpty();
    assertThat(bob.findElements(By.cssSelector("#messages .msg"))).as("unknown frames are ignored").hasSize(1);
    Chromium.screenshot(alice, Path.of("target", "screenshots", "seed-client-alice.png"));
  }

  @Test
  void the_seed_client_chats_under_names_typed_in_capitals_as_their_canonical_users() throws Exception {
    WebDriver alice = open("Alice", "alice");
    WebDriver bob = open("bob");

    write(alice, "Bob", "Hello, Bob");
    awaitMessage(bob, "alice", "Hello, Bob");
    awaitAcknowledged(alice, "delivered to 1");
    assertThat(alice.findElements(By.cssSelector("#errors li"))).isEmpty();
    assertThat(bob.findElements(By.cssSelector("#errors li"))).isEmpty();
  }

  private static void write(WebDriver page, String contact, String text) {
    page.findElement(By.id("contact")).sendKeys(contact);
    page.findElement(By.id("addContact")).click();
    page.findElement(By.id("message")).sendKeys(text);
    page.findElement(By.id("send")).click();
  }

  private static void awaitMessage(WebDriver page, String from, String text) {
    wait(page).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#contacts li[data-user='" + from + "']")))
        .click();
    wait(page).until(ExpectedConditions.textToBe(By.cssSelector("#messages .msg .text"), text));
  }

  /** The state of the page's newest message of its own: its acknowledgement reached it and matched. */
  private static void awaitAcknowledged(WebDriver page, String state) {
    wait(page).until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("#messages .msg.mine .meta"), state));
  }

  private WebDriver open(String who) throws Exception {
    return open(who, who);
  }

  /** A seed page, connected and registered as {@code typed}, which the server confirms as {@code user}. */
  private WebDriver open(String typed, String user) throws Exception {
    ChromeDriver driver = Chromium.start(profiles.resolve(typed));
    browsers.add(driver);
    driver.get(seedPage() + "?url=" + chat.webSocketUri());
    driver.findElement(By.id("connect")).click();
    wait(driver).until(ExpectedConditions.textToBe(By.id("state"), "connected"));
    driver.findElement(By.id("userId")).sendKeys(typed);
    driver.findElement(By.id("register")).click();
    wait(driver).until(ExpectedConditions.textToBe(By.id("me"), "Registered as " + user));
    return driver;
  }

  private static String seedPage() throws URISyntaxException {
    return SeedClientIT.class.getResource("/seed-client/index.html").toURI().toString();
  }

  private static WebDriverWait wait(WebDriver page) {
    return new WebDriverWait(page, WAIT);
  }
}
