package io.wschat.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wschat.adapter.lambda.fixture.Events;
import io.wschat.adapter.lambda.fixture.Harness;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.UserId;
import io.wschat.domain.usecase.IdentityPolicy;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hundreds of generated malformed bodies, on every route that reads a body, in both acknowledgement modes: none
 * makes the handler throw, each gets exactly one error frame, and none changes the registry. The generator is seeded, so a failure reproduces.
 */
class MalformedBodiesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CALLER = "BzJ9kcfLjoECIqw=";
  static final String OTHER = "BzJ9mdP1joECGfQ=";
  static final MessageLimit LIMIT = new MessageLimit(64);
  static final long SEED = 20261123L;
  static final int CASES = 600;

  @ParameterizedTest(name = "[{index}] {0} {1} {2}")
  @MethodSource("malformed")
  void a_malformed_body_gets_an_error_frame_and_changes_nothing(
      Acknowledgements acknowledgements, String route, String body) {
    SimpleConnectionRegistry registry = new SimpleConnectionRegistry();
    registry.register(new ConnectionId(CALLER), new UserId("alice"));
    registry.register(new ConnectionId(OTHER), new UserId("bob"));
    Harness chat = new Harness(registry, IdentityPolicy.OPEN, acknowledgements, LIMIT);

    Harness.Heard heard = chat.handle(Events.message(CALLER, route, body));

    assertThat(heard.answer().get("type").asText()).isEqualTo("error");
    assertThat(heard.answer().get("code").asText()).isIn("INVALID_REQUEST", "MESSAGE_TOO_LARGE", "UNKNOWN_ACTION");
    assertThat(chat.sender.sent()).as("nothing delivered to anyone").isEmpty();
    assertThat(chat.posted()).hasSize(acknowledgements == Acknowledgements.POST ? 1 : 0);
    assertThat(registry.userOf(new ConnectionId(CALLER))).contains(new UserId("alice"));
    assertThat(registry.userOf(new ConnectionId(OTHER))).contains(new UserId("bob"));
    assertThat(registry.connectionsOf(new UserId("alice"))).containsExactly(new ConnectionId(CALLER));
    assertThat(registry.connectionsOf(new UserId("bob"))).containsExactly(new ConnectionId(OTHER));
  }

  static Stream<Arguments> malformed() {
    Random random = new Random(SEED);
    List<String> routes = List.of("$default", "registerUser", "sendPrivateMessage");
    List<Supplier<String>> kinds = List.of(
        () -> notAnObject(random),
        () -> "{\"action\":\"registerUser\",\"userId\":" + badUserId(random) + "}",
        () -> "{\"action\":\"registerUser\"}",
        () -> "{\"action\":\"sendPrivateMessage\",\"targetUserId\":" + badUserId(random) + ",\"message\":\"hi\"}",
        () -> "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":" + badMessage(random) + "}",
        () -> "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\"}",
        () -> "{\"action\":\"sendPrivateMessage\",\"message\":\"hi\"}");
    return IntStream.range(0, CASES).mapToObj(i -> Arguments.of(Acknowledgements.values()[i % 2],
        routes.get(random.nextInt(routes.size())), kinds.get(random.nextInt(kinds.size())).get()));
  }

  /** Text that is not a JSON object: random characters, truncations, arrays, scalars. */
  static String notAnObject(Random random) {
    List<String> fixed = List.of("", " ", "null", "[]", "[{}]", "42", "\"registerUser\"", "true", "{", "{\"action\":",
        "{\"action\":\"registerUser\",\"userId\":\"al", "{'action':'registerUser'}", "\u0000", "{}}");
    if (random.nextBoolean()) {
      return fixed.get(random.nextInt(fixed.size()));
    }
    String noise = randomString(random, 1 + random.nextInt(60), 0x20, 0x2FF);
    return noise.strip().startsWith("{") ? "x" + noise : noise;
  }

  static String badUserId(Random random) {
    List<String> fixed = List.of("null", "7", "true", "[]", "{}", "\"\"", "\"   \"", "[\"alice\"]", "{\"id\":\"alice\"}",
        "\"al ice\"", "\"<script>\"", "\"a\\nb\"", "\"😀\"", "\"\\u0000\"");
    return switch (random.nextInt(3)) {
      case 0 -> fixed.get(random.nextInt(fixed.size()));
      case 1 -> quote(randomFrom(random, " \t\n;/<>\"'\\%$#!?*()[]{}|~^`+=,", 1 + random.nextInt(10)));
      default -> quote("a".repeat(65 + random.nextInt(100)));
    };
  }

  static String badMessage(Random random) {
    List<String> fixed = List.of("null", "1", "false", "[]", "{}", "\"\"", "[\"hi\"]");
    return random.nextBoolean()
        ? fixed.get(random.nextInt(fixed.size()))
        : quote(randomString(random, 33 + random.nextInt(200), 0x80, 0x7FF)); // two bytes each: always over 64
  }

  static String randomString(Random random, int length, int from, int to) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.appendCodePoint(from + random.nextInt(to - from));
    }
    return out.toString();
  }

  static String randomFrom(Random random, String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  static String quote(String raw) {
    return JSON.getNodeFactory().textNode(raw).toString();
  }
}
