package io.wschat.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wschat.adapter.lambda.fixture.Events;
import io.wschat.adapter.lambda.fixture.Harness;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.fake.SimpleMessageLog;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.HistoryCursor;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.UserId;
import io.wschat.domain.usecase.GetHistory;
import io.wschat.domain.usecase.IdentityPolicy;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The history actions at the edge: how requests are read, and how bad ones are answered without changing anything. */
class HistoryActionsTest {
  static final String ALICE = "alice-conn=";
  static final String BOB = "bob-conn=";

  final WireProtocol protocol = new WireProtocol(MessageLimit.DEFAULT);
  final SimpleMessageLog log = new SimpleMessageLog();
  final Harness chat = new Harness(new SimpleConnectionRegistry(), log, IdentityPolicy.OPEN,
      Acknowledgements.ROUTE_RESPONSE, MessageLimit.DEFAULT);

  Request read(String body) {
    return protocol.read("$default", body);
  }

  String reason(String body) {
    Request request = read(body);
    assertThat(request).isInstanceOf(Request.Invalid.class);
    assertThat(((Request.Invalid) request).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    return ((Request.Invalid) request).reason();
  }

  JsonNode answer(String connection, String body) {
    return chat.handle(Events.message(connection, "$default", body)).answer();
  }

  @Test
  void reads_get_history_with_its_defaults_and_its_cursor() {
    assertThat(read("{\"action\":\"getHistory\",\"withUserId\":\"bob\"}"))
        .isEqualTo(new Request.GetHistory(new UserId("bob"), Optional.empty(), GetHistory.DEFAULT_LIMIT));
    HistoryCursor cursor = new HistoryCursor(Conversation.between(new UserId("alice"), new UserId("bob")), 42);
    assertThat(read("{\"action\":\"getHistory\",\"withUserId\":\"bob\",\"limit\":100,\"before\":\""
        + HistoryCursors.encode(cursor) + "\"}"))
        .isEqualTo(new Request.GetHistory(new UserId("bob"), Optional.of(cursor), 100));
  }

  @Test
  void a_limit_outside_1_to_100_or_not_a_whole_number_is_refused() {
    for (String limit : new String[] {"0", "101", "-1", "1.5", "\"50\"", "99999999999", "true"}) {
      assertThat(reason("{\"action\":\"getHistory\",\"withUserId\":\"bob\",\"limit\":" + limit + "}"))
          .as(limit).startsWith("limit must be a whole number from 1 to 100");
    }
  }

  @Test
  void a_cursor_we_never_gave_out_is_refused() {
    String pipes = java.util.Base64.getUrlEncoder().encodeToString("h1|bob|alice|3".getBytes()); // ids out of order
    for (String before : new String[] {"garbage!", "aGVsbG8", pipes, "x".repeat(600), ""}) {
      assertThat(reason("{\"action\":\"getHistory\",\"withUserId\":\"bob\",\"before\":\"" + before + "\"}"))
          .as(before).contains("before");
    }
  }

  @Test
  void mark_read_and_typing_name_their_fields_when_they_are_missing_or_wrong() {
    assertThat(reason("{\"action\":\"markRead\",\"withUserId\":\"bob\"}")).isEqualTo("upToMessageId is required");
    assertThat(reason("{\"action\":\"markRead\",\"withUserId\":\"bob\",\"upToMessageId\":\"" + "m".repeat(129) + "\"}"))
        .contains("at most 128");
    assertThat(reason("{\"action\":\"markRead\",\"upToMessageId\":\"m\"}")).isEqualTo("withUserId is required");
    assertThat(reason("{\"action\":\"typing\",\"targetUserId\":\"no spaces\"}")).startsWith("targetUserId may contain");
    assertThat(read("{\"action\":\"markRead\",\"withUserId\":\"bob\",\"upToMessageId\":\"m-1\"}"))
        .isEqualTo(new Request.MarkRead(new UserId("bob"), new MessageId("m-1")));
  }

  @Test
  void a_foreign_cursor_is_forbidden_and_another_conversations_cursor_invalid_and_neither_changes_anything() {
    answer(ALICE, "{\"action\":\"registerUser\",\"userId\":\"alice\"}");
    String carolAndDave = HistoryCursors.encode(
        new HistoryCursor(Conversation.between(new UserId("carol"), new UserId("dave")), 9));
    String aliceAndCarol = HistoryCursors.encode(
        new HistoryCursor(Conversation.between(new UserId("alice"), new UserId("carol")), 9));

    JsonNode forbidden = answer(ALICE,
        "{\"action\":\"getHistory\",\"withUserId\":\"bob\",\"before\":\"" + carolAndDave + "\"}");
    JsonNode invalid = answer(ALICE,
        "{\"action\":\"getHistory\",\"withUserId\":\"bob\",\"before\":\"" + aliceAndCarol + "\"}");

    assertThat(forbidden.get("code").asText()).isEqualTo("FORBIDDEN");
    assertThat(invalid.get("code").asText()).isEqualTo("INVALID_REQUEST");
    assertThat(invalid.get("action").asText()).isEqualTo("getHistory");
  }

  @Test
  void marking_an_unknown_message_read_is_invalid_and_moves_no_cursor() {
    answer(ALICE, "{\"action\":\"registerUser\",\"userId\":\"alice\"}");
    answer(BOB, "{\"action\":\"registerUser\",\"userId\":\"bob\"}");
    answer(ALICE, "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"hi\"}");
    Conversation conversation = Conversation.between(new UserId("alice"), new UserId("bob"));
    var before = log.cursors(new UserId("bob"), conversation);

    JsonNode error = answer(BOB, "{\"action\":\"markRead\",\"withUserId\":\"alice\",\"upToMessageId\":\"nope\"}");

    assertThat(error.get("code").asText()).isEqualTo("INVALID_REQUEST");
    assertThat(error.get("message").asText()).contains("nope");
    assertThat(log.cursors(new UserId("bob"), conversation)).isEqualTo(before);
    assertThat(before.readUpTo()).isZero();
  }

  @Test
  void history_renders_messages_newest_first_with_a_cursor_that_fetches_the_rest() {
    answer(ALICE, "{\"action\":\"registerUser\",\"userId\":\"alice\"}");
    for (int i = 1; i <= 3; i++) {
      answer(ALICE, "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"m" + i + "\"}");
    }

    JsonNode first = answer(ALICE, "{\"action\":\"getHistory\",\"withUserId\":\"bob\",\"limit\":2}");
    JsonNode rest = answer(ALICE, "{\"action\":\"getHistory\",\"withUserId\":\"bob\",\"limit\":2,\"before\":\""
        + first.get("nextCursor").asText() + "\"}");

    assertThat(first.get("type").asText()).isEqualTo("history");
    assertThat(first.get("messages").findValuesAsText("message")).containsExactly("m3", "m2");
    assertThat(first.get("messages").get(0).get("position").asLong()).isEqualTo(3);
    assertThat(rest.get("messages").findValuesAsText("message")).containsExactly("m1");
    assertThat(rest.get("nextCursor").isNull()).isTrue();
    assertThat(log.history(Conversation.between(new UserId("alice"), new UserId("bob")), OptionalLong.empty(), 10)
        .messages()).hasSize(3);
  }
}
