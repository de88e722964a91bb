package io.wschat.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.adapter.lambda.fixture.Events;
import io.wschat.adapter.lambda.fixture.Harness;
import io.wschat.adapter.lambda.fixture.Harness.Heard;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebSocketEventHandlerTest {
  static final String ALICE = "BzJ9kcfLjoECIqw=";
  static final String BOB = "BzJ9mdP1joECGfQ=";
  static final String REGISTER_ALICE = "{\"action\":\"registerUser\",\"userId\":\"alice\"}";

  final SimpleConnectionRegistry registry = new SimpleConnectionRegistry();
  final Harness chat = new Harness(registry);

  Heard handle(WebSocketEvent event) {
    return chat.handle(event);
  }

  @Test
  void connect_is_accepted_registers_nothing_and_answers_no_body() {
    Heard heard = handle(Events.connect(ALICE));

    assertThat(heard.status()).isEqualTo(200);
    assertThat(heard.response().body()).isNull();
    assertThat(registry.userOf(new ConnectionId(ALICE))).isEmpty();
    assertThat(chat.sender.sent()).isEmpty();
  }

  @Test
  void register_user_is_confirmed_in_the_route_response_and_posts_nothing() {
    Heard heard = handle(Events.message(ALICE, "registerUser", REGISTER_ALICE));

    assertThat(heard.status()).isEqualTo(200);
    assertThat(heard.response().body()).isEqualTo("{\"type\":\"registrationSuccess\",\"userId\":\"alice\",\"maxMessageBytes\":16384}");
    assertThat(registry.userOf(new ConnectionId(ALICE))).contains(new UserId("alice"));
    assertThat(chat.sender.sent()).isEmpty();
    assertThat(chat.posted()).isEmpty();
  }

  @Test
  void default_route_with_a_known_action_is_handled_like_its_route() {
    Heard heard = handle(Events.message(ALICE, "$default", REGISTER_ALICE));

    assertThat(heard.answer().get("type").asText()).isEqualTo("registrationSuccess");
    assertThat(registry.userOf(new ConnectionId(ALICE))).contains(new UserId("alice"));
  }

  @Test
  void default_route_with_an_unknown_action_gets_unknown_action_naming_it() {
    Heard heard = handle(Events.message(ALICE, "$default", "{\"action\":\"dance\"}"));

    assertThat(heard.status()).isEqualTo(200);
    assertThat(heard.answer().get("code").asText()).isEqualTo("UNKNOWN_ACTION");
    assertThat(heard.answer().get("action").asText()).isEqualTo("dance");
    assertThat(heard.answer().get("message").asText()).contains("'dance'").contains("registerUser");
  }

  @Test
  void a_body_that_names_no_action_gets_unknown_action_with_a_null_action() {
    Heard heard = handle(Events.message(ALICE, "$default", "{\"userId\":\"alice\"}"));

    assertThat(heard.answer().get("code").asText()).isEqualTo("UNKNOWN_ACTION");
    assertThat(heard.answer().get("action").isNull()).isTrue();
  }

  @Test
  void an_unknown_route_key_gets_unknown_action() {
    assertThat(handle(Events.message(ALICE, "dance", "{}")).answer().get("code").asText())
        .isEqualTo("UNKNOWN_ACTION");
  }

  @Test
  void send_private_message_posts_one_delivery_and_acknowledges_in_the_route_response() {
    handle(Events.message(ALICE, "registerUser", REGISTER_ALICE));
    handle(Events.message(BOB, "registerUser", "{\"action\":\"registerUser\",\"userId\":\"bob\"}"));

    Heard heard = handle(Events.message(ALICE, "sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"Hello!\"}"));

    assertThat(chat.sender.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.to()).isEqualTo(new ConnectionId(BOB));
      assertThat(sent.message()).isInstanceOfSatisfying(OutboundMessage.PrivateMessage.class, m -> {
        assertThat(m.fromUserId()).isEqualTo(new UserId("alice"));
        assertThat(m.message().value()).isEqualTo("Hello!");
      });
    });
    String id = ((OutboundMessage.PrivateMessage) chat.sender.sent().get(0).message()).messageId().value();
    assertThat(heard.response().body()).isEqualTo(
        "{\"type\":\"messageSent\",\"messageId\":\"" + id + "\",\"targetUserId\":\"bob\",\"deliveredTo\":1,\"stored\":false}");
  }

  @Test
  void oversize_text_gets_message_too_large_naming_the_action() {
    handle(Events.message(ALICE, "registerUser", REGISTER_ALICE));

    Heard heard = handle(Events.message(ALICE, "sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"" + "é".repeat(9000) + "\"}"));

    assertThat(heard.answer().get("code").asText()).isEqualTo("MESSAGE_TOO_LARGE");
    assertThat(heard.answer().get("action").asText()).isEqualTo("sendPrivateMessage");
    assertThat(chat.sender.sent()).isEmpty();
  }

  @Test
  void a_bad_target_user_id_is_named_as_target_user_id() {
    handle(Events.message(ALICE, "registerUser", REGISTER_ALICE));

    Heard heard = handle(Events.message(ALICE, "sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"b o b\",\"message\":\"hi\"}"));

    assertThat(heard.answer().get("code").asText()).isEqualTo("INVALID_REQUEST");
    assertThat(heard.answer().get("message").asText()).startsWith("targetUserId ");
  }

  @Test
  void disconnect_unregisters_and_answers_no_body() {
    handle(Events.message(ALICE, "registerUser", REGISTER_ALICE));

    Heard heard = handle(Events.disconnect(ALICE));

    assertThat(heard.status()).isEqualTo(200);
    assertThat(heard.response().body()).isNull();
    assertThat(registry.userOf(new ConnectionId(ALICE))).isEmpty();
  }

  @Test
  void every_request_logs_exactly_one_line_with_action_outcome_latency_and_ids_but_never_the_body() {
    handle(Events.message(ALICE, "registerUser", REGISTER_ALICE));
    WebSocketEvent send = Events.message(ALICE, "sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"nobody\",\"message\":\"secret text\"}");
    handle(send);

    assertThat(chat.context.logLines()).hasSize(2);
    var first = Harness.parse(chat.context.logLines().get(0));
    assertThat(first.get("action").asText()).isEqualTo("registerUser");
    assertThat(first.get("outcome").asText()).isEqualTo("registered");
    String line = chat.context.logLines().get(1);
    var json = Harness.parse(line);
    assertThat(json.get("level").asText()).isEqualTo("INFO");
    assertThat(json.get("action").asText()).isEqualTo("sendPrivateMessage");
    assertThat(json.get("outcome").asText()).isEqualTo("rejected");
    assertThat(json.get("code").asText()).isEqualTo("USER_NOT_CONNECTED");
    assertThat(json.get("latencyMs").isIntegralNumber()).isTrue();
    assertThat(json.get("connectionId").asText()).isEqualTo(ALICE);
    assertThat(json.get("requestId").asText()).isEqualTo(send.requestId());
    assertThat(line).doesNotContain("secret text");
  }

  static ConnectionRegistry broken() {
    return new ConnectionRegistry() {
      @Override
      public void register(ConnectionId connection, UserId user) {
        throw new IllegalStateException("store timed out");
      }

      @Override
      public Optional<UserId> unregister(ConnectionId connection) {
        throw new IllegalStateException("store timed out");
      }

      @Override
      public Optional<UserId> userOf(ConnectionId connection) {
        throw new IllegalStateException("store timed out");
      }

      @Override
      public Set<ConnectionId> connectionsOf(UserId user) {
        throw new IllegalStateException("store timed out");
      }
    };
  }

  @Test
  void an_infrastructure_failure_answers_internal_error_and_logs_one_error_line_with_the_ids() {
    Harness failing = new Harness(broken());
    WebSocketEvent event = Events.message(ALICE, "sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"secret text\"}");

    Heard heard = failing.handle(event);

    assertThat(heard.answer().get("code").asText()).isEqualTo("INTERNAL_ERROR");
    assertThat(heard.answer().get("action").asText()).isEqualTo("sendPrivateMessage");
    assertThat(heard.answer().get("message").asText()).doesNotContain("store timed out").doesNotContain("Exception");
    assertThat(failing.context.logLines()).singleElement().satisfies(line -> {
      assertThat(line).contains("\"connectionId\":\"" + ALICE + "\"")
          .contains("\"requestId\":\"" + event.requestId() + "\"")
          .contains("\"level\":\"ERROR\"").contains("\"status\":500").contains("store timed out")
          .doesNotContain("secret text");
    });
  }

  @Test
  void a_failing_connect_is_refused_with_500_and_logged() {
    Harness failing = new Harness(broken());

    Heard heard = failing.handle(Events.connect(ALICE, java.util.Map.of("userId", "alice")));

    assertThat(heard.status()).isEqualTo(500);
    assertThat(failing.context.logLines()).singleElement().asString().contains("\"level\":\"ERROR\"");
  }

  @Test
  void an_event_without_a_connection_or_route_is_refused_quietly() {
    assertThat(chat.handler().handle(new WebSocketEvent(null, null, null, null, null, null, null), null)
        .statusCode()).isEqualTo(400);
    assertThat(chat.handler().handle(null, null).statusCode()).isEqualTo(400);
  }
}
