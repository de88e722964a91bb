package io.wschat.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import io.wschat.adapter.lambda.EventLog.Level;
import io.wschat.adapter.lambda.fixture.Events;
import io.wschat.adapter.lambda.fixture.TestContext;
import io.wschat.domain.fake.RecordingMessageSender;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.model.Action;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.ErrorCode;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebSocketEventHandlerTest {
  static final String ALICE = "BzJ9kcfLjoECIqw=";
  static final String BOB = "BzJ9mdP1joECGfQ=";

  final SimpleConnectionRegistry registry = new SimpleConnectionRegistry();
  final RecordingMessageSender sender = new RecordingMessageSender();
  final TestContext context = new TestContext();
  final WebSocketEventHandler handler = handlerOver(registry);

  WebSocketEventHandler handlerOver(ConnectionRegistry store) {
    return new WebSocketEventHandler(store, (domain, stage) -> sender, new WireProtocol(MessageLimit.DEFAULT),
        new EventLog(Level.INFO));
  }

  int handle(APIGatewayV2WebSocketEvent event) {
    return handler.handle(event, context).getStatusCode();
  }

  OutboundMessage.Error onlyError(String connection) {
    return (OutboundMessage.Error) assertThat(sender.sentTo(new ConnectionId(connection)))
        .singleElement().isInstanceOf(OutboundMessage.Error.class).actual();
  }

  @Test
  void connect_is_accepted_and_registers_nothing() {
    assertThat(handle(Events.connect(ALICE))).isEqualTo(200);
    assertThat(registry.userOf(new ConnectionId(ALICE))).isEmpty();
    assertThat(sender.sent()).isEmpty();
  }

  @Test
  void register_user_route_registers_and_confirms() {
    assertThat(handle(Events.message(ALICE, "registerUser", "{\"action\":\"registerUser\",\"userId\":\"alice\"}")))
        .isEqualTo(200);

    assertThat(registry.userOf(new ConnectionId(ALICE))).contains(new UserId("alice"));
    assertThat(sender.sentTo(new ConnectionId(ALICE)))
        .containsExactly(new OutboundMessage.RegistrationSuccess(new UserId("alice")));
  }

  @Test
  void default_route_with_a_known_action_is_handled_like_its_route() {
    assertThat(handle(Events.message(ALICE, "$default", "{\"action\":\"registerUser\",\"userId\":\"alice\"}")))
        .isEqualTo(200);
    assertThat(registry.userOf(new ConnectionId(ALICE))).contains(new UserId("alice"));
  }

  @Test
  void default_route_with_an_unknown_action_gets_unknown_action() {
    assertThat(handle(Events.message(ALICE, "$default", "{\"action\":\"dance\"}"))).isEqualTo(400);

    OutboundMessage.Error error = onlyError(ALICE);
    assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_ACTION);
    assertThat(error.message()).contains("'dance'").contains("registerUser");
  }

  @Test
  void an_unknown_route_key_gets_unknown_action_without_reading_the_body() {
    assertThat(handle(Events.message(ALICE, "dance", "not json at all"))).isEqualTo(400);
    assertThat(onlyError(ALICE).code()).isEqualTo(ErrorCode.UNKNOWN_ACTION);
  }

  @Test
  void send_private_message_reaches_the_target_and_acknowledges() {
    handle(Events.message(ALICE, "registerUser", "{\"action\":\"registerUser\",\"userId\":\"alice\"}"));
    handle(Events.message(BOB, "registerUser", "{\"action\":\"registerUser\",\"userId\":\"bob\"}"));
    sender.clear();

    assertThat(handle(Events.message(ALICE, "sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"Hello!\"}"))).isEqualTo(200);

    assertThat(sender.sentTo(new ConnectionId(BOB))).singleElement()
        .isInstanceOfSatisfying(OutboundMessage.PrivateMessage.class, m -> {
          assertThat(m.fromUserId()).isEqualTo(new UserId("alice"));
          assertThat(m.message().value()).isEqualTo("Hello!");
        });
    assertThat(sender.sentTo(new ConnectionId(ALICE))).singleElement()
        .isInstanceOfSatisfying(OutboundMessage.MessageSent.class, m -> assertThat(m.deliveredTo()).isEqualTo(1));
  }

  @Test
  void oversize_text_gets_message_too_large() {
    handle(Events.message(ALICE, "registerUser", "{\"action\":\"registerUser\",\"userId\":\"alice\"}"));
    sender.clear();

    int status = handle(Events.message(ALICE, "sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"" + "é".repeat(9000) + "\"}"));

    assertThat(status).isEqualTo(400);
    OutboundMessage.Error error = onlyError(ALICE);
    assertThat(error.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
    assertThat(error.action()).contains(Action.SEND_PRIVATE_MESSAGE);
  }

  @Test
  void disconnect_unregisters_even_with_the_fields_the_event_class_lacks() {
    handle(Events.message(ALICE, "registerUser", "{\"action\":\"registerUser\",\"userId\":\"alice\"}"));

    assertThat(handle(Events.disconnect(ALICE))).isEqualTo(200);
    assertThat(registry.userOf(new ConnectionId(ALICE))).isEmpty();
  }

  @Test
  void an_infrastructure_failure_answers_internal_error_and_logs_one_line_with_the_ids() {
    ConnectionRegistry broken = new ConnectionRegistry() {
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
    APIGatewayV2WebSocketEvent event = Events.message(ALICE, "sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"secret text\"}");

    int status = handlerOver(broken).handle(event, context).getStatusCode();

    assertThat(status).isEqualTo(500);
    OutboundMessage.Error error = onlyError(ALICE);
    assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    assertThat(error.message()).doesNotContain("store timed out").doesNotContain("Exception");
    assertThat(context.logLines()).singleElement().satisfies(line -> {
      assertThat(line).startsWith("{").endsWith("}");
      assertThat(line).contains("\"connectionId\":\"" + ALICE + "\"")
          .contains("\"requestId\":\"" + event.getRequestContext().getRequestId() + "\"")
          .contains("\"level\":\"ERROR\"")
          .doesNotContain("secret text");
    });
  }

  @Test
  void a_failure_to_send_the_error_frame_is_logged_not_thrown() {
    sender.failOn(new ConnectionId(ALICE));

    int status = handle(Events.message(ALICE, "registerUser", "{\"action\":\"registerUser\",\"userId\":\"alice\"}"));

    assertThat(status).isEqualTo(500);
    assertThat(context.logLines()).anySatisfy(line -> assertThat(line).contains("error_frame_not_sent"));
  }

  @Test
  void an_event_without_request_context_is_refused_quietly() {
    assertThat(handler.handle(new APIGatewayV2WebSocketEvent(), context).getStatusCode()).isEqualTo(400);
    assertThat(handler.handle(null, null).getStatusCode()).isEqualTo(400);
  }
}
