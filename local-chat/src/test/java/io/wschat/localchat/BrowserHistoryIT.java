package io.wschat.localchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wschat.localchat.deploy.Repository;
import io.wschat.localgateway.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * The page keeps a conversation across absences: what was sent while it was closed, after a reload, and after its
 * socket was killed. Real headless Chromium pages (from {@link Chromium}, as in {@link BrowserChatIT}),
 * on the memory store; screenshots of each step go to target/screenshots.
 */
class BrowserHistoryIT {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The page asks for 50 messages a page (the server's default); more than that makes an older page. */
  private static final int HISTORY_PAGE = 50;
  private static final String FIRST = "Hello Bob, are you there?";
  private static final List<String> MORE = IntStream.rangeClosed(1, 60).mapToObj(i -> "Catching up, line " + i).toList();
  private static final String REPLY = "On my way";
  private static final String AWAY = "Sent while your socket was down";

  /** Keeps every frame and close code a page's sockets see, so a test can check what happened on the wire. */
  private static final String WIRE_TAP = """
      window.__frames = [];
      window.__closes = [];
      window.WebSocket = class extends window.WebSocket {
        constructor(...args) {
          super(...args);
          this.addEventListener("message", (e) => window.__frames.push(e.data));
          this.addEventListener("close", (e) => window.__closes.push(e.code));
        }
      };""";

  @TempDir
  Path dir;

  private LocalChat chat;
  private final List<WebDriver> browsers = new ArrayList<>();
  private final List<AutoCloseable> clients = new ArrayList<>();

  @BeforeEach
  void needsABrowser() {
    Chromium.requireInstalled();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      browsers.forEach(WebDriver::quit);
      for (AutoCloseable client : clients) {
        client.close();
      }
    } finally {
      if (chat != null) {
        chat.close();
      }
    }
  }

