package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.fake.MutableClock;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog.Appended;
import io.wschat.domain.port.MessageLog.Cursor;
import io.wschat.domain.port.MessageLog.NewMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Retention reaches Redis itself: every key the log writes carries an expiry, expired entries are trimmed as new
 * ones arrive, and once the retention has passed on the server's clock nothing is left behind.
 */
class RedisMessageLogExpiryIT {
  private static final UserId ALICE = new UserId("alice");
  private static final UserId BOB = new UserId("bob");
  private static final UserId CAROL = new UserId("carol");

  @RegisterExtension
  static final PooledServer REDIS = new PooledServer();

  private final Jedis admin = REDIS.admin();

  @Test
  void every_key_expires_with_the_retention_and_then_nothing_is_left() {
    Duration retention = Duration.ofSeconds(2);
    String prefix = "expiry-all:";
    RedisMessageLog log = new RedisMessageLog(REDIS.pool(), prefix, Clock.systemUTC(), retention);
    append(log, ALICE, BOB, Instant.now(), "hi");
    log.advance(CAROL, Conversation.between(CAROL, BOB), Cursor.READ, 3); // a cursor alone, no message yet

    assertThat(admin.keys(prefix + "*")).containsExactlyInAnyOrder(
        prefix + "conv:{alice|bob}", prefix + "conv:{alice|bob}:log", prefix + "u:{alice}:convs",
        prefix + "u:{bob}:convs", prefix + "u:{bob}:inbox", prefix + "conv:{bob|carol}");
    for (String key : admin.keys(prefix + "*")) {
      assertThat(admin.pttl(key)).as("%s expires within the retention", key).isBetween(1L, retention.toMillis());
    }

    // Expiry is the behaviour under test: every key goes, and nothing is left behind.
    Eventually.await("every key expired", retention.multipliedBy(2), () -> admin.keys(prefix + "*").isEmpty());
  }

  @Test
  void an_append_trims_what_has_expired_and_renews_what_it_touches() {
    Duration retention = Duration.ofDays(1);
    String prefix = "expiry-trim:";
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    RedisMessageLog log = new RedisMessageLog(REDIS.pool(), prefix, clock, retention);
    LoggedMessage old = append(log, ALICE, BOB, clock.instant(), "old");
    append(log, CAROL, BOB, clock.instant(), "old too");

    clock.advance(Duration.ofDays(2));
    LoggedMessage recent = append(log, ALICE, BOB, clock.instant(), "recent");

    String conversation = prefix + "conv:{alice|bob}";
    assertThat(admin.zrange(conversation + ":log", 0, -1)).as("the expired entry is gone, not only hidden")
        .singleElement().satisfies(entry -> assertThat(entry).startsWith("2|").endsWith("|recent"));
    assertThat(admin.hkeys(conversation)).as("bob's last two incoming positions stay, the expired one too")
        .containsExactlyInAnyOrder("seq", "i:" + recent.id(), "li:bob", "pi:bob");
    assertThat(admin.hget(conversation, "i:" + old.id())).isNull();
    assertThat(admin.zrange(prefix + "u:{bob}:inbox", 0, -1)).as("carol's expired conversation left bob's index")
        .containsExactly("alice|bob");
    assertThat(admin.zrange(prefix + "u:{bob}:convs", 0, -1)).containsExactly("alice|bob");
    assertThat(admin.zrange(prefix + "u:{carol}:convs", 0, -1)).as("trimmed only when carol's index is written")
        .containsExactly("bob|carol");
    for (String key : new String[] {conversation, conversation + ":log", prefix + "u:{bob}:inbox"}) {
      assertThat(admin.pttl(key)).as("%s renewed for a whole retention", key)
          .isBetween(retention.toMillis() - 5_000, retention.toMillis());
    }
    assertThat(log.history(recent.conversation(), OptionalLong.empty(), 10).messages()).containsExactly(recent);
  }

  private static LoggedMessage append(RedisMessageLog log, UserId from, UserId to, Instant sentAt, String text) {
    Appended appended = log.append(new NewMessage(MessageId.random(), from, to, new MessageText(text), sentAt));
    return ((Appended.Stored) appended).message();
  }
}
