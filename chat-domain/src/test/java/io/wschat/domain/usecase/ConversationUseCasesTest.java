package io.wschat.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.fake.RecordingMessageSender;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.fake.SimpleMessageLog;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.HistoryCursor;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.OutboundMessage.MessageDelivered;
import io.wschat.domain.model.OutboundMessage.MessagesRead;
import io.wschat.domain.model.OutboundMessage.PrivateMessage;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.MessageLog.Cursors;
import io.wschat.domain.port.RateLimiter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The use cases over a message log: what is kept, what sync delivers and acknowledges, what receipts go where. */
class ConversationUseCasesTest {
  static final UserId ALICE = new UserId("alice");
  static final UserId BOB = new UserId("bob");
  static final UserId CAROL = new UserId("carol");
  static final ConnectionId A1 = new ConnectionId("a1=");
  static final ConnectionId B1 = new ConnectionId("b1=");
  static final ConnectionId B2 = new ConnectionId("b2=");
  static final ConnectionId C1 = new ConnectionId("c1=");

  final SimpleConnectionRegistry registry = new SimpleConnectionRegistry();
  final SimpleMessageLog log = new SimpleMessageLog();
  final RecordingMessageSender sender = new RecordingMessageSender();
  final SendPrivateMessage send = new SendPrivateMessage(registry, log, RateLimiter.NONE, sender);
  final Sync sync = new Sync(registry, log, sender);
  final MarkRead markRead = new MarkRead(registry, log, sender);
  final GetHistory history = new GetHistory(registry, log);
  final RelayTyping typing = new RelayTyping(registry, sender);
  final ListConversations conversations = new ListConversations(registry, log);

  SendPrivateMessage.Result.Sent sent(ConnectionId from, UserId to, String text) {
    return (SendPrivateMessage.Result.Sent) send.handle(
        new SendPrivateMessage.Command(from, to, MessageLimit.DEFAULT.text(text)));
  }

  Sync.Result sync(ConnectionId connection) {
    return sync.handle(new Sync.Command(connection, Optional.empty()));
  }

  @Test
  void a_message_to_an_offline_user_is_kept_not_refused() {
    registry.register(A1, ALICE);

    var result = sent(A1, BOB, "are you there?");

    assertThat(result.deliveredTo()).isZero();
    assertThat(result.stored()).isTrue();
    assertThat(result.position()).hasValue(1);
    assertThat(log.pending(BOB, 10).messages()).extracting(m -> m.text().value()).containsExactly("are you there?");
    assertThat(sender.sent()).isEmpty();
  }

  @Test
  void a_live_delivery_carries_its_position_and_addressee() {
    registry.register(A1, ALICE);
    registry.register(B1, BOB);

    var result = sent(A1, BOB, "hi");

    assertThat(sender.sentTo(B1)).singleElement().isInstanceOfSatisfying(PrivateMessage.class, m -> {
      assertThat(m.toUserId()).isEqualTo(BOB);
      assertThat(m.position()).hasValue(1);
      assertThat(m.messageId()).isEqualTo(result.id());
    });
  }

  @Test
  void a_message_received_live_is_not_synced_again_and_counts_as_delivered() {
    registry.register(A1, ALICE);
    registry.register(B1, BOB);
    sent(A1, BOB, "live");
    sender.clear();

    assertThat(sync(B1)).isEqualTo(new Sync.Result.Synced(0, false));
    assertThat(sender.sent()).isEmpty();
    assertThat(log.cursors(BOB, Conversation.between(ALICE, BOB)).deliveredUpTo()).isEqualTo(1);
  }

  @Test
  void a_live_message_behind_one_still_pending_leaves_both_to_sync() {
    registry.register(A1, ALICE);
    sent(A1, BOB, "while away");
    registry.register(B1, BOB);
    sent(A1, BOB, "back");
    sender.clear();

    assertThat(sync(B1)).isEqualTo(new Sync.Result.Synced(2, false));
    assertThat(sender.sentTo(B1)).hasSize(2);
  }

  @Test
  void sync_delivers_what_is_pending_in_order_then_moves_the_cursor_and_tells_the_sender() {
    registry.register(A1, ALICE);
    registry.register(C1, CAROL);
    MessageId first = sent(A1, BOB, "one").id();
    MessageId second = sent(C1, BOB, "two").id();
    MessageId third = sent(A1, BOB, "three").id();
    registry.register(B1, BOB);

    assertThat(sync(B1)).isEqualTo(new Sync.Result.Synced(3, false));

    assertThat(sender.sentTo(B1)).extracting(m -> ((PrivateMessage) m).messageId()).containsExactly(first, second, third);
    assertThat(sender.sentTo(A1)).containsExactly(new MessageDelivered(first, BOB), new MessageDelivered(third, BOB));
    assertThat(sender.sentTo(C1)).containsExactly(new MessageDelivered(second, BOB));
    assertThat(log.pending(BOB, 10).messages()).isEmpty();
    sender.clear();
    assertThat(sync(B1)).as("a second sync finds nothing").isEqualTo(new Sync.Result.Synced(0, false));
    assertThat(sender.sent()).isEmpty();
  }

