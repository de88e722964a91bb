package io.wschat.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.domain.fake.MutableClock;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog.Appended;
import io.wschat.domain.port.MessageLog.Cursor;
import io.wschat.domain.port.MessageLog.NewMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/** What each operation of the message log costs in requests, exactly, as DynamoDbMessageLog's javadoc states it. */
class MessageLogRequestsIT {
  private static final Duration RETENTION = Duration.ofDays(30);
  private static final RequestCounter requests = new RequestCounter();
  @RegisterExtension
  static final MessagesTableExtension table = new MessagesTableExtension("log-requests", requests);

  // Now, not a fixed date: DynamoDB Local's TTL job really deletes items whose expiresAt has passed. Tests only
  // move the clock forward, so every item stays in the table however far the log's clock runs ahead.
  private final MutableClock clock = new MutableClock(Instant.now());
  private DynamoDbMessageLog log;
  private String run;

  @BeforeEach
  void log() {
    log = table.log(clock, RETENTION);
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void an_append_is_one_read_of_the_head_and_one_transaction_and_so_is_a_duplicate() {
    NewMessage hello = message("alice", "bob", "hello");

    assertThat(requestsOf(() -> log.append(hello))).isEqualTo(Map.of("GetItem", 1, "TransactWriteItems", 1));
    assertThat(requestsOf(() -> assertThat(log.append(hello)).isInstanceOfSatisfying(Appended.Stored.class,
        s -> assertThat(s.duplicate()).isTrue()))).isEqualTo(Map.of("GetItem", 1, "TransactWriteItems", 1));
    assertThat(requestsOf(() -> log.append(message("bob", "alice", "hi"))))
        .isEqualTo(Map.of("GetItem", 1, "TransactWriteItems", 1));
  }

  @Test
  void a_history_page_is_one_query_and_a_page_before_the_first_message_none() {
    for (int i = 1; i <= 7; i++) {
      send("alice", "bob", "m" + i);
    }

    assertThat(requestsOf(() -> assertThat(log.history(between("alice", "bob"), OptionalLong.empty(), 3).more())
        .isTrue())).isEqualTo(Map.of("Query", 1));
    assertThat(requestsOf(() -> assertThat(log.history(between("alice", "bob"), OptionalLong.of(4), 3).more())
        .isFalse())).isEqualTo(Map.of("Query", 1));
    assertThat(requestsOf(() -> log.history(between("alice", "bob"), OptionalLong.of(1), 3))).isEmpty();
  }

  @Test
  void the_oldest_page_is_one_query_though_expired_messages_wait_for_ttl_below_it() {
    for (int i = 1; i <= 5; i++) {
      send("alice", "bob", "old" + i);
    }
    clock.advance(RETENTION.minusHours(1));
    LoggedMessage fresh = send("alice", "bob", "fresh");
    clock.advance(Duration.ofHours(2));

    var page = log.history(between("alice", "bob"), OptionalLong.empty(), 3);
    assertThat(requests.counts()).isEqualTo(Map.of("Query", 1));
    assertThat(page.messages()).containsExactly(fresh);
    assertThat(page.more()).isFalse();
  }

  @Test
  void pending_is_one_query_of_the_entries_and_one_per_conversation_with_pending_messages() {
    send("alice", "bob", "a1");
    send("carol", "bob", "c1");
    LoggedMessage d1 = send("dave", "bob", "d1");
    log.advance(user("bob"), d1.conversation(), Cursor.DELIVERED, d1.position());

    assertThat(requestsOf(() -> assertThat(log.pending(user("bob"), 10).messages()).hasSize(2)))
        .isEqualTo(Map.of("Query", 3));
    assertThat(requestsOf(() -> assertThat(log.pending(user("erin"), 10).messages()).isEmpty()))
        .isEqualTo(Map.of("Query", 1));
  }

  @Test
  void replies_between_pending_messages_cost_further_pages_of_that_conversation() {
    send("alice", "bob", "first");
    for (int i = 0; i < 4; i++) {
      send("bob", "alice", "reply " + i);
    }
    send("alice", "bob", "second");

    // One page holds limit + 1 = 2 items, evaluated before the filter: first+reply0, reply1+reply2, reply3+second.
    assertThat(requestsOf(() -> assertThat(log.pending(user("bob"), 1).more()).isTrue()))
        .isEqualTo(Map.of("Query", 1 + 3));
  }

  @Test
  void find_and_cursors_are_one_get_and_advance_one_conditional_update_moved_or_not() {
    LoggedMessage m = send("alice", "bob", "hi");

    assertThat(requestsOf(() -> assertThat(log.find(m.conversation(), m.id())).contains(m)))
        .isEqualTo(Map.of("GetItem", 1));
    assertThat(requestsOf(() -> assertThat(log.advance(user("bob"), m.conversation(), Cursor.READ, 1)).isTrue()))
        .isEqualTo(Map.of("UpdateItem", 1));
    assertThat(requestsOf(() -> assertThat(log.advance(user("bob"), m.conversation(), Cursor.READ, 1)).isFalse()))
        .isEqualTo(Map.of("UpdateItem", 1));
    assertThat(requestsOf(() -> log.cursors(user("bob"), m.conversation()))).isEqualTo(Map.of("GetItem", 1));
  }

  @Test
  void a_live_delivery_is_one_conditional_update_moved_or_not() {
    LoggedMessage m1 = send("alice", "bob", "one");

    assertThat(requestsOf(() -> assertThat(log.deliveredLive(m1)).isTrue())).isEqualTo(Map.of("UpdateItem", 1));
    assertThat(requestsOf(() -> assertThat(log.deliveredLive(m1)).isFalse())).isEqualTo(Map.of("UpdateItem", 1));
    send("alice", "bob", "two");
    LoggedMessage m3 = send("alice", "bob", "three");
    assertThat(requestsOf(() -> assertThat(log.deliveredLive(m3)).isFalse())).isEqualTo(Map.of("UpdateItem", 1));
  }

  @Test
  void conversations_are_one_query_one_batch_get_and_one_count_per_conversation_with_unread_messages() {
    send("alice", "bob", "unread");
    LoggedMessage read = send("carol", "bob", "read");
    send("bob", "dave", "mine");
    log.advance(user("bob"), read.conversation(), Cursor.READ, read.position());

    assertThat(requestsOf(() -> assertThat(log.conversations(user("bob"), 10)).hasSize(3)))
        .isEqualTo(Map.of("Query", 2, "BatchGetItem", 1));
    assertThat(requestsOf(() -> assertThat(log.conversations(user("erin"), 10)).isEmpty()))
        .isEqualTo(Map.of("Query", 1));
  }

  @Test
  void a_missing_table_fails_every_operation_naming_the_table_and_the_variable() {
    var missing = new DynamoDbMessageLog(table.client(), "no-such-table-" + run, clock, RETENTION);
    Conversation c = between("alice", "bob");

    for (Executable operation : new Executable[] {
        () -> missing.append(message("alice", "bob", "hi")),
        () -> missing.history(c, OptionalLong.empty(), 10),
        () -> missing.pending(user("bob"), 10),
        () -> missing.find(c, MessageId.random()),
        () -> missing.cursors(user("bob"), c),
        () -> missing.advance(user("bob"), c, Cursor.READ, 1),
        () -> missing.deliveredLive(new LoggedMessage(MessageId.random(), user("alice"), user("bob"),
            new MessageText("hi"), clock.instant(), 1)),
        () -> missing.conversations(user("bob"), 10)}) {
      assertThatThrownBy(operation::execute)
          .isInstanceOf(MessageStoreException.class)
          .hasMessageContaining("'no-such-table-" + run + "'")
          .hasMessageContaining("MESSAGES_TABLE");
    }
  }

  private Map<String, Integer> requestsOf(Runnable operation) {
    requests.reset();
    operation.run();
    return requests.counts();
  }

  private LoggedMessage send(String from, String to, String text) {
    LoggedMessage sent = ((Appended.Stored) log.append(message(from, to, text))).message();
    requests.reset();
    return sent;
  }

  private NewMessage message(String from, String to, String text) {
    clock.advance(Duration.ofMillis(1));
    return new NewMessage(MessageId.random(), user(from), user(to), new MessageText(text), clock.instant());
  }

  private Conversation between(String a, String b) {
    return Conversation.between(user(a), user(b));
  }

  private UserId user(String name) {
    return new UserId(name + "-" + run);
  }
}
