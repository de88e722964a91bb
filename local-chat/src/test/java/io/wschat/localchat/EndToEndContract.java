package io.wschat.localchat;

import static io.wschat.localchat.Frames.assertFrame;
import static io.wschat.localchat.Frames.register;
import static io.wschat.localchat.Frames.registered;
import static io.wschat.localchat.Frames.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wschat.localgateway.WsClient;
import io.wschat.localchat.deploy.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole local chat through real sockets: the runner started from the repository's template.yaml, the JDK's
 * WebSocket client, the real Lambda handler and a real store. Each store runs this contract in a subclass. The
 * tests share one chat, so each uses user names of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndContract {
  private static final Pattern LINE = Pattern.compile("^(\\w+)\\s+(→|←|✕)\\s*(.*)$");
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final List<WsClient> clients = new ArrayList<>();
  private LocalChat chat;

  @TempDir
  Path tempDir;

  /** The runner's options with the store under test. */
  protected abstract LocalChat.Options onStore(LocalChat.Options options);

  /** Stops what {@link #onStore} started; runs after the chats of the class have stopped. */
  protected void stopStore() {
  }

  @BeforeAll
  void startChat() {
    chat = LocalChat.start(options());
  }

  @AfterEach
  void closeClients() {
    clients.forEach(WsClient::close);
    clients.clear();
  }

  @AfterAll
  void stopChat() {
    try {
      if (chat != null) {
        chat.close();
      }
    } finally {
      stopStore();
    }
  }

  @Test
  void the_example_exchange_of_the_protocol_document_runs_frame_for_frame() throws Exception {
    Map<String, WsClient> users = new HashMap<>();
    Map<String, String> bound = new HashMap<>();
    List<String> script = exampleExchange();
    for (String line : script) {
      Matcher m = LINE.matcher(line);
      assertThat(m.matches()).as("a line of the example exchange: %s", line).isTrue();
      WsClient user = users.computeIfAbsent(m.group(1), who -> connect(chat));
      switch (m.group(2)) {
        case "→" -> user.send(Frames.fill(m.group(3), bound));
        case "←" -> assertFrame(user.next(), m.group(3), bound);
        case "✕" -> {
          user.closeWith(1000, "");
          assertThat(user.awaitClose(CLOSE_WAIT).code()).isEqualTo(1000);
          users.remove(m.group(1)); // a later line of the same name connects again
        }
        default -> throw new AssertionError(line);
      }
    }
    assertThat(bound).as("the exchange stores, syncs and pages").containsKeys("<id1>", "<id2>", "<cursor>");
    users.forEach((who, client) -> assertThat(client.frames).as("frames to %s beyond the document", who).isEmpty());
  }

  @Test
  void every_connection_of_the_target_gets_the_message() throws Exception {
    WsClient carol = registeredAs(chat, "carol");
    WsClient phone = registeredAs(chat, "dave");
    WsClient laptop = registeredAs(chat, "dave");

    carol.send(send("dave", "on both?"));
    Map<String, String> bound = new HashMap<>();
    String delivered = "{\"type\":\"privateMessage\",\"fromUserId\":\"carol\",\"message\":\"on both?\","
        + "\"messageId\":\"<id>\",\"sentAt\":\"<time>\",\"toUserId\":\"dave\",\"position\":1}";
    assertFrame(phone.next(), delivered, bound);
    assertFrame(laptop.next(), delivered, bound);
    assertFrame(carol.next(), "{\"type\":\"messageSent\",\"messageId\":\"<id>\",\"targetUserId\":\"dave\","
        + "\"deliveredTo\":2,\"stored\":true,\"position\":1}", bound);
  }

  @Test
  void a_closed_connection_is_unregistered_and_the_user_with_it_once_the_last_one_closes() throws Exception {
    WsClient erin = registeredAs(chat, "erin");
    WsClient phone = registeredAs(chat, "frank");
    WsClient laptop = registeredAs(chat, "frank");

    phone.closeWith(1000, "");
    phone.awaitClose(CLOSE_WAIT);
    erin.send(send("frank", "still there?"));
    assertThat(Frames.parse(laptop.next()).get("message").asText()).isEqualTo("still there?");
    assertThat(Frames.parse(erin.next()).get("deliveredTo").asInt()).isEqualTo(1);

    laptop.closeWith(1001, "switched off");
    laptop.awaitClose(CLOSE_WAIT);
    erin.send(send("frank", "gone?"));
    Frames.assertStoredForLater(erin.next(), "frank");
  }

  @Test
  void an_unknown_action_is_answered_with_an_unknown_action_error() throws Exception {
    WsClient client = connect(chat);
    client.send("{\"action\":\"deleteUser\",\"userId\":\"gina\"}");
    JsonNode error = Frames.parse(client.next());
    assertThat(Frames.fieldNames(error)).containsExactly("type", "code", "message", "action");
    assertThat(error.get("type").asText()).isEqualTo("error");
    assertThat(error.get("code").asText()).isEqualTo("UNKNOWN_ACTION");
    assertThat(error.get("message").asText()).contains("deleteUser", "registerUser", "sendPrivateMessage");
  }

  @Test
  void a_frame_over_128_kb_closes_the_connection_with_1009_and_its_user_is_unregistered() throws Exception {
    WsClient hank = registeredAs(chat, "hank");
    WsClient ida = registeredAs(chat, "ida");

    ida.send(send("hank", "x".repeat(128 * 1024)));
    assertThat(ida.awaitClose(CLOSE_WAIT).code()).isEqualTo(1009);
    hank.send(send("ida", "what happened?"));
    Frames.assertStoredForLater(hank.next(), "ida");
    assertThat(hank.frames).as("hank got nothing of the oversize message").isEmpty();
  }

  @Test
  void a_connect_function_that_answers_403_refuses_the_handshake_with_403() {
    Path template = TemplateCopy.ofRepository().withConnectHandledBy(RejectingConnectHandler.class).writeTo(tempDir);
    try (LocalChat rejecting = LocalChat.start(options().withTemplate(template))) {
      assertThat(WsClient.handshakeStatus(rejecting.webSocketUri())).isEqualTo(403);
    }
  }

  @Test
  void an_idle_connection_is_closed_with_1001_and_disconnect_unregisters_its_user() throws Exception {
    try (LocalChat idle = LocalChat.start(options().withIdleTimeout(Duration.ofSeconds(2)))) {
      WsClient ivan = registeredAs(idle, "ivan");
      long lastActive = System.nanoTime();
      assertThat(ivan.awaitClose(Duration.ofSeconds(8))).isEqualTo(new WsClient.Close(1001, "Going away"));
      long idleMillis = Duration.ofNanos(System.nanoTime() - lastActive).toMillis();
      assertThat(idleMillis).as("ms from the last frame to the close").isBetween(1_500L, 5_000L);

      WsClient judy = registeredAs(idle, "judy");
      judy.send(send("ivan", "still awake?"));
      Frames.assertStoredForLater(judy.next(), "ivan");
    }
  }

  @Test
  void with_retention_none_nothing_is_kept_and_an_offline_target_is_refused_as_before() throws Exception {
    try (LocalChat forgetful = LocalChat.start(options().withRetention("none"))) {
      WsClient kim = registeredAs(forgetful, "kim");
      kim.send(send("lee", "anyone?"));
      assertThat(kim.next()).isEqualTo(Frames.notConnected("lee"));

      WsClient lee = registeredAs(forgetful, "lee");
      lee.send("{\"action\":\"sync\"}");
      assertThat(lee.next()).isEqualTo("{\"type\":\"syncComplete\",\"delivered\":0,\"more\":false}");
      lee.send("{\"action\":\"getHistory\",\"withUserId\":\"kim\"}");
      assertThat(Frames.parse(lee.next()).get("messages")).isEmpty();
    }
  }

  @Test
  void a_sender_over_the_burst_is_rate_limited_and_nothing_of_that_send_is_kept_or_delivered() throws Exception {
    // One message every 100 s, three at once: the fourth waits ~100 s, however slow the store's round trips are.
    try (LocalChat limited = LocalChat.start(options().withSendRate("0.01", "3"))) {
      WsClient mia = registeredAs(limited, "mia");
      WsClient noah = registeredAs(limited, "noah");
      for (int i = 1; i <= 3; i++) {
        mia.send(send("noah", "message " + i));
        assertThat(Frames.parse(mia.next()).get("type").asText()).isEqualTo("messageSent");
        assertThat(Frames.parse(noah.next()).get("message").asText()).isEqualTo("message " + i);
      }

      mia.send(send("noah", "one too many"));
      String error = mia.next();
      long retryAfterMs = Frames.parse(error).get("retryAfterMs").asLong();
      assertThat(retryAfterMs).isBetween(90_000L, 100_000L);
      // The frame docs/protocol.md shows, but for the wait.
      assertThat(error).isEqualTo(documentedRateLimitedFrame().replace("87", Long.toString(retryAfterMs)));

      // Only sends count: typing still goes through, and noah's history holds the three messages, no fourth.
      mia.send("{\"action\":\"typing\",\"targetUserId\":\"noah\"}");
      assertThat(Frames.parse(mia.next()).get("type").asText()).isEqualTo("typingSent");
      assertThat(Frames.parse(noah.next()).get("type").asText()).isEqualTo("typing");
      noah.send("{\"action\":\"getHistory\",\"withUserId\":\"mia\"}");
      JsonNode history = Frames.parse(noah.next());
      assertThat(history.get("messages")).hasSize(3);
      assertThat(history.get("messages").findValuesAsText("message")).doesNotContain("one too many");
      assertThat(noah.frames).as("nothing more reached noah").isEmpty();
    }
  }

  private static String documentedRateLimitedFrame() throws Exception {
    List<String> frames = Files.readAllLines(Repository.file("docs/protocol.md")).stream()
        .filter(line -> line.startsWith("{\"type\":\"error\",\"code\":\"RATE_LIMITED\""))
        .toList();
    assertThat(frames).as("docs/protocol.md shows one RATE_LIMITED frame").hasSize(1);
    return frames.get(0);
  }

  private static List<String> exampleExchange() throws Exception {
    List<String> lines = Files.readAllLines(Repository.file("docs/protocol.md"));
    int marker = lines.indexOf("<!-- example-exchange -->");
    assertThat(marker).as("docs/protocol.md has its example-exchange marker").isNotNegative();
    List<String> script = new ArrayList<>();
    for (int i = marker + 2; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
      script.add(lines.get(i));
    }
    assertThat(script).as("the example exchange of docs/protocol.md").hasSizeGreaterThan(5);
    return script;
  }

  LocalChat.Options options() {
    LocalChat.Options defaults = LocalChat.Options.defaults().withPort(0).withTemplate(Repository.file("template.yaml"));
    return onStore(defaults);
  }

  WsClient connect(LocalChat on) {
    WsClient client = WsClient.connect(on.webSocketUri());
    clients.add(client);
    return client;
  }

  WsClient registeredAs(LocalChat on, String userId) throws InterruptedException {
    WsClient client = connect(on);
    client.send(register(userId));
    assertThat(client.next()).isEqualTo(registered(userId));
    return client;
  }
}
