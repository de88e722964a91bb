package io.wschat.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.adapter.lambda.fixture.Events;
import io.wschat.adapter.lambda.fixture.Harness;
import io.wschat.adapter.lambda.fixture.Harness.Heard;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.UserId;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The canonical user id on the wire: what the server sends back, and which look-alikes it refuses. */
class UserIdsOnTheWireTest {
  static final String ALICE = "BzJ9kcfLjoECIqw=";
  static final String BOB = "BzJ9mdP1joECGfQ=";

  final SimpleConnectionRegistry registry = new SimpleConnectionRegistry();
  final Harness chat = new Harness(registry);

  Heard register(String connection, String userId) {
    return chat.handle(Events.message(connection, "registerUser",
        "{\"action\":\"registerUser\",\"userId\":\"" + userId + "\"}"));
  }

  @Test
  void a_name_typed_in_capitals_or_fullwidth_registers_and_is_confirmed_as_its_canonical_form() {
    assertThat(register(ALICE, "Alice").answer().get("userId").asText()).isEqualTo("alice");
    assertThat(register(BOB, "\uFF22\uFF4F\uFF42").answer().get("userId").asText()).isEqualTo("bob");

    assertThat(registry.userOf(new ConnectionId(ALICE))).contains(new UserId("alice"));
    assertThat(registry.connectionsOf(new UserId("bob"))).containsExactly(new ConnectionId(BOB));
  }

  @Test
  void a_message_to_alice_in_capitals_reaches_alice_and_its_acknowledgement_echoes_the_target_as_sent() {
    register(ALICE, "alice");
    register(BOB, "Bob");

    Heard heard = chat.handle(Events.message(BOB, "sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"ALICE\",\"message\":\"hi\"}"));

    assertThat(heard.answer().get("type").asText()).isEqualTo("messageSent");
    assertThat(heard.answer().get("targetUserId").asText()).as("so the sender can match it").isEqualTo("ALICE");
    assertThat(heard.answer().get("deliveredTo").asInt()).isEqualTo(1);
    assertThat(chat.sender.sentTo(new ConnectionId(ALICE))).singleElement().satisfies(delivery -> {
      String frame = new String(new WireProtocol(MessageLimit.DEFAULT).encode(delivery), StandardCharsets.UTF_8);
      assertThat(frame).contains("\"fromUserId\":\"bob\"").contains("\"toUserId\":\"alice\"");
    });
  }

  @Test
  void typing_to_a_name_in_capitals_reaches_it_and_echoes_the_target_as_sent() {
    register(ALICE, "alice");
    register(BOB, "bob");

    Heard heard = chat.handle(Events.message(BOB, "typing", "{\"action\":\"typing\",\"targetUserId\":\"Alice\"}"));

    assertThat(heard.answer().get("targetUserId").asText()).isEqualTo("Alice");
    assertThat(heard.answer().get("deliveredTo").asInt()).isEqualTo(1);
    assertThat(chat.sender.sentTo(new ConnectionId(ALICE)))
        .containsExactly(new OutboundMessage.Typing(new UserId("bob")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "\u0430lice       | userId mixes scripts that can pass for one another (Latin and Cyrillic)",
      "alice\uFE0F      | userId must not contain invisible characters (found U+FE0F VARIATION SELECTOR-16)",
      "alice\u034F      | userId must not contain invisible characters (found U+034F COMBINING GRAPHEME JOINER)",
      "alice\u3164      | userId must not contain invisible characters (found U+3164 HANGUL FILLER)",
      "\u3164           | userId must not contain invisible characters (found U+3164 HANGUL FILLER)",
      "\u202Eecila      | userId must not contain invisible characters (found U+202E RIGHT-TO-LEFT OVERRIDE)"})
  void a_look_alike_or_invisible_id_is_refused_naming_why_and_changes_nothing(String lookAlike, String why) {
    register(ALICE, "alice");

    Heard registering = register(BOB, lookAlike);
    Heard sending = chat.handle(Events.message(ALICE, "sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"" + lookAlike + "\",\"message\":\"hi\"}"));

    assertThat(registering.answer().get("code").asText()).isEqualTo("INVALID_REQUEST");
    assertThat(registering.answer().get("message").asText()).startsWith(why);
    assertThat(sending.answer().get("code").asText()).isEqualTo("INVALID_REQUEST");
    assertThat(sending.answer().get("message").asText()).startsWith(why.replaceFirst("^userId", "targetUserId"));
    assertThat(registry.userOf(new ConnectionId(BOB))).isEqualTo(Optional.empty());
    assertThat(registry.connectionsOf(new UserId("alice"))).containsExactly(new ConnectionId(ALICE));
    assertThat(chat.sender.sent()).isEmpty();
  }
}
