package io.wschat.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.domain.model.Action;
import io.wschat.domain.model.ErrorCode;
import io.wschat.domain.model.InvalidInputException;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.MessageTooLargeException;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The frames exactly as docs/protocol.md writes them. */
class WireProtocolTest {
  final WireProtocol protocol = new WireProtocol(MessageLimit.DEFAULT);

  String encode(OutboundMessage message) {
    return new String(protocol.encode(message), StandardCharsets.UTF_8);
  }

  @Test
  void encodes_every_frame_of_the_protocol() {
    assertThat(encode(new OutboundMessage.RegistrationSuccess(new UserId("alice"))))
        .isEqualTo("{\"type\":\"registrationSuccess\",\"userId\":\"alice\"}");
    assertThat(encode(new OutboundMessage.PrivateMessage(new UserId("alice"), MessageLimit.DEFAULT.text("Hello!"),
        new MessageId("m-1"), Instant.parse("2026-11-23T12:00:09.871Z"))))
        .isEqualTo("{\"type\":\"privateMessage\",\"fromUserId\":\"alice\",\"message\":\"Hello!\","
            + "\"messageId\":\"m-1\",\"sentAt\":\"2026-11-23T12:00:09.871Z\"}");
    assertThat(encode(new OutboundMessage.MessageSent(new MessageId("m-1"), new UserId("bob"), 2)))
        .isEqualTo("{\"type\":\"messageSent\",\"messageId\":\"m-1\",\"targetUserId\":\"bob\",\"deliveredTo\":2}");
    assertThat(encode(new OutboundMessage.Error(ErrorCode.USER_NOT_CONNECTED, "user bob is not connected",
        Optional.of(Action.SEND_PRIVATE_MESSAGE))))
        .isEqualTo("{\"type\":\"error\",\"code\":\"USER_NOT_CONNECTED\",\"message\":\"user bob is not connected\","
            + "\"action\":\"sendPrivateMessage\"}");
    assertThat(encode(new OutboundMessage.Error(ErrorCode.INVALID_REQUEST, "bad", Optional.empty())))
        .isEqualTo("{\"type\":\"error\",\"code\":\"INVALID_REQUEST\",\"message\":\"bad\",\"action\":null}");
  }

  @Test
  void escapes_text_so_a_message_cannot_break_the_frame() {
    assertThat(encode(new OutboundMessage.PrivateMessage(new UserId("alice"),
        MessageLimit.DEFAULT.text("\"}<script>\n\u2028"), new MessageId("m"), Instant.EPOCH)))
        .contains("\"message\":\"\\\"}<script>\\n\u2028\"");
  }

  @Test
  void parses_the_two_requests() {
    assertThat(protocol.request(Action.REGISTER_USER, protocol.body("{\"action\":\"registerUser\",\"userId\":\"alice\"}")))
        .isEqualTo(new WireProtocol.Request.Register(new UserId("alice")));
    assertThat(protocol.request(Action.SEND_PRIVATE_MESSAGE,
        protocol.body("{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"Hello!\"}")))
        .isEqualTo(new WireProtocol.Request.SendMessage(new UserId("bob"), MessageLimit.DEFAULT.text("Hello!")));
  }

  @Test
  void a_body_is_exactly_one_object_and_unknown_fields_are_ignored() {
    assertThatThrownBy(() -> protocol.body("{\"userId\":\"alice\"} {}")).hasMessageContaining("one JSON object");
    assertThatThrownBy(() -> protocol.body("{}}")).isInstanceOf(InvalidInputException.class);
    assertThat(protocol.request(Action.REGISTER_USER,
        protocol.body("{\"extra\":{\"userId\":\"mallory\"},\"tags\":[1,2],\"userId\":\"alice\"}")))
        .as("nested fields are skipped, not mistaken for top-level ones")
        .isEqualTo(new WireProtocol.Request.Register(new UserId("alice")));
    assertThat(protocol.request(Action.REGISTER_USER, protocol.body("{\"userId\":7,\"userId\":\"alice\"}")))
        .as("a repeated field counts with its last value").isEqualTo(new WireProtocol.Request.Register(new UserId("alice")));
    assertThatThrownBy(() -> protocol.request(Action.REGISTER_USER, protocol.body("{\"userId\":\"alice\",\"userId\":7}")))
        .hasMessage("userId must be a string");
  }

  @Test
  void refuses_bad_bodies_with_the_field_named() {
    assertThatThrownBy(() -> protocol.body("{")).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> protocol.body("[1]")).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> protocol.body(null)).hasMessageContaining("empty");
    assertThatThrownBy(() -> protocol.request(Action.REGISTER_USER, protocol.body("{\"userId\":7}")))
        .isInstanceOf(InvalidInputException.class).hasMessage("userId must be a string");
    assertThatThrownBy(() -> protocol.request(Action.SEND_PRIVATE_MESSAGE, protocol.body("{\"targetUserId\":\"bob\"}")))
        .hasMessage("message is required");
    assertThatThrownBy(() -> protocol.request(Action.SEND_PRIVATE_MESSAGE,
        protocol.body("{\"targetUserId\":\"bob\",\"message\":\"" + "x".repeat(16 * 1024 + 1) + "\"}")))
        .isInstanceOf(MessageTooLargeException.class);
  }
}
