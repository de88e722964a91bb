package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.adapter.redis.internal.KeyLayout;
import io.wschat.adapter.redis.internal.LogScripts;
import io.wschat.adapter.redis.internal.Retention;
import io.wschat.domain.fake.MutableClock;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog.Appended;
import io.wschat.domain.port.MessageLog.Cursor;
import io.wschat.domain.port.MessageLog.NewMessage;
import io.wschat.domain.port.MessageLog.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pending script merges conversations itself, to send back no more than a page: this holds its cut to the
 * port's one merge, {@link Page#oldestFirst}, through sentAt ties between conversations and sentAt running
 * backwards within one (writers with skewed clocks), one small page at a time, as sync reads it.
 */
class RedisPendingOrderIT {
  private static final Duration RETENTION = Duration.ofDays(30);
  private static final List<String> SENDERS = List.of("alice", "carol", "Dave", "erin", "ｆｒｅｄ");

  @RegisterExtension
  static final PooledServer REDIS = new PooledServer();

  @Test
  void sync_pages_follow_the_oldest_first_merge_exactly() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
      RedisMessageLog log = new RedisMessageLog(REDIS.pool(), "order-" + seed + ":", clock, RETENTION);
      UserId bob = new UserId("bob");
      Map<Conversation, List<LoggedMessage>> toBob = new LinkedHashMap<>();
      for (int i = 0; i < 80; i++) {
        clock.advance(Duration.ofMillis(random.nextInt(2))); // every other step is a tie
        UserId other = new UserId(SENDERS.get(random.nextInt(SENDERS.size())));
        boolean fromBob = random.nextInt(5) == 0;
        Instant sentAt = clock.instant().minusMillis(random.nextInt(4) == 0 ? 3 : 0);
        LoggedMessage m = ((Appended.Stored) log.append(new NewMessage(MessageId.random(), fromBob ? bob : other,
            fromBob ? other : bob, new MessageText("m" + i), sentAt))).message();
        if (!fromBob) {
          toBob.computeIfAbsent(m.conversation(), c -> new ArrayList<>()).add(m);
        }
      }

      while (!toBob.isEmpty()) {
        int limit = 1 + random.nextInt(7);
        Page expected = Page.oldestFirst(toBob.values(), limit);
        Page page = log.pending(bob, limit);
        assertThat(page).as("seed %d, limit %d", seed, limit).isEqualTo(expected);
        for (LoggedMessage m : page.messages()) {
          log.advance(bob, m.conversation(), Cursor.DELIVERED, m.position());
          toBob.get(m.conversation()).remove(m);
        }
        toBob.values().removeIf(List::isEmpty);
      }
      assertThat(log.pending(bob, 10)).isEqualTo(Page.EMPTY);
    }
  }

  @Test
  void the_reply_holds_at_most_one_message_more_than_the_page() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    String prefix = "bound:";
    RedisMessageLog log = new RedisMessageLog(REDIS.pool(), prefix, clock, RETENTION);
    UserId bob = new UserId("bob");
    for (int round = 0; round < 10; round++) {
      for (int sender = 0; sender < 30; sender++) {
        clock.advance(Duration.ofMillis(1));
        log.append(new NewMessage(MessageId.random(), new UserId("u" + sender), bob, new MessageText("hi"),
            clock.instant()));
      }
    }
    KeyLayout keys = new KeyLayout(prefix);

    for (int limit : new int[] {1, 5, 100}) {
      List<String> argv = new ArrayList<>(new Retention(RETENTION).cutoff(clock.instant()));
      argv.addAll(List.of(bob.value(), Integer.toString(limit), keys.conversationPrefix()));
      List<?> lists = (List<?>) LogScripts.PENDING.run(REDIS.pool().client(), List.of(keys.inbox(bob)), argv);

      int sent = lists.stream().mapToInt(l -> ((List<?>) l).size()).sum();
      assertThat(sent).as("entries sent for a page of %d out of 300 pending in 30 conversations", limit)
          .isEqualTo(limit + 1);
      assertThat(log.pending(bob, limit).messages()).hasSize(limit);
    }
  }
}
