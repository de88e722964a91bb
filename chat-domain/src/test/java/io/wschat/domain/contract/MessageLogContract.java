package io.wschat.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.domain.fake.MutableClock;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.MessageLog.Appended;
import io.wschat.domain.port.MessageLog.ConversationSummary;
import io.wschat.domain.port.MessageLog.Cursor;
import io.wschat.domain.port.MessageLog.Cursors;
import io.wschat.domain.port.MessageLog.NewMessage;
import io.wschat.domain.port.MessageLog.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageLog} must do. An adapter's test extends this class and supplies a log. User ids are
 * unique per test, so a store shared between tests (one table, one Redis) needs no cleanup between them.
 */
public abstract class MessageLogContract {
  protected static final Duration RETENTION = Duration.ofDays(30);

  /** A log over the adapter's store, reading time from {@code clock} and keeping messages for {@code retention}. */
  protected abstract MessageLog log(Clock clock, Duration retention);

  /** How much work the concurrency tests do: 1.0 for in-memory stores; less for stores with slow round trips. */
  protected double concurrencyScale() {
    return 1.0;
  }

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private MessageLog log;
  private String run;

  @BeforeEach
  void newRun() {
    log = log(clock, RETENTION);
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  protected UserId user(String name) {
    return new UserId(name + "-" + run);
  }

  private LoggedMessage send(String from, String to, String text) {
    return stored(log.append(message(MessageId.random(), from, to, text)));
  }

  private NewMessage message(MessageId id, String from, String to, String text) {
    clock.advance(Duration.ofMillis(1)); // distinct sentAt, as on a real clock
    return new NewMessage(id, user(from), user(to), new MessageText(text), clock.instant());
  }

  private static LoggedMessage stored(Appended appended) {
    assertThat(appended).isInstanceOf(Appended.Stored.class);
    return ((Appended.Stored) appended).message();
  }

  private Conversation between(String a, String b) {
    return Conversation.between(user(a), user(b));
  }

  private static List<String> texts(Page page) {
    return page.messages().stream().map(m -> m.text().value()).toList();
  }

  // --- append ---

  @Test
  void an_appended_message_is_kept_as_sent_with_the_first_position() {
    NewMessage sent = message(MessageId.random(), "alice", "bob", "hello");

    LoggedMessage kept = stored(log.append(sent));

    assertThat(kept).isEqualTo(new LoggedMessage(sent.id(), sent.from(), sent.to(), sent.text(), sent.sentAt(), 1));
    assertThat(log.history(between("alice", "bob"), OptionalLong.empty(), 10).messages()).containsExactly(kept);
    assertThat(log.find(between("bob", "alice"), sent.id())).contains(kept);
  }

  @Test
  void positions_rise_with_every_message_whichever_side_sends_it() {
    long first = send("alice", "bob", "1").position();
    long second = send("bob", "alice", "2").position();
    long third = send("alice", "bob", "3").position();

    assertThat(first).isLessThan(second);
    assertThat(second).isLessThan(third);
  }

  @Test
  void appending_the_same_id_twice_stores_one_message_and_answers_the_first() {
    MessageId id = MessageId.random();
    LoggedMessage first = stored(log.append(message(id, "alice", "bob", "once")));

    Appended again = log.append(message(id, "alice", "bob", "once, retried"));

    assertThat(again).isEqualTo(new Appended.Stored(first, true));
    assertThat(texts(log.history(between("alice", "bob"), OptionalLong.empty(), 10))).containsExactly("once");
    assertThat(log.pending(user("bob"), 10).messages()).containsExactly(first);
  }

  @Test
  void a_fresh_append_is_not_a_duplicate() {
    assertThat(log.append(message(MessageId.random(), "alice", "bob", "hi")))
        .isInstanceOfSatisfying(Appended.Stored.class, s -> assertThat(s.duplicate()).isFalse());
  }

  @Test
  void a_user_may_write_to_themselves() {
    LoggedMessage note = send("alice", "alice", "note to self");

    assertThat(log.history(between("alice", "alice"), OptionalLong.empty(), 10).messages()).containsExactly(note);
  }

  @Test
  void racing_appends_from_both_sides_never_share_a_position_and_none_disappears() throws Exception {
    int perSide = Math.max(10, (int) (100 * concurrencyScale()));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<LoggedMessage>>> sides = new ArrayList<>();
    for (String[] side : new String[][] {{"alice", "bob"}, {"bob", "alice"}, {"alice", "bob"}, {"bob", "alice"}}) {
      sides.add(pool.submit(() -> {
        start.await();
        List<LoggedMessage> mine = new ArrayList<>();
        for (int i = 0; i < perSide; i++) {
          mine.add(stored(log.append(new NewMessage(MessageId.random(), user(side[0]), user(side[1]),
              new MessageText(side[0] + " " + i), clock.instant()))));
        }
        return mine;
      }));
    }
    start.countDown();
    List<LoggedMessage> all = new ArrayList<>();
    for (Future<List<LoggedMessage>> side : sides) {
      List<LoggedMessage> mine = side.get(2, TimeUnit.MINUTES);
      // One writer's messages keep the order it wrote them in.
      assertThat(mine).extracting(LoggedMessage::position).isSorted().doesNotHaveDuplicates();
      all.addAll(mine);
    }
    pool.shutdown();

    assertThat(all).extracting(LoggedMessage::position).doesNotHaveDuplicates();
    List<LoggedMessage> history = readAll(between("alice", "bob"), 100);
    assertThat(history).hasSize(4 * perSide).containsExactlyInAnyOrderElementsOf(all);
    assertThat(history).extracting(LoggedMessage::position).isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  /**
   * The property sync relies on: a reader that takes what is pending and moves the delivered cursor up to the last
   * position it saw never skips a message, however appends race with it.
   */
  @Test
  void a_reader_advancing_its_cursor_while_messages_race_in_never_skips_one() throws Exception {
    int perWriter = Math.max(10, (int) (60 * concurrencyScale()));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    Set<MessageId> written = ConcurrentHashMap.newKeySet();
    List<Future<?>> writers = new ArrayList<>();
    for (String from : List.of("alice", "carol")) {
      writers.add(pool.submit(() -> {
        for (int i = 0; i < perWriter; i++) {
          written.add(stored(log.append(new NewMessage(MessageId.random(), user(from), user("bob"),
              new MessageText(from + " " + i), clock.instant()))).id());
        }
        return null;
      }));
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    Set<MessageId> seen = new HashSet<>();
    Future<?> reader = pool.submit(() -> syncBob(writing, seen));
    for (Future<?> writer : writers) {
      writer.get(2, TimeUnit.MINUTES);
    }
    writing.set(false);
    reader.get(2, TimeUnit.MINUTES);
    pool.shutdown();

    assertThat(seen).hasSize(2 * perWriter).isEqualTo(written);
  }

  // --- live deliveries ---

  @Test
  void a_live_delivery_with_nothing_pending_before_it_moves_the_delivered_cursor() {
    LoggedMessage m = send("alice", "bob", "seen live");

    assertThat(log.deliveredLive(m)).isTrue();

    assertThat(log.cursors(user("bob"), m.conversation())).isEqualTo(new Cursors(m.position(), 0));
    assertThat(log.pending(user("bob"), 10)).isEqualTo(Page.EMPTY);
  }

  @Test
  void an_earlier_message_still_pending_holds_a_live_delivery_back() {
    LoggedMessage offline = send("alice", "bob", "while away");
    LoggedMessage live = send("alice", "bob", "back again");

    assertThat(log.deliveredLive(live)).isFalse();

    assertThat(log.cursors(user("bob"), live.conversation())).isEqualTo(Cursors.NONE);
    assertThat(log.pending(user("bob"), 10).messages()).containsExactly(offline, live);
  }

  @Test
  void once_the_earlier_ones_are_delivered_a_live_delivery_moves_the_cursor() {
    LoggedMessage offline = send("alice", "bob", "while away");
    log.advance(user("bob"), offline.conversation(), Cursor.DELIVERED, offline.position());
    LoggedMessage live = send("alice", "bob", "back again");

    assertThat(log.deliveredLive(live)).isTrue();
    assertThat(log.cursors(user("bob"), live.conversation()).deliveredUpTo()).isEqualTo(live.position());
  }

  @Test
  void the_recipients_own_messages_never_hold_a_live_delivery_back() {
    LoggedMessage first = send("alice", "bob", "hi");
    assertThat(log.deliveredLive(first)).isTrue();
    LoggedMessage reply = send("bob", "alice", "hi yourself");
    assertThat(log.deliveredLive(reply)).isTrue();
    LoggedMessage next = send("alice", "bob", "how are you?");

    assertThat(log.deliveredLive(next)).isTrue();

    assertThat(log.cursors(user("bob"), next.conversation()).deliveredUpTo()).isEqualTo(next.position());
    assertThat(log.cursors(user("alice"), next.conversation()).deliveredUpTo()).isEqualTo(reply.position());
  }

  @Test
  void a_live_delivery_never_moves_a_cursor_back() {
    LoggedMessage m1 = send("alice", "bob", "one");
    LoggedMessage m2 = send("alice", "bob", "two");
    log.advance(user("bob"), m2.conversation(), Cursor.DELIVERED, m2.position());

    assertThat(log.deliveredLive(m1)).isFalse();
    assertThat(log.cursors(user("bob"), m1.conversation()).deliveredUpTo()).isEqualTo(m2.position());
  }

  /** Live deliveries racing a syncing reader: every message reaches the reader or was delivered live, none is lost. */
  @Test
  void live_deliveries_racing_a_sync_never_make_it_skip_a_message() throws Exception {
    int perWriter = Math.max(10, (int) (60 * concurrencyScale()));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    Set<MessageId> written = ConcurrentHashMap.newKeySet();
    Set<MessageId> live = ConcurrentHashMap.newKeySet();
    List<Future<?>> writers = new ArrayList<>();
    for (String from : List.of("alice", "carol")) {
      writers.add(pool.submit(() -> {
        for (int i = 0; i < perWriter; i++) {
          LoggedMessage m = stored(log.append(new NewMessage(MessageId.random(), user(from), user("bob"),
              new MessageText(from + " " + i), clock.instant())));
          written.add(m.id());
          if (i % 3 != 0 && log.deliveredLive(m)) { // two in three reach a live connection
            live.add(m.id());
          }
        }
        return null;
      }));
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    Set<MessageId> seen = ConcurrentHashMap.newKeySet();
    Future<?> reader = pool.submit(() -> syncBob(writing, seen));
    for (Future<?> writer : writers) {
      writer.get(2, TimeUnit.MINUTES);
    }
    writing.set(false);
    reader.get(2, TimeUnit.MINUTES);
    pool.shutdown();

    Set<MessageId> reached = new HashSet<>(seen);
    reached.addAll(live);
    assertThat(reached).isEqualTo(written);
  }

  // --- history pages ---

  @Test
  void an_empty_conversation_is_an_empty_last_page() {
    Page page = log.history(between("alice", "bob"), OptionalLong.empty(), 50);

    assertThat(page.messages()).isEmpty();
    assertThat(page.more()).isFalse();
  }

  @Test
  void a_page_holding_exactly_every_message_says_there_is_no_more() {
    for (int i = 1; i <= 5; i++) {
      send("alice", "bob", "m" + i);
    }

    Page page = log.history(between("alice", "bob"), OptionalLong.empty(), 5);

    assertThat(texts(page)).containsExactly("m5", "m4", "m3", "m2", "m1");
    assertThat(page.more()).isFalse();
  }

  @Test
  void pages_walk_back_from_the_newest_to_the_oldest_and_the_last_says_so() {
    for (int i = 1; i <= 7; i++) {
      send(i % 2 == 0 ? "bob" : "alice", i % 2 == 0 ? "alice" : "bob", "m" + i);
    }
    Conversation c = between("alice", "bob");

    Page first = log.history(c, OptionalLong.empty(), 3);
    Page second = log.history(c, OptionalLong.of(last(first).position()), 3);
    Page third = log.history(c, OptionalLong.of(last(second).position()), 3);

    assertThat(texts(first)).containsExactly("m7", "m6", "m5");
    assertThat(first.more()).isTrue();
    assertThat(texts(second)).containsExactly("m4", "m3", "m2");
    assertThat(second.more()).isTrue();
    assertThat(texts(third)).containsExactly("m1");
    assertThat(third.more()).isFalse();
  }

  @Test
  void before_is_exclusive_and_before_the_first_message_is_empty() {
    LoggedMessage m1 = send("alice", "bob", "m1");
    LoggedMessage m2 = send("alice", "bob", "m2");
    Conversation c = between("alice", "bob");

    assertThat(log.history(c, OptionalLong.of(m2.position()), 10).messages()).containsExactly(m1);
    Page none = log.history(c, OptionalLong.of(m1.position()), 10);
    assertThat(none.messages()).isEmpty();
    assertThat(none.more()).isFalse();
  }

  @Test
  void a_page_size_outside_1_to_100_is_refused() {
    Conversation c = between("alice", "bob");

    assertThatThrownBy(() -> log.history(c, OptionalLong.empty(), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.history(c, OptionalLong.empty(), MessageLog.MAX_PAGE + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.pending(user("bob"), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(log.history(c, OptionalLong.empty(), MessageLog.MAX_PAGE).messages()).isEmpty();
  }

  // --- pending ---

  @Test
  void pending_holds_the_messages_to_a_user_past_the_delivered_cursor_oldest_first_across_conversations() {
    send("alice", "bob", "a1");
    send("carol", "bob", "c1");
    send("bob", "alice", "from bob, not pending for him");
    send("alice", "bob", "a2");
    send("carol", "dave", "not bob's");

    assertThat(texts(log.pending(user("bob"), 10))).containsExactly("a1", "c1", "a2");
    assertThat(texts(log.pending(user("alice"), 10))).containsExactly("from bob, not pending for him");
  }

  @Test
  void advancing_the_delivered_cursor_removes_what_it_passes_from_pending() {
    LoggedMessage a1 = send("alice", "bob", "a1");
    send("carol", "bob", "c1");
    send("alice", "bob", "a2");

    assertThat(log.advance(user("bob"), a1.conversation(), Cursor.DELIVERED, a1.position())).isTrue();

    assertThat(texts(log.pending(user("bob"), 10))).containsExactly("c1", "a2");
    assertThat(log.cursors(user("bob"), a1.conversation())).isEqualTo(new Cursors(a1.position(), 0));
  }

  @Test
  void pending_pages_say_when_more_remain() {
    for (int i = 1; i <= 5; i++) {
      send("alice", "bob", "m" + i);
    }

    Page first = log.pending(user("bob"), 3);
    Page exact = log.pending(user("bob"), 5);

    assertThat(texts(first)).containsExactly("m1", "m2", "m3");
    assertThat(first.more()).isTrue();
    assertThat(exact.messages()).hasSize(5);
    assertThat(exact.more()).isFalse();
    assertThat(log.pending(user("nobody"), 3)).isEqualTo(Page.EMPTY);
  }

  @Test
  void the_read_cursor_does_not_hide_pending_messages() {
    LoggedMessage m = send("alice", "bob", "read elsewhere, never synced");

    log.advance(user("bob"), m.conversation(), Cursor.READ, m.position());

    assertThat(log.pending(user("bob"), 10).messages()).containsExactly(m);
  }

  // --- cursors ---

  @Test
  void cursors_start_at_zero_and_only_move_forward() {
    Conversation c = between("alice", "bob");
    assertThat(log.cursors(user("bob"), c)).isEqualTo(Cursors.NONE);

    assertThat(log.advance(user("bob"), c, Cursor.READ, 5)).isTrue();
    assertThat(log.advance(user("bob"), c, Cursor.READ, 3)).isFalse();
    assertThat(log.advance(user("bob"), c, Cursor.READ, 5)).isFalse();
    assertThat(log.advance(user("bob"), c, Cursor.DELIVERED, 2)).isTrue();

    assertThat(log.cursors(user("bob"), c)).isEqualTo(new Cursors(2, 5));
    assertThat(log.cursors(user("alice"), c)).isEqualTo(Cursors.NONE);
  }

  @Test
  void racing_cursor_updates_end_at_the_highest_and_never_go_back() throws Exception {
    Conversation c = between("alice", "bob");
    int updates = Math.max(20, (int) (200 * concurrencyScale()));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Long>> highest = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      highest.add(pool.submit(() -> {
        long max = 0;
        long observed = 0;
        for (int i = 0; i < updates; i++) {
          long position = ThreadLocalRandom.current().nextLong(1, 10_000);
          log.advance(user("bob"), c, Cursor.DELIVERED, position);
          max = Math.max(max, position);
          long now = log.cursors(user("bob"), c).deliveredUpTo();
          assertThat(now).isGreaterThanOrEqualTo(Math.max(observed, position));
          observed = now;
        }
        return max;
      }));
    }
    long max = 0;
    for (Future<Long> f : highest) {
      max = Math.max(max, f.get(2, TimeUnit.MINUTES));
    }
    pool.shutdown();

    assertThat(log.cursors(user("bob"), c).deliveredUpTo()).isEqualTo(max);
  }

  // --- retention ---

  @Test
  void expired_messages_are_never_returned_even_before_the_store_deletes_them() {
    LoggedMessage old = send("alice", "bob", "old");
    clock.advance(RETENTION.minusHours(1));
    LoggedMessage recent = send("alice", "bob", "recent");
    clock.advance(Duration.ofHours(2)); // "old" is past its retention; "recent" is not

    Conversation c = old.conversation();
    assertThat(log.history(c, OptionalLong.empty(), 10).messages()).containsExactly(recent);
    assertThat(log.history(c, OptionalLong.of(recent.position()), 10)).isEqualTo(Page.EMPTY);
    assertThat(log.pending(user("bob"), 10).messages()).containsExactly(recent);
    assertThat(log.find(c, old.id())).isEmpty();
    assertThat(log.find(c, recent.id())).contains(recent);
    assertThat(log.conversations(user("bob"), 10)).singleElement()
        .satisfies(s -> assertThat(s.last()).isEqualTo(recent));

    clock.advance(RETENTION);
    assertThat(log.history(c, OptionalLong.empty(), 10)).isEqualTo(Page.EMPTY);
    assertThat(log.pending(user("bob"), 10)).isEqualTo(Page.EMPTY);
    assertThat(log.conversations(user("bob"), 10)).isEmpty();
  }

  @Test
  void a_conversation_goes_on_after_its_messages_expired() {
    LoggedMessage old = send("alice", "bob", "old");
    clock.advance(RETENTION.plusDays(1));

    LoggedMessage next = send("bob", "alice", "new");

    assertThat(next.position()).isGreaterThan(old.position());
    assertThat(log.history(next.conversation(), OptionalLong.empty(), 10).messages()).containsExactly(next);
  }

  // --- privacy ---

  @Test
  void a_user_never_sees_another_conversation() {
    send("alice", "bob", "for bob");
    LoggedMessage toCarol = send("alice", "carol", "for carol");
    send("dave", "carol", "between others");

    assertThat(texts(log.history(between("alice", "bob"), OptionalLong.empty(), 10))).containsExactly("for bob");
    assertThat(texts(log.pending(user("bob"), 10))).containsExactly("for bob");
    assertThat(log.find(between("alice", "bob"), toCarol.id())).isEmpty();
    assertThat(log.conversations(user("bob"), 10)).extracting(ConversationSummary::with)
        .containsExactly(user("alice"));
  }

  @Test
  void similar_user_ids_do_not_share_a_conversation() {
    // "a|b" + "c" and "a" + "b|c" would collide in a careless key; user ids cannot hold the separator, but
    // prefixes can still meet: "al" + "ice-x" is not "alice" + "-x".
    send("al", "ice", "one");
    send("alice", "x", "two");

    assertThat(texts(log.history(between("al", "ice"), OptionalLong.empty(), 10))).containsExactly("one");
    assertThat(texts(log.history(between("alice", "x"), OptionalLong.empty(), 10))).containsExactly("two");
  }

  // --- conversations ---

  @Test
  void conversations_come_most_recent_first_with_the_last_message_cursors_and_unread_count() {
    send("alice", "bob", "a1");
    LoggedMessage a2 = send("alice", "bob", "a2");
    LoggedMessage c1 = send("carol", "bob", "c1");
    LoggedMessage mine = send("bob", "alice", "reply");
    log.advance(user("bob"), a2.conversation(), Cursor.READ, a2.position());
    log.advance(user("bob"), a2.conversation(), Cursor.DELIVERED, a2.position());

    List<ConversationSummary> bobs = log.conversations(user("bob"), 10);

    assertThat(bobs).containsExactly(
        new ConversationSummary(user("alice"), mine, new Cursors(a2.position(), a2.position()), 0),
        new ConversationSummary(user("carol"), c1, Cursors.NONE, 1));
    assertThat(log.conversations(user("alice"), 10)).singleElement()
        .satisfies(s -> assertThat(s.unread()).isEqualTo(1));
    assertThat(log.conversations(user("bob"), 1)).extracting(ConversationSummary::with)
        .containsExactly(user("alice"));
  }

  @Test
  void unread_counts_stop_at_the_cap() {
    for (int i = 0; i < MessageLog.UNREAD_CAP + 3; i++) {
      send("alice", "bob", "m" + i);
    }

    assertThat(log.conversations(user("bob"), 10)).singleElement()
        .satisfies(s -> assertThat(s.unread()).isEqualTo(MessageLog.UNREAD_CAP));
  }

  @Test
  void a_user_with_no_conversations_has_none() {
    assertThat(log.conversations(user("nobody"), 10)).isEmpty();
  }

  // --- helpers ---

  /**
   * Syncs bob as a client does (take what is pending, move the delivered cursor to each message seen) until the
   * writers are done and two rounds in a row find nothing; {@code seen} collects every message it took.
   */
  private Void syncBob(AtomicBoolean writing, Set<MessageId> seen) {
    boolean lastRound = false;
    while (true) {
      boolean done = !writing.get();
      Page page = log.pending(user("bob"), 7);
      for (LoggedMessage m : page.messages()) {
        seen.add(m.id());
        log.advance(user("bob"), m.conversation(), Cursor.DELIVERED, m.position());
      }
      if (done && page.messages().isEmpty()) {
        if (lastRound) {
          return null;
        }
        lastRound = true;
      }
    }
  }

  private List<LoggedMessage> readAll(Conversation c, int pageSize) {
    List<LoggedMessage> all = new ArrayList<>();
    OptionalLong before = OptionalLong.empty();
    while (true) {
      Page page = log.history(c, before, pageSize);
      all.addAll(page.messages());
      if (!page.more()) {
        return all;
      }
      before = OptionalLong.of(last(page).position());
    }
  }

  private static LoggedMessage last(Page page) {
    return page.messages().get(page.messages().size() - 1);
  }
}
