package io.wschat.localchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.engines.RedisServer;
import io.wschat.localchat.deploy.Repository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page served by the runner, in two real headless Chromium pages ({@link Chromium} finds the browser and
 * chromedriver of this machine, so that Selenium Manager never looks for or downloads one).
 */
class BrowserChatIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path profiles;

  private LocalChat chat;
  private RedisServer redis;
  private final List<WebDriver> browsers = new ArrayList<>();

  @BeforeEach
  void needsABrowser() {
    Chromium.requireInstalled();
  }

  private void startChat(LocalChat.Auth auth, LocalChat.Store store) {
    LocalChat.Options options = LocalChat.Options.defaults().withPort(0)
        .withTemplate(Repository.file("template.yaml")).withAuth(auth);
    if (store == LocalChat.Store.REDIS) {
      redis = RedisServer.start();
      options = options.withStore(store, Optional.of(redis.url()));
    } else {
      options = options.withStore(store, Optional.empty());
    }
    chat = LocalChat.start(options);
  }

  @AfterEach
  void stop() {
    try {
      browsers.forEach(WebDriver::quit);
    } finally {
      if (chat != null) {
        chat.close();
      }
      if (redis != null) {
        redis.close();
      }
    }
  }

  /** The page is the client users have; it must work unchanged on every store the runner offers. */
  @ParameterizedTest
  @EnumSource(LocalChat.Store.class)
  void alice_and_bob_chat_in_two_pages(LocalChat.Store store) throws Exception {
    List<WebDriver> pages = registeredAliceAndBob(store);
    WebDriver alice = pages.get(0);
    WebDriver bob = pages.get(1);
    aliceTellsBob(alice, bob);

    // Delivery is at least once: the same privateMessage again (as after a retried post) is not shown twice.
    Object replayed = ((ChromeDriver) bob).executeScript("""
        const frame = window.__frames.find((f) => JSON.parse(f).type === "privateMessage");
        window.__socket.onmessage(new MessageEvent("message", { data: frame }));
        return frame;""");
    assertThat(replayed).as("the frame replayed").asString().contains("Hello Bob, from Chromium!");
    assertThat(bob.findElements(By.cssSelector("#messages .msg"))).hasSize(1);

    String suffix = store == LocalChat.Store.MEMORY ? "" : "-" + store.name().toLowerCase(java.util.Locale.ROOT);
    screenshot(bob, "browser-chat-bob" + suffix + ".png");
    screenshot(alice, "browser-chat-alice" + suffix + ".png");
  }

  @Test
  void signed_in_pages_chat_when_the_gateway_requires_a_token() throws Exception {
    startChat(LocalChat.Auth.JWT, LocalChat.Store.MEMORY);
    WebDriver alice = openPage("alice", false);
    WebDriver bob = openPage("bob", false);
    signIn(alice, "alice");
    signIn(bob, "bob");
    aliceTellsBob(alice, bob);

    screenshot(bob, "browser-chat-signed-in-bob.png");
  }

  /** Issue 15: U+202E (right-to-left override) in a message must not reorder anything outside that message. */
  @Test
  void a_bidi_override_in_a_message_or_a_name_stays_inside_it() throws Exception {
    List<WebDriver> pages = registeredAliceAndBob(LocalChat.Store.MEMORY);
    WebDriver alice = pages.get(0);
    WebDriver bob = pages.get(1);
    String spoof = "see \u202Egnp.exe";
    sendFromScript(alice, "bob", spoof);

    wait(bob).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#contacts li[data-user='alice']")))
        .click();
    wait(bob).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .msg .text")));
    // Every place where someone else's text is shown isolates it, with its own direction.
    Object isolation = ((ChromeDriver) bob).executeScript("""
        const style = (el) => el ? el.tagName.toLowerCase() + ":" + getComputedStyle(el).unicodeBidi
            + ":" + (el.getAttribute("dir") || "") : "missing";
        return [
          style(document.querySelector("#messages .msg .text")),
          style(document.querySelector("#contacts li[data-user='alice'] .name")),
          style(document.querySelector("#contacts li[data-user='alice'] .preview bdi")),
          style(document.querySelector("#title bdi")),
          style(document.querySelector("#me bdi")),
        ];""");
    assertThat(isolation).asList().containsExactly("div:isolate:auto", "div:isolate:auto", "bdi:isolate:",
        "bdi:isolate:", "bdi:isolate:");
    assertThat(bob.findElement(By.cssSelector("#messages .msg .text")).getText()).contains("\u202E");
    assertThat(bob.findElement(By.id("title")).getText()).isEqualTo("Chat with alice");
    screenshot(bob, "browser-chat-bidi-bob.png");
  }

  /**
   * Issue 16: a message over the server's limit (registrationSuccess's maxMessageBytes, 16,384 by default) is
   * refused by the page with the limit named; nothing is sent, so bob never gets it, and the connection stays open.
   */
  @Test
  void a_message_over_the_servers_limit_is_not_sent_and_the_page_says_the_limit() throws Exception {
    List<WebDriver> pages = registeredAliceAndBob(LocalChat.Store.MEMORY);
    WebDriver alice = pages.get(0);
    WebDriver bob = pages.get(1);
    String large = "é".repeat(10 * 1024); // 20,480 bytes of UTF-8 in 10,240 characters
    sendFromScript(alice, "bob", large);

    wait(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("errors"),
        "not sent: the message is 20,480 bytes of UTF-8; this chat takes at most 16,384 (the server's limit)"));
    assertThat(alice.findElement(By.cssSelector("#errors li")).getAttribute("class")).as("an error, not a hint")
        .isEmpty();
    assertThat(alice.findElements(By.cssSelector("#messages .msg"))).as("no bubble for a message not sent").isEmpty();
    assertThat(alice.findElement(By.id("message")).getAttribute("value")).as("kept, to be shortened")
        .isEqualTo(large);
    assertThat((List<?>) ((ChromeDriver) alice).executeScript("return window.__sent;"))
        .noneSatisfy(frame -> assertThat(frame).asString().contains("sendPrivateMessage"));

    // The next message, exactly at the limit, goes through, and is the first (and only) one bob gets: the large one
    // never left. (Chromium offers permessage-deflate; had the gateway accepted it, this one closed with 1009.)
    String after = "ok " + "x".repeat(16 * 1024 - 3);
    sendFromScript(alice, "bob", after);
    wait(bob).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#contacts li[data-user='alice']")))
        .click();
    wait(bob).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .msg .text")));
    wait(alice).until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("#messages .msg.mine .meta .receipt"), "✓"));
    assertThat(bob.findElements(By.cssSelector("#messages .msg .text"))).singleElement()
        .satisfies(text -> assertThat(text.getText()).isEqualTo(after));
    assertThat(alice.findElement(By.id("state")).getText()).isEqualTo("connected");
    assertThat(bob.findElements(By.cssSelector("#errors li"))).isEmpty();
    screenshot(alice, "browser-chat-too-large-alice.png");
  }

  /** A runner without sign-in, and two connected pages registered as alice and bob, in that order. */
  private List<WebDriver> registeredAliceAndBob(LocalChat.Store store) throws Exception {
    startChat(LocalChat.Auth.NONE, store);
    WebDriver alice = openPage("alice", true);
    WebDriver bob = openPage("bob", true);
    register(alice, "alice");
    register(bob, "bob");
    return List.of(alice, bob);
  }

  private void aliceTellsBob(WebDriver alice, WebDriver bob) {
    alice.findElement(By.id("contact")).sendKeys("bob");
    alice.findElement(By.id("addContact")).click();
    wait(alice).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#contacts li[data-user='bob']")));
    alice.findElement(By.id("message")).sendKeys("Hello Bob, from Chromium!");
    alice.findElement(By.id("send")).click();

    wait(bob).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#contacts li[data-user='alice']")))
        .click();
    wait(bob).until(ExpectedConditions.textToBe(By.cssSelector("#messages .msg .text"), "Hello Bob, from Chromium!"));
    assertThat(bob.findElement(By.cssSelector("#messages .msg")).getAttribute("class"))
        .as("an incoming message is neither mine nor failed").isEqualTo("msg");
    // Delivered, and soon read, as Bob has the conversation open: two ticks either way.
    wait(alice).until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("#messages .msg.mine .meta .receipt"), "✓✓"));
    assertThat(alice.findElements(By.cssSelector("#errors li"))).isEmpty();
    assertThat(bob.findElements(By.cssSelector("#errors li"))).isEmpty();
  }

  /**
   * Opens the conversation with {@code to} (adding the contact; again is harmless) and sends {@code text}, put in
   * the field by script: sendKeys is slow for long text and cannot type every character.
   */
  private static void sendFromScript(WebDriver page, String to, String text) {
    page.findElement(By.id("contact")).sendKeys(to);
    page.findElement(By.id("addContact")).click();
    ((ChromeDriver) page).executeScript("document.getElementById('message').value = arguments[0];", text);
    page.findElement(By.id("send")).click();
  }

  private WebDriver openPage(String who, boolean connect) throws Exception {
    ChromeDriver driver = Chromium.start(profiles.resolve(who));
    browsers.add(driver);
    // Keeps the page's socket and every frame it receives, so a test can replay one.
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
        window.__frames = [];
        window.__sent = [];
        window.WebSocket = class extends window.WebSocket {
          constructor(...args) {
            super(...args);
            window.__socket = this;
            this.addEventListener("message", (e) => window.__frames.push(e.data));
          }
          send(data) {
            window.__sent.push(data);
            return super.send(data);
          }
        };"""));
    if (connect) {
      driver.get(chat.pageUri() + "?connect=1");
      wait(driver).until(ExpectedConditions.textToBe(By.id("state"), "connected"));
    } else {
      driver.get(chat.pageUri().toString());
    }
    return driver;
  }

  /** The page's Sign in: a development token from the runner, then a connection with ?token=. */
  private static void signIn(WebDriver page, String userId) {
    page.findElement(By.id("userId")).sendKeys(userId);
    page.findElement(By.id("signIn")).click();
    wait(page).until(ExpectedConditions.textToBe(By.id("state"), "connected"));
    wait(page).until(ExpectedConditions.textToBe(By.id("me"), "Signed in as " + userId));
    assertThat(page.findElement(By.id("token")).getAttribute("value")).as("the token the page got").isNotBlank();
  }

  private static void register(WebDriver page, String userId) {
    page.findElement(By.id("userId")).sendKeys(userId);
    page.findElement(By.id("register")).click();
    wait(page).until(ExpectedConditions.textToBe(By.id("me"), "Registered as " + userId));
  }

  private static WebDriverWait wait(WebDriver page) {
    return new WebDriverWait(page, WAIT);
  }

  private static void screenshot(WebDriver page, String name) throws Exception {
    Chromium.screenshot(page, Path.of("target", name));
  }
}