  @Test
  void bob_catches_up_after_being_away_reloading_and_losing_his_socket() throws Exception {
    // $connect also reports each connection id, which a page never learns, so the test can delete Bob's.
    RecordingConnectHandler.forget();
    Path template = TemplateCopy.ofRepository().withConnectHandledBy(RecordingConnectHandler.class).writeTo(dir);
    // Alice's robot types 61 messages far faster than the default 10 a second: room for them, the limiter still on.
    chat = LocalChat.start(LocalChat.Options.defaults().withPort(0).withTemplate(template).withSendRate("1000", "1000"));
    List<String> aliceWrote = new ArrayList<>(List.of(FIRST));
    aliceWrote.addAll(MORE);

    // 1. Alice writes while Bob's page is closed: every message is kept for him, none delivered yet.
    WebDriver alice = openPage("alice", "?connect=1");
    register(alice, "alice");
    alice.findElement(By.id("contact")).sendKeys("bob", Keys.ENTER);
    aliceWrote.forEach(text -> send(alice, text));
    waitForCount(alice, "#messages .msg.mine[data-state='sent']", aliceWrote.size());
    assertThat(receipt(alice, FIRST)).isEqualTo("✓ sent");
    screenshot(alice, "1-alice-sent-while-bob-is-away.png");

    // 2. Bob opens the page: the sync brings him everything, and the contact counts it unread.
    WebDriver bob = openPage("bob", "?connect=1");
    register(bob, "bob");
    wait(bob).until(ExpectedConditions.textToBe(unreadOf("alice"), "61"));
    screenshot(bob, "2-bob-has-61-unread.png");

    // 3. Alice sees each message delivered; read, once Bob opens the conversation.
    waitForCount(alice, "#messages .msg.mine[data-state='delivered']", aliceWrote.size());
    assertThat(receipt(alice, FIRST)).isEqualTo("✓✓ delivered");
    screenshot(alice, "3-alice-delivered.png");
    bob.findElement(By.cssSelector("#contacts li[data-user='alice']")).click();
    wait(bob).until(ExpectedConditions.textToBe(lastMessage(), MORE.get(MORE.size() - 1)));
    waitForCount(alice, "#messages .msg.mine[data-state='read']", aliceWrote.size());
    assertThat(receipt(alice, FIRST)).isEqualTo("✓✓ read");
    assertThat(bob.findElements(unreadOf("alice"))).as("no unread badge on the open conversation").isEmpty();
    screenshot(alice, "3-alice-read.png");

    // Bob types: Alice sees it until his message arrives; she has him open, so it is read at once.
    bob.findElement(By.id("message")).sendKeys(REPLY.substring(0, 4));
    wait(alice).until(ExpectedConditions.textToBe(By.id("typing"), "bob is typing…"));
    screenshot(alice, "3-alice-sees-bob-typing.png");
    bob.findElement(By.id("message")).sendKeys(REPLY.substring(4), Keys.ENTER);
    wait(alice).until(ExpectedConditions.textToBe(lastMessage(), REPLY));
    assertThat(alice.findElement(By.id("typing")).getText()).as("typing ends with the message").isEmpty();
    wait(bob).until(ExpectedConditions.attributeToBe(lastBubble(), "data-state", "read"));

    // Carol writes while Bob reads Alice: an unread count that must survive the reload.
    WsClient carol = WsClient.connect(chat.webSocketUri());
    clients.add(carol);
    carol.send("{\"action\":\"registerUser\",\"userId\":\"carol\"}").next();
    carol.send("{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"Psst, Bob\"}");
    assertThat(JSON.readTree(carol.next()).get("deliveredTo").asInt()).isEqualTo(1);
    wait(bob).until(ExpectedConditions.textToBe(unreadOf("carol"), "1"));

    // 4. Bob reloads: the same conversations, unread counts and receipts; the older page comes by scrolling up.
    RecordingConnectHandler.forget();
    bob.navigate().refresh();
    String bobsConnection = RecordingConnectHandler.nextConnectionId();
    wait(bob).until(ExpectedConditions.textToBe(By.id("me"), "Registered as bob"));
    wait(bob).until(ExpectedConditions.textToBe(unreadOf("carol"), "1"));
    assertThat(contacts(bob)).as("most recent conversation first").containsExactly("carol", "alice");
    assertThat(bob.findElements(unreadOf("alice"))).isEmpty();
    bob.findElement(By.cssSelector("#contacts li[data-user='alice']")).click();
    List<String> conversation = new ArrayList<>(aliceWrote);
    conversation.add(REPLY);
    waitForCount(bob, "#messages .msg", HISTORY_PAGE);
    assertThat(texts(bob)).as("the newest page").isEqualTo(conversation.subList(conversation.size() - HISTORY_PAGE,
        conversation.size()));
    assertThat(bob.findElement(lastBubble()).getAttribute("data-state"))
        .as("my reply, read as the history's cursors say").isEqualTo("read");
    screenshot(bob, "4-bob-reloaded-newest-page.png");
    scrollUp(bob);
    waitForCount(bob, "#messages .msg", conversation.size());
    assertThat(texts(bob)).as("the whole conversation, in order").isEqualTo(conversation);
    wait(bob).until(ExpectedConditions.textToBe(By.id("older"), "Start of the conversation"));
    scrollUp(bob); // the older page came in above what Bob was reading; now to its top, for the screenshot
    screenshot(bob, "4-bob-scrolled-to-the-start.png");

    // 5. Bob's connection is deleted through the Management API: his page reconnects by itself and syncs.
    try (ApiGatewayManagementApiClient management = managementApi()) {
      management.deleteConnection(b -> b.connectionId(bobsConnection));
    }
    new WebDriverWait(bob, WAIT, Duration.ofMillis(20))
        .until(ExpectedConditions.textMatches(By.id("state"), Pattern.compile("^reconnecting")));
    send(alice, AWAY);
    wait(alice).until(d -> sentAcknowledgement(d, AWAY) != null);
    JsonNode acknowledged = JSON.readTree(sentAcknowledgement(alice, AWAY));
    assertThat(acknowledged.get("deliveredTo").asInt()).as("sent while Bob had no connection").isZero();
    assertThat(acknowledged.get("stored").asBoolean()).isTrue();
    screenshot(bob, "5-bob-reconnecting.png");
    assertThat(RecordingConnectHandler.nextConnectionId()).as("a new connection").isNotEqualTo(bobsConnection);
    wait(bob).until(ExpectedConditions.textToBe(By.id("state"), "connected"));
    wait(bob).until(ExpectedConditions.textToBe(lastMessage(), AWAY));
    wait(alice).until(ExpectedConditions.attributeToBe(lastBubble(), "data-state", "read"));
    scrollDown(bob); // he was reading the start: the new message waits below, where a reader expects it
    screenshot(bob, "5-bob-reconnected.png");
    screenshot(alice, "5-alice-read-after-reconnect.png");

    assertThat(bob.findElements(By.cssSelector("#errors li"))).isEmpty();
    assertThat(alice.findElements(By.cssSelector("#errors li"))).isEmpty();
  }

