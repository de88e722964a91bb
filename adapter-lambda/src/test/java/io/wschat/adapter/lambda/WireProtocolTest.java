package io.wschat.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Requests as clients write them, and the delivery frame exactly as docs/protocol.md writes it. */
class WireProtocolTest {
  final WireProtocol protocol = new WireProtocol(MessageLimit.DEFAULT);

  String encode(OutboundMessage message) {
    return new String(protocol.encode(message), StandardCharsets.UTF_8);
  }

  @Test
  void encodes_a_private_message() {
    assertThat(encode(new OutboundMessage.PrivateMessage(new UserId("alice"), new UserId("bob"),
        MessageLimit.DEFAULT.text("Hello!"), new MessageId("m-1"), Instant.parse("2026-11-23T12:00:09.871Z"),
        OptionalLong.of(7))))
        .isEqualTo("{\"type\":\"privateMessage\",\"fromUserId\":\"alice\",\"message\":\"Hello!\",\"messageId\":\"m-1\","
            + "\"sentAt\":\"2026-11-23T12:00:09.871Z\",\"toUserId\":\"bob\",\"position\":7}");
  }

  @Test
  void escapes_text_so_a_message_cannot_break_the_frame() {
    assertThat(encode(new OutboundMessage.PrivateMessage(new UserId("alice"), new UserId("bob"),
        MessageLimit.DEFAULT.text("\"}<script>\n\u2028"), new MessageId("m"), Instant.EPOCH, OptionalLong.empty())))
        .contains("\"message\":\"\\\"}<script>\\n\u2028\"");
  }

  @Test
  void reads_the_two_requests_on_their_routes_and_on_default() {
    assertThat(protocol.read("registerUser", "{\"action\":\"registerUser\",\"userId\":\"alice\"}"))
        .isEqualTo(new Request.Register(new UserId("alice")));
    assertThat(protocol.read("$default", "{\"action\":\"registerUser\",\"userId\":\"alice\"}"))
        .isEqualTo(new Request.Register(new UserId("alice")));
    assertThat(protocol.read("sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"hi\"}"))
        .isEqualTo(new Request.SendMessage(new UserId("bob"), MessageLimit.DEFAULT.text("hi")));
  }

  @Test
  void an_unknown_or_missing_action_is_unknown_and_keeps_the_name() {
    assertThat(protocol.read("$default", "{\"action\":\"dance\"}"))
        .isEqualTo(new Request.UnknownAction(Optional.of("dance")));
    assertThat(protocol.read("$default", "{\"action\":7}")).isEqualTo(new Request.UnknownAction(Optional.empty()));
    assertThat(protocol.read("dance", "{}")).isEqualTo(new Request.UnknownAction(Optional.empty()));
  }

  @Test
  void a_body_is_exactly_one_object_and_unknown_fields_are_ignored() {
    assertThat(invalid("registerUser", "{\"userId\":\"alice\"} {}").reason()).contains("one JSON object");
    assertThat(invalid("registerUser", "{}}").code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(protocol.read("registerUser", "{\"userId\":\"alice\",\"extra\":{\"deep\":[1,2]}}"))
        .isEqualTo(new Request.Register(new UserId("alice")));
    assertThat(protocol.read("registerUser", "{\"userId\":7,\"userId\":\"alice\"}"))
        .isEqualTo(new Request.Register(new UserId("alice")));
    assertThat(invalid("registerUser", "{\"userId\":\"alice\",\"userId\":7}").reason())
        .isEqualTo("userId must be a string");
  }

  @Test
  void refuses_bad_bodies_with_the_field_and_the_action_named() {
    assertThat(invalid("$default", "{").reason()).contains("not valid JSON");
    assertThat(invalid("$default", "{").action()).isEmpty();
    assertThat(invalid("registerUser", "[1]").reason()).contains("JSON object");
    assertThat(invalid("registerUser", "[1]").action()).contains(Action.REGISTER_USER);
    assertThat(invalid("registerUser", null).reason()).contains("empty");
    assertThat(invalid("registerUser", "{\"userId\":7}").reason()).isEqualTo("userId must be a string");
    assertThat(invalid("sendPrivateMessage", "{\"targetUserId\":\"bob\"}").reason()).isEqualTo("message is required");
    assertThat(invalid("sendPrivateMessage", "{\"targetUserId\":\"\",\"message\":\"hi\"}").reason())
        .isEqualTo("targetUserId must not be blank");
    Request.Invalid tooLarge = invalid("sendPrivateMessage",
        "{\"targetUserId\":\"bob\",\"message\":\"" + "x".repeat(MessageLimit.DEFAULT_BYTES + 1) + "\"}");
    assertThat(tooLarge.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
    assertThat(tooLarge.action()).contains(Action.SEND_PRIVATE_MESSAGE);
  }

  @Test
  void the_routes_come_from_the_one_table_of_actions() {
    assertThat(Routes.ALL).containsExactly("$connect", "$disconnect", "$default", "registerUser", "sendPrivateMessage",
        "getHistory", "getConversations", "sync", "markRead", "typing");
    assertThat(Routes.ANSWERED).containsExactly("$default", "registerUser", "sendPrivateMessage", "getHistory",
        "getConversations", "sync", "markRead", "typing");
  }

  private Request.Invalid invalid(String route, String body) {
    return (Request.Invalid) assertThat(protocol.read(route, body)).isInstanceOf(Request.Invalid.class).actual();
  }
}
