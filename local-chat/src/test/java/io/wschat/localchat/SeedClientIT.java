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
 * send and receive, and take a message to an offline user without an error. It knows none of the new frames.
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

    alice.findElement(By.id("contact")).sendKeys("bob");
    alice.findElement(By.id("addContact")).click();
    alice.findElement(By.id("message")).sendKeys("Hello from the seed page");
    alice.findElement(By.id("send")).click();

    wait(bob).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#contacts li[data-user='alice']")))
        .click();
    wait(bob).until(ExpectedConditions.textToBe(By.cssSelector("#messages .msg .text"), "Hello from the seed page"));
    wait(alice).until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("#messages .msg.mine .meta"), "delivered to 1"));

    alice.findElement(By.id("contact")).sendKeys("carol");
    alice.findElement(By.id("addContact")).click();
    alice.findElement(By.id("message")).sendKeys("for when you are back");
    alice.findElement(By.id("send")).click();
    wait(alice).until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("#messages .msg.mine .meta"), "delivered to 0"));

    assertThat(alice.findElements(By.cssSelector(".msg.failed"))).isEmpty();
    assertThat(alice.findElements(By.cssSelector("#errors li"))).isEmpty();
    assertThat(bob.findElements(By.cssSelector("#errors li"))).isEmpty();
    assertThat(bob.findElements(By.cssSelector("#messages .msg"))).as("unknown frames are ignored").hasSize(1);
    Chromium.screenshot(alice, Path.of("target", "screenshots", "seed-client-alice.png"));
  }

  private WebDriver open(String who) throws Exception {
    ChromeDriver driver = Chromium.start(profiles.resolve(who));
    browsers.add(driver);
    driver.get(seedPage() + "?url=" + chat.webSocketUri());
    driver.findElement(By.id("connect")).click();
    wait(driver).until(ExpectedConditions.textToBe(By.id("state"), "connected"));
    driver.findElement(By.id("userId")).sendKeys(who);
    driver.findElement(By.id("register")).click();
    wait(driver).until(ExpectedConditions.textToBe(By.id("me"), "Registered as " + who));
    return driver;
  }

  private static String seedPage() throws URISyntaxException {
    return SeedClientIT.class.getResource("/seed-client/index.html").toURI().toString();
  }

  private static WebDriverWait wait(WebDriver page) {
    return new WebDriverWait(page, WAIT);
  }
}