  /** API Gateway ends a connection with 1001 "Going away" when it idles or reaches 2 hours; the page comes back. */
  @Test
  void the_page_reconnects_after_the_gateway_says_going_away() throws Exception {
    chat = LocalChat.start(LocalChat.Options.defaults().withPort(0).withTemplate(Repository.file("template.yaml"))
        .withIdleTimeout(Duration.ofSeconds(3)));
    WebDriver bob = openPage("bob", "?connect=1&user=bob");
    wait(bob).until(ExpectedConditions.textToBe(By.id("me"), "Registered as bob"));

    wait(bob).until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return window.__closes.includes(1001)"));
    wait(bob).until(ExpectedConditions.textToBe(By.id("state"), "connected"));
    wait(bob).until(ExpectedConditions.textToBe(By.id("me"), "Registered as bob"));

    // Registered again: Carol's message reaches him, live or through the next sync if the gateway closed him again.
    WsClient carol = WsClient.connect(chat.webSocketUri());
    clients.add(carol);
    carol.send("{\"action\":\"registerUser\",\"userId\":\"carol\"}").next();
    carol.send("{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"Still there?\"}");
    wait(bob).until(ExpectedConditions.textToBe(unreadOf("carol"), "1"));
    screenshot(bob, "going-away-bob-back.png");
    assertThat(bob.findElements(By.cssSelector("#errors li"))).isEmpty();
  }

  /** With MESSAGE_RETENTION=none nothing is kept: live chat still works, and an offline target is an error. */
  @Test
  void the_page_chats_when_the_server_keeps_no_history() throws Exception {
    chat = LocalChat.start(LocalChat.Options.defaults().withPort(0).withTemplate(Repository.file("template.yaml"))
        .withRetention("none"));
    WebDriver alice = openPage("alice", "?connect=1&user=alice");
    WebDriver bob = openPage("bob", "?connect=1&user=bob");
    wait(alice).until(ExpectedConditions.textToBe(By.id("me"), "Registered as alice"));
    wait(bob).until(ExpectedConditions.textToBe(By.id("me"), "Registered as bob"));

    alice.findElement(By.id("contact")).sendKeys("bob", Keys.ENTER);
    send(alice, "Live only");
    wait(bob).until(ExpectedConditions.textToBe(unreadOf("alice"), "1"));
    assertThat(JSON.readTree(sentAcknowledgement(alice, "Live only")).get("stored").asBoolean())
        .as("--retention none reaches the chat function: template.yaml passes it as MESSAGE_RETENTION").isFalse();
    bob.findElement(By.cssSelector("#contacts li[data-user='alice']")).click();
    wait(bob).until(ExpectedConditions.textToBe(lastMessage(), "Live only"));
    wait(alice).until(ExpectedConditions.attributeToBe(lastBubble(), "data-state", "delivered"));

    alice.findElement(By.id("contact")).sendKeys("carol", Keys.ENTER);
    send(alice, "Nobody keeps this");
    wait(alice).until(ExpectedConditions.attributeToBe(lastBubble(), "data-state", "failed"));
    assertThat(receipt(alice, "Nobody keeps this")).isEqualTo("✗ failed: USER_NOT_CONNECTED");
    screenshot(alice, "no-retention-alice.png");
    assertThat(bob.findElements(By.cssSelector("#errors li"))).isEmpty();
    assertThat(alice.findElements(By.cssSelector("#errors li"))).hasSize(1);
  }