  @Test
  void sync_delivers_a_batch_and_says_more_remain() {
    registry.register(A1, ALICE);
    for (int i = 0; i < Sync.BATCH + 5; i++) {
      sent(A1, BOB, "m" + i);
    }
    registry.register(B1, BOB);

    assertThat(sync(B1)).isEqualTo(new Sync.Result.Synced(Sync.BATCH, true));
    assertThat(sync(B1)).isEqualTo(new Sync.Result.Synced(5, false));
    assertThat(sender.sentTo(B1)).hasSize(Sync.BATCH + 5);
  }

  @Test
  void a_caller_gone_mid_sync_marks_nothing_delivered_that_did_not_arrive() {
    registry.register(A1, ALICE);
    sent(A1, BOB, "lost?");
    registry.register(B1, BOB);
    sender.markGone(B1);

    assertThat(sync(B1)).isEqualTo(new Sync.Result.CallerGone(0));

    assertThat(log.pending(BOB, 10).messages()).hasSize(1);
    assertThat(registry.userOf(B1)).isEmpty();
    assertThat(sender.sentTo(A1)).as("no receipt for what never arrived").isEmpty();
  }

  @Test
  void a_busy_caller_mid_sync_keeps_its_connection_and_its_messages_pending() {
    registry.register(A1, ALICE);
    sent(A1, BOB, "later");
    registry.register(B1, BOB);
    sender.markBusy(B1);

    assertThat(sync(B1)).isEqualTo(new Sync.Result.CallerGone(0));

    assertThat(log.pending(BOB, 10).messages()).hasSize(1);
    assertThat(registry.userOf(B1)).as("busy is not gone").contains(BOB);
    assertThat(sender.sentTo(A1)).as("no receipt for what never arrived").isEmpty();
  }

  @Test
  void an_unregistered_caller_cannot_sync_read_or_list() {
    assertThat(sync(B1)).isEqualTo(new Sync.Result.Rejected(Rejection.NOT_REGISTERED));
    assertThat(history.handle(new GetHistory.Command(B1, Optional.empty(), ALICE, Optional.empty(), 10)))
        .isEqualTo(new GetHistory.Result.Rejected(Rejection.NOT_REGISTERED));
    assertThat(conversations.handle(new ListConversations.Command(B1, Optional.empty())))
        .isEqualTo(new ListConversations.Result.Rejected(Rejection.NOT_REGISTERED));
  }

  @Test
  void mark_read_moves_both_cursors_once_and_sends_one_read_receipt_to_every_connection_of_the_sender() {
    registry.register(A1, ALICE);
    registry.register(new ConnectionId("a2="), ALICE);
    registry.register(B1, BOB);
    MessageId id = sent(A1, BOB, "read me").id();
    sender.clear();

    var first = markRead.handle(new MarkRead.Command(B1, Optional.empty(), ALICE, id));
    var again = markRead.handle(new MarkRead.Command(B1, Optional.empty(), ALICE, id));

    assertThat(first).isEqualTo(new MarkRead.Result.Marked(ALICE, id, 1, true));
    assertThat(again).isEqualTo(new MarkRead.Result.Marked(ALICE, id, 1, false));
    assertThat(sender.sent()).hasSize(2).allSatisfy(s -> assertThat(s.message()).isEqualTo(new MessagesRead(BOB, id)));
    assertThat(log.cursors(BOB, Conversation.between(ALICE, BOB))).isEqualTo(new Cursors(1, 1));
  }

  @Test
  void mark_read_refuses_a_message_that_is_not_one_the_caller_received_from_that_user() {
    registry.register(A1, ALICE);
    registry.register(B1, BOB);
    registry.register(C1, CAROL);
    MessageId mine = sent(B1, ALICE, "bob's own").id();
    MessageId carols = sent(C1, BOB, "from carol").id();
    sender.clear();

    for (MessageId id : List.of(mine, carols, new MessageId("no-such-id"))) {
      assertThat(markRead.handle(new MarkRead.Command(B1, Optional.empty(), ALICE, id)))
          .isEqualTo(new MarkRead.Result.Rejected(Rejection.UNKNOWN_MESSAGE));
    }
    assertThat(sender.sent()).isEmpty();
    assertThat(log.cursors(BOB, Conversation.between(ALICE, BOB))).isEqualTo(Cursors.NONE);
  }

