package io.wschat.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.fake.MutableClock;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog.Appended;
import io.wschat.domain.port.MessageLog.Cursor;
import io.wschat.domain.port.MessageLog.NewMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The items an append writes, read back raw, and the expiry each one carries: the layout docs/storage.md draws. */
class MessageItemsIT {
  private static final Duration RETENTION = Duration.ofDays(30);
  @RegisterExtension
  static final MessagesTableExtension table = new MessagesTableExtension("log-items");

  // Now, moved forward only: DynamoDB Local's TTL job deletes items whose expiresAt has really passed.
  private final MutableClock clock = new MutableClock(Instant.now());
  private DynamoDbMessageLog log;
  private String run;

  @BeforeEach
  void log() {
    log = table.log(clock, RETENTION);
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void an_append_writes_the_message_the_head_and_one_entry_per_user_with_nothing_more() {
    LoggedMessage m = send("alice", "bob", "hello", clock.instant());
    String conversation = "c#" + user("alice").value() + "|" + user("bob").value();
    long expiresAt = m.sentAt().plus(RETENTION).getEpochSecond();

    Map<String, AttributeValue> message = item(conversation, "m#" + m.id().value());
    assertThat(message).containsOnlyKeys("pk", "sk", "position", "recipient", "text", "sentAt", "expiresAt");
    assertThat(message.get("position").n()).isEqualTo("1");
    assertThat(message.get("recipient").s()).isEqualTo(user("bob").value());
    assertThat(message.get("text").s()).isEqualTo("hello");
    assertThat(message.get("expiresAt").n()).isEqualTo(Long.toString(expiresAt));

    Map<String, AttributeValue> head = item(conversation, "head");
    assertThat(head).containsOnlyKeys("pk", "sk", "lastPosition", "expiresAt");
    assertThat(head.get("expiresAt").n())
        .isEqualTo(Long.toString(expiresAt + AppendTransaction.HEAD_GRACE.toSeconds()));

    Map<String, AttributeValue> sender = item("u#" + user("alice").value(), conversation);
    assertThat(sender).containsOnlyKeys("pk", "sk", "delivered", "read", "lastId", "lastSentAt", "expiresAt");
    Map<String, AttributeValue> recipient = item("u#" + user("bob").value(), conversation);
    assertThat(recipient).containsOnlyKeys("pk", "sk", "delivered", "read", "lastId", "lastSentAt", "expiresAt",
        "lastIncoming", "prevIncoming");
    assertThat(List.of(recipient.get("lastIncoming").n(), recipient.get("prevIncoming").n(),
        recipient.get("delivered").n(), recipient.get("read").n())).containsExactly("1", "0", "0", "0");
    assertThat(recipient.get("expiresAt").n()).isEqualTo(Long.toString(expiresAt));
  }

  @Test
  void a_note_to_oneself_has_one_entry_that_is_both_sides() {
    LoggedMessage note = send("alice", "alice", "note", clock.instant());
    String conversation = "c#" + user("alice").value() + "|" + user("alice").value();

    assertThat(item("u#" + user("alice").value(), conversation).get("lastIncoming").n()).isEqualTo("1");
    assertThat(log.pending(user("alice"), 10).messages()).containsExactly(note);
    LoggedMessage second = send("alice", "alice", "another", clock.instant());
    assertThat(item("u#" + user("alice").value(), conversation))
        .extractingByKeys("lastIncoming", "prevIncoming").extracting(AttributeValue::n).containsExactly("2", "1");
    assertThat(log.pending(user("alice"), 10).messages()).containsExactly(note, second);
  }

  @Test
  void each_message_to_a_user_moves_their_last_incoming_position_to_the_previous_one_and_replies_do_not() {
    send("alice", "bob", "one", clock.instant());
    send("bob", "alice", "reply", clock.instant());
    send("alice", "bob", "three", clock.instant());
    String conversation = "c#" + user("alice").value() + "|" + user("bob").value();

    assertThat(item("u#" + user("bob").value(), conversation))
        .extractingByKeys("lastIncoming", "prevIncoming").extracting(AttributeValue::n).containsExactly("3", "1");
    assertThat(item("u#" + user("alice").value(), conversation))
        .extractingByKeys("lastIncoming", "prevIncoming").extracting(AttributeValue::n).containsExactly("2", "0");
  }

  @Test
  void an_entry_written_before_prev_incoming_existed_holds_a_live_delivery_back_until_the_next_message() {
    LoggedMessage m1 = send("alice", "bob", "before the upgrade", clock.instant());
    String conversation = "c#" + user("alice").value() + "|" + user("bob").value();
    table.client().updateItem(r -> r.tableName(table.name())
        .key(Map.of("pk", AttributeValue.fromS("u#" + user("bob").value()), "sk", AttributeValue.fromS(conversation)))
        .updateExpression("REMOVE prevIncoming"));

    assertThat(log.deliveredLive(m1)).isFalse();
    assertThat(log.pending(user("bob"), 10).messages()).containsExactly(m1);
    log.advance(user("bob"), m1.conversation(), Cursor.DELIVERED, m1.position()); // the sync
    LoggedMessage m2 = send("alice", "bob", "after it", clock.instant());
    assertThat(log.deliveredLive(m2)).isTrue();
  }

  @Test
  void sent_at_comes_back_to_the_nanosecond() {
    Instant precise = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_789);
    LoggedMessage m = send("alice", "bob", "precise", precise);

    assertThat(log.find(m.conversation(), m.id())).get().extracting(LoggedMessage::sentAt).isEqualTo(precise);
  }

  @Test
  void a_message_never_expires_before_the_one_ahead_of_it() {
    LoggedMessage later = send("alice", "bob", "stamped later", clock.instant().plusSeconds(60));
    LoggedMessage earlier = send("bob", "alice", "stamped earlier", clock.instant());

    // By its own sentAt "stamped earlier" has expired; it lives as long as the message ahead of it.
    clock.set(earlier.sentAt().plus(RETENTION).plusSeconds(1));

    assertThat(log.history(earlier.conversation(), OptionalLong.empty(), 10).messages())
        .containsExactly(earlier, later);
    clock.set(later.sentAt().plus(RETENTION));
    assertThat(log.history(earlier.conversation(), OptionalLong.empty(), 10).messages()).isEmpty();
  }

  @Test
  void an_expired_message_id_may_be_used_again_as_a_new_message() {
    MessageId id = MessageId.random();
    LoggedMessage old = stored(log.append(message(id, "alice", "bob", "old", clock.instant())));
    clock.advance(RETENTION.plusDays(1));

    Appended again = log.append(message(id, "alice", "bob", "new", clock.instant()));

    assertThat(again).isInstanceOfSatisfying(Appended.Stored.class, s -> {
      assertThat(s.duplicate()).isFalse();
      assertThat(s.message().position()).isEqualTo(old.position() + 1);
    });
    assertThat(log.find(old.conversation(), id)).contains(stored(again));
  }

  private LoggedMessage send(String from, String to, String text, Instant sentAt) {
    return stored(log.append(message(MessageId.random(), from, to, text, sentAt)));
  }

  private NewMessage message(MessageId id, String from, String to, String text, Instant sentAt) {
    return new NewMessage(id, user(from), user(to), new MessageText(text), sentAt);
  }

  private static LoggedMessage stored(Appended appended) {
    return ((Appended.Stored) appended).message();
  }

  private Map<String, AttributeValue> item(String pk, String sk) {
    return table.client().getItem(r -> r.tableName(table.name()).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
  }

  private UserId user(String name) {
    return new UserId(name + "-" + run);
  }
}