  private WebDriver openPage(String who, String query) throws Exception {
    ChromeDriver driver = Chromium.start(dir.resolve("profile-" + who));
    browsers.add(driver);
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WIRE_TAP));
    driver.get(chat.pageUri() + query);
    wait(driver).until(ExpectedConditions.textToBe(By.id("state"), "connected"));
    return driver;
  }

  private static void register(WebDriver page, String userId) {
    page.findElement(By.id("userId")).sendKeys(userId, Keys.ENTER);
    wait(page).until(ExpectedConditions.textToBe(By.id("me"), "Registered as " + userId));
  }

  private static void send(WebDriver page, String text) {
    page.findElement(By.id("message")).sendKeys(text, Keys.ENTER);
  }

  /** The messageSent frame that acknowledged the page's message {@code text}, or null before it came. */
  private static String sentAcknowledgement(WebDriver page, String text) {
    return (String) ((JavascriptExecutor) page).executeScript("""
        const bubble = [...document.querySelectorAll("#messages .msg.mine")]
            .find((b) => b.querySelector(".text").textContent === arguments[0]);
        return bubble && window.__frames.find((f) => {
          const frame = JSON.parse(f);
          return frame.type === "messageSent" && frame.messageId === bubble.dataset.id;
        }) || null;""", text);
  }

  private static String receipt(WebDriver page, String text) {
    return page.findElements(By.cssSelector("#messages .msg.mine")).stream()
        .filter(bubble -> bubble.findElement(By.className("text")).getText().equals(text))
        .findFirst().orElseThrow()
        .findElement(By.className("receipt")).getText();
  }

  private static List<String> texts(WebDriver page) {
    return page.findElements(By.cssSelector("#messages .msg .text")).stream().map(WebElement::getText).toList();
  }

  private static List<String> contacts(WebDriver page) {
    return page.findElements(By.cssSelector("#contacts li")).stream().map(li -> li.getAttribute("data-user")).toList();
  }

  private static By unreadOf(String user) {
    return By.cssSelector("#contacts li[data-user='" + user + "'] .unread");
  }

  private static By lastBubble() {
    return By.cssSelector("#messages .msg:last-child");
  }

  private static By lastMessage() {
    return By.cssSelector("#messages .msg:last-child .text");
  }

  private static void scrollUp(WebDriver page) {
    scroll(page, -20_000);
  }

  private static void scrollDown(WebDriver page) {
    scroll(page, 20_000);
  }

  private static void scroll(WebDriver page, int deltaY) {
    WebElement messages = page.findElement(By.id("messages"));
    new Actions(page).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(messages), 0, deltaY).perform();
  }

  private static void waitForCount(WebDriver page, String css, int count) {
    wait(page).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(css), count));
  }

  private ApiGatewayManagementApiClient managementApi() {
    return ApiGatewayManagementApiClient.builder()
        .endpointOverride(chat.managementEndpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static WebDriverWait wait(WebDriver page) {
    return new WebDriverWait(page, WAIT);
  }

  private static void screenshot(WebDriver page, String name) throws Exception {
    Chromium.screenshot(page, SCREENSHOTS.resolve(name));
  }
}