  @Test
  void history_pages_the_callers_own_conversation_and_shows_the_other_sides_cursors() {
    registry.register(A1, ALICE);
    registry.register(B1, BOB);
    for (int i = 1; i <= 3; i++) {
      sent(A1, BOB, "m" + i);
    }
    MessageId last = log.history(Conversation.between(ALICE, BOB), OptionalLong.empty(), 1).messages().get(0).id();
    markRead.handle(new MarkRead.Command(B1, Optional.empty(), ALICE, last));

    var page = (GetHistory.Result.History) history.handle(
        new GetHistory.Command(A1, Optional.empty(), BOB, Optional.empty(), 2));
    var older = (GetHistory.Result.History) history.handle(
        new GetHistory.Command(A1, Optional.empty(), BOB, page.next(), 2));

    assertThat(page.messages()).extracting(m -> m.text().value()).containsExactly("m3", "m2");
    assertThat(page.next()).contains(new HistoryCursor(Conversation.between(ALICE, BOB), 2));
    assertThat(page.theirs()).isEqualTo(new Cursors(3, 3));
    assertThat(older.messages()).extracting(m -> m.text().value()).containsExactly("m1");
    assertThat(older.next()).isEmpty();
  }

  @Test
  void a_cursor_from_another_conversation_is_refused_and_a_foreign_one_forbidden() {
    registry.register(A1, ALICE);
    HistoryCursor alicesWithCarol = new HistoryCursor(Conversation.between(ALICE, CAROL), 5);
    HistoryCursor bobsWithCarol = new HistoryCursor(Conversation.between(BOB, CAROL), 5);

    assertThat(history.handle(new GetHistory.Command(A1, Optional.empty(), BOB, Optional.of(alicesWithCarol), 10)))
        .isEqualTo(new GetHistory.Result.Rejected(Rejection.CURSOR_OF_ANOTHER_CONVERSATION));
    assertThat(history.handle(new GetHistory.Command(A1, Optional.empty(), BOB, Optional.of(bobsWithCarol), 10)))
        .isEqualTo(new GetHistory.Result.Rejected(Rejection.NOT_A_PARTICIPANT));
  }

  @Test
  void the_caller_is_the_verified_user_whoever_the_connection_claims_to_be() {
    registry.register(C1, CAROL);
    sent(C1, BOB, "for bob only");

    var asAlice = (GetHistory.Result.History) history.handle(
        new GetHistory.Command(C1, Optional.of(ALICE), BOB, Optional.empty(), 10));

    assertThat(asAlice.messages()).as("alice's conversation with bob, not carol's").isEmpty();
  }

  @Test
  void typing_reaches_live_connections_only_and_stores_nothing() {
    registry.register(A1, ALICE);
    registry.register(B1, BOB);
    registry.register(B2, BOB);

    var relayed = typing.handle(new RelayTyping.Command(A1, Optional.empty(), BOB));
    var offline = typing.handle(new RelayTyping.Command(A1, Optional.empty(), CAROL));

    assertThat(relayed).isEqualTo(new RelayTyping.Result.Relayed(BOB, 2));
    assertThat(offline).isEqualTo(new RelayTyping.Result.Relayed(CAROL, 0));
    assertThat(sender.sent()).extracting(RecordingMessageSender.Sent::message)
        .containsOnly(new OutboundMessage.Typing(ALICE));
    assertThat(log.conversations(ALICE, 10)).isEmpty();
  }

  @Test
  void conversations_list_the_callers_own_with_unread_counts() {
    registry.register(A1, ALICE);
    registry.register(C1, CAROL);
    registry.register(B1, BOB);
    sent(A1, BOB, "a");
    sent(C1, BOB, "c1");
    sent(C1, BOB, "c2");

    var list = (ListConversations.Result.Conversations) conversations.handle(
        new ListConversations.Command(B1, Optional.empty()));

    assertThat(list.conversations()).extracting(MessageLog.ConversationSummary::with, MessageLog.ConversationSummary::unread)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(CAROL, 2), org.assertj.core.groups.Tuple.tuple(ALICE, 1));
  }

  @Test
  void a_duplicate_append_is_acknowledged_without_a_second_delivery() {
    registry.register(A1, ALICE);
    registry.register(B1, BOB);
    MessageId id = new MessageId("retried");
    SendPrivateMessage fixedId =
        new SendPrivateMessage(registry, log, RateLimiter.NONE, sender, java.time.Clock.systemUTC(), () -> id);
    fixedId.handle(new SendPrivateMessage.Command(A1, BOB, MessageLimit.DEFAULT.text("once")));

    var again = fixedId.handle(new SendPrivateMessage.Command(A1, BOB, MessageLimit.DEFAULT.text("once")));

    assertThat(again).isEqualTo(new SendPrivateMessage.Result.Sent(id, BOB, 0, true, OptionalLong.of(1)));
    assertThat(sender.sentTo(B1)).hasSize(1);
    List<LoggedMessage> kept = log.history(Conversation.between(ALICE, BOB), OptionalLong.empty(), 10).messages();
    assertThat(kept).hasSize(1);
  }
}
