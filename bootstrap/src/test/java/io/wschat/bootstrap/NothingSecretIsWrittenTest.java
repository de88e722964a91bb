package io.wschat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import io.wschat.adapter.emf.EmfMetrics;
import io.wschat.adapter.lambda.ErrorCode;
import io.wschat.adapter.lambda.fixture.Events;
import io.wschat.adapter.lambda.fixture.TestContext;
import io.wschat.bootstrap.auth.AuthorizerConfig;
import io.wschat.bootstrap.auth.TokenVerifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the functions write (their JSON log lines on the context's logger and on standard output, and their EMF
 * metrics) never holds a message body, a token or a password, and a metric's dimensions take their values only from
 * small fixed sets: ids and free text never become a dimension.
 */
class NothingSecretIsWrittenTest {
  private static final String BODY = "body-7f3a-do-not-log";
  private static final Set<String> STORES = Set.of("memory", "dynamodb", "redis");

  private final List<String> emf = Collections.synchronizedList(new ArrayList<>());
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final TestContext context = new TestContext();
  private PrintStream original;

  @BeforeEach
  void capture() {
    original = System.out;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(original);
  }

  @Test
  void no_message_body_in_any_line_or_dimension() throws Exception {
    try (ManagementApiTestServer api = new ManagementApiTestServer("prod");
        ChatLambdaHandler chat = new ChatLambdaHandler(ChatConfig.from(Map.of("CHAT_STORE", "memory", "LOG_LEVEL",
            "DEBUG", "WEBSOCKET_CALLBACK_URL", api.endpoint().toString(), "MAX_MESSAGE_BYTES", "64",
            "MESSAGE_RETENTION", "none")), new EmfMetrics(emf::add))) {
      chat.handle(Events.connect("QUxJQ0UtY29ubg="), context);
      chat.handle(Events.connect("Qk9CLWNvbm5lY3Q="), context);
      send(chat, "QUxJQ0UtY29ubg=", "registerUser", "{\"action\":\"registerUser\",\"userId\":\"alice\"}");
      send(chat, "Qk9CLWNvbm5lY3Q=", "registerUser", "{\"action\":\"registerUser\",\"userId\":\"bob\"}");
      send(chat, "QUxJQ0UtY29ubg=", "sendPrivateMessage", message("bob", BODY));
      send(chat, "QUxJQ0UtY29ubg=", "sendPrivateMessage", message("carol", BODY)); // USER_NOT_CONNECTED
      send(chat, "QUxJQ0UtY29ubg=", "sendPrivateMessage", message("bob", BODY + "x".repeat(100))); // too large
      send(chat, "QUxJQ0UtY29ubg=", "$default", "{\"action\":\"" + BODY + "\"}");
      send(chat, "QUxJQ0UtY29ubg=", "$default", BODY);
      send(chat, "QUxJQ0UtY29ubg=", "sendPrivateMessage", "{\"action\":\"sendPrivateMessage\",\"message\":\""
          + BODY + "\"}");
    }
    assertThat(everything()).as("lines written").hasSizeGreaterThan(10).noneMatch(l -> l.contains(BODY));
    assertDimensionsFromFixedSets();
    assertThat(EmfLines.read(emf).sum(io.wschat.metrics.Metric.MESSAGES_REJECTED, Map.of("Stage", "prod"))).isEqualTo(3);
  }

  @Test
  void no_token_or_secret_from_the_authorizer() throws Exception {
    TokenAuthorizer authorizer = new TokenAuthorizer(Map.of(AuthorizerConfig.JWT_SECRET, TokenAuthorizerTest.SECRET,
        AuthorizerConfig.JWT_ISSUER, TokenAuthorizerTest.ISSUER, AuthorizerConfig.JWT_AUDIENCE,
        TokenAuthorizerTest.AUDIENCE, "LOG_LEVEL", "DEBUG"), new EmfMetrics(emf::add));
    String valid = TokenAuthorizerTest.sign(new MACSigner(TokenAuthorizerTest.SECRET.getBytes(StandardCharsets.UTF_8)),
        JWSAlgorithm.HS256, null, TokenAuthorizerTest.claims("alice").build());
    String forged = TokenAuthorizerTest.sign(new MACSigner("another-secret-of-at-least-32-bytes".getBytes(
        StandardCharsets.UTF_8)), JWSAlgorithm.HS256, null, TokenAuthorizerTest.claims("alice").build());
    authorizer.authorize(TokenAuthorizerTest.event(valid), context);
    assertThatThrownBy(() -> authorizer.authorize(TokenAuthorizerTest.event(forged), context))
        .hasMessage("Unauthorized");
    assertThatThrownBy(() -> authorizer.authorize(TokenAuthorizerTest.event("not.a.jwt"), context))
        .hasMessage("Unauthorized");

    List<String> lines = everything();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(6);
    for (String secret : List.of(valid, forged, signature(valid), signature(forged), TokenAuthorizerTest.SECRET,
        "not.a.jwt")) {
      assertThat(lines).as("lines written").noneMatch(l -> l.contains(secret));
    }
    assertDimensionsFromFixedSets();
  }

  @Test
  void no_redis_password_when_the_store_is_down() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    String password = "pw-91c2-do-not-log";
    try (ChatLambdaHandler chat = new ChatLambdaHandler(ChatConfig.from(Map.of("CHAT_STORE", "redis", "REDIS_URL",
        "redis://:" + password + "@127.0.0.1:" + deadPort, "MESSAGE_RETENTION", "none", "LOG_LEVEL", "DEBUG")),
        new EmfMetrics(emf::add))) {
      send(chat, "QUxJQ0UtY29ubg=", "registerUser", "{\"action\":\"registerUser\",\"userId\":\"alice\"}");
    }
    List<String> lines = everything();
    assertThat(lines).anyMatch(l -> l.contains("store_unreachable")).noneMatch(l -> l.contains(password));
    assertDimensionsFromFixedSets();
  }

  private void send(ChatLambdaHandler chat, String connection, String route, String body) {
    chat.handle(Events.message(connection, route, body), context);
  }

  private static String message(String to, String text) {
    return "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"" + to + "\",\"message\":\"" + text + "\"}";
  }

  private static String signature(String jwt) {
    return jwt.substring(jwt.lastIndexOf('.') + 1);
  }

  private List<String> everything() {
    List<String> lines = new ArrayList<>(context.logLines());
    lines.addAll(stdout.toString(StandardCharsets.UTF_8).lines().toList());
    lines.addAll(emf);
    return lines;
  }

  private void assertDimensionsFromFixedSets() throws Exception {
    Set<String> codes = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
    Set<String> reasons = Arrays.stream(TokenVerifier.Reason.values()).map(TokenVerifier.Reason::code)
        .collect(Collectors.toSet());
    assertThat(emf).as("EMF lines").isNotEmpty();
    for (EmfLines.Series series : EmfLines.read(emf).series()) {
      series.dimensions().forEach((name, value) -> {
        switch (name) {
          case "Stage" -> assertThat(value).isEqualTo("prod");
          case "Code" -> assertThat(codes).contains(value);
          case "Store" -> assertThat(STORES).contains(value);
          case "Operation" -> assertThat(value).matches("(registry|log|limiter)\\.[a-zA-Z]+");
          case "Reason" -> assertThat(reasons).contains(value);
          default -> throw new AssertionError("a dimension wschat does not declare: " + name);
        }
      });
    }
  }
}
