package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog.Appended;
import io.wschat.domain.port.MessageLog.Cursor;
import io.wschat.domain.port.MessageLog.Cursors;
import io.wschat.domain.port.MessageLog.NewMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The message log's round-trip budget, and every command behind each operation, from the server's own books. */
class RedisMessageLogRoundTripIT {
  private static final String[] APPEND = {"evalsha", "hget", "zrange", "hincrby", "zadd", "hget", "hset",
      "zadd", "zremrangebyscore", "zadd", "zremrangebyscore", "zadd", "zremrangebyscore",
      "pttl", "pexpire", "pttl", "pexpire", "pttl", "pexpire", "pttl", "pexpire", "pttl", "pexpire"};

  private static ServerBooks books;
  private static RedisMessageLog log;

  @BeforeAll
  static void start() {
    books = new ServerBooks();
    log = RedisMessageLog.create(RedisSettings.fromUrl(books.url()), Clock.systemUTC(), Duration.ofDays(30));
    warmUp();
  }

  @AfterAll
  static void stop() {
    if (log != null) {
      log.close();
    }
    if (books != null) {
      books.close();
    }
  }

  /** As in any call after the first: the pool's connection is open and the server has cached the scripts. */
  private static void warmUp() {
    UserId warm = new UserId("warm");
    LoggedMessage m = append(warm, warm, "warm");
    log.history(m.conversation(), OptionalLong.empty(), 1);
    log.pending(warm, 1);
    log.find(m.conversation(), m.id());
    log.advance(warm, m.conversation(), Cursor.READ, 1);
    log.deliveredLive(m);
    log.conversations(warm, 1);
  }

  @Test
  void every_operation_is_one_request() {
    UserId alice = new UserId("rt-alice");
    UserId bob = new UserId("rt-bob");
    Conversation c = Conversation.between(alice, bob);
    AtomicReference<LoggedMessage> first = new AtomicReference<>();
    NewMessage hello = message(alice, bob, "hello");

    books.expect("append", () -> first.set(stored(log.append(hello))), "evalsha", APPEND);
    books.expect("append the other way", () -> append(bob, alice, "hi"), "evalsha", APPEND);
    books.expect("append a duplicate", () -> assertThat(log.append(hello)).isEqualTo(new Appended.Stored(first.get(),
        true)), "evalsha", "evalsha", "hget", "zrangebyscore");
    books.expect("history", () -> assertThat(log.history(c, OptionalLong.empty(), 10).messages()).hasSize(2),
        "evalsha", "evalsha", "zrevrangebyscore");
    books.expect("history before the first", () -> assertThat(log.history(c, OptionalLong.of(1), 10).messages())
        .isEmpty(), "evalsha", "evalsha", "zrevrangebyscore");
    books.expect("find", () -> assertThat(log.find(c, hello.id())).contains(first.get()), "evalsha",
        "evalsha", "hget", "zrangebyscore");
    books.expect("find an unknown id", () -> assertThat(log.find(c, MessageId.random())).isEmpty(), "evalsha",
        "evalsha", "hget");
    books.expect("pending", () -> assertThat(log.pending(bob, 10).messages()).containsExactly(first.get()),
        "evalsha", "evalsha", "zrangebyscore", "hget", "zrangebyscore");
    books.expectChecked("advance", () -> assertThat(log.advance(bob, c, Cursor.DELIVERED, 1)).isTrue(), "evalsha",
        "evalsha", "hget", "hset", "pttl");
    books.expectChecked("advance to where it is", () -> assertThat(log.advance(bob, c, Cursor.DELIVERED, 1)).isFalse(),
        "evalsha", "evalsha", "hget");
    books.expect("cursors", () -> assertThat(log.cursors(bob, c)).isEqualTo(new Cursors(1, 0)), "hmget", "hmget");
    books.expect("pending, all delivered", () -> assertThat(log.pending(bob, 10).messages()).isEmpty(), "evalsha",
        "evalsha", "zrangebyscore", "hget", "zrangebyscore", "zrem");
    books.expect("conversations", () -> assertThat(log.conversations(bob, 10)).singleElement()
        .satisfies(s -> assertThat(s.unread()).isEqualTo(1)), "evalsha",
        "evalsha", "zrevrangebyscore", "zrevrangebyscore", "hmget", "zrangebyscore");
    LoggedMessage live = append(alice, bob, "seen live");
    books.expect("deliveredLive", () -> assertThat(log.deliveredLive(live)).isTrue(), "evalsha",
        "evalsha", "hmget", "hset");
    books.expect("deliveredLive, already there", () -> assertThat(log.deliveredLive(live)).isFalse(), "evalsha",
        "evalsha", "hmget");
  }

  private static LoggedMessage append(UserId from, UserId to, String text) {
    return stored(log.append(message(from, to, text)));
  }

  private static NewMessage message(UserId from, UserId to, String text) {
    return new NewMessage(MessageId.random(), from, to, new MessageText(text), Instant.now());
  }

  private static LoggedMessage stored(Appended appended) {
    return ((Appended.Stored) appended).message();
  }
}
