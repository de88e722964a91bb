package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog.Appended;
import io.wschat.domain.port.MessageLog.Cursor;
import io.wschat.domain.port.MessageLog.NewMessage;
import io.wschat.engines.RedisServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The message log fails as the registry does (RedisFaultIT has the timings): a {@link RedisStoreException} naming
 * the operation, and the same instance recovers. After an unnoticed restart every operation succeeds on its first
 * call: the SAFE ones run again on a fresh connection, advance has its connection checked before it is sent
 * (RedisStaleConnectionIT has the faults in between).
 */
class RedisMessageLogFaultIT {
  private final UserId alice = new UserId("alice");
  private final UserId bob = new UserId("bob");
  private final Conversation conversation = Conversation.between(alice, bob);
  private RedisServer server;
  private RedisMessageLog log;

  @BeforeEach
  void start() {
    server = RedisServer.start();
    log = RedisMessageLog.create(RedisSettings.fromUrl(server.url()), Clock.systemUTC(), Duration.ofDays(1));
  }

  @AfterEach
  void stop() {
    log.close();
    server.close();
  }

  @Test
  void every_operation_on_a_dead_server_fails_naming_itself_and_the_same_log_recovers() {
    LoggedMessage sent = stored(log.append(hello()));
    server.kill();

    Map<String, ThrowingCallable> operations = new LinkedHashMap<>();
    operations.put("append", () -> log.append(hello()));
    operations.put("history", () -> log.history(conversation, OptionalLong.empty(), 10));
    operations.put("pending", () -> log.pending(bob, 10));
    operations.put("find", () -> log.find(conversation, MessageId.random()));
    operations.put("cursors", () -> log.cursors(bob, conversation));
    operations.put("advance", () -> log.advance(bob, conversation, Cursor.READ, 1));
    operations.put("deliveredLive", () -> log.deliveredLive(sent));
    operations.put("conversations", () -> log.conversations(bob, 10));
    operations.forEach((name, operation) -> {
      RedisStoreException failure = catchThrowableOfType(RedisStoreException.class, operation);
      assertThat(failure).as("%s on a dead server", name).isNotNull();
      assertThat(failure.operation()).isEqualTo(name);
      assertThat(failure.getMessage()).startsWith("Redis " + name + " failed after ");
    });

    server.restart();
    assertThat(log.append(hello())).isInstanceOf(Appended.Stored.class);
    assertThat(log.history(conversation, OptionalLong.empty(), 10).messages()).hasSize(1);
  }

  @Test
  void after_an_unnoticed_restart_every_operation_succeeds_first_time() {
    LoggedMessage sent = stored(log.append(hello()));
    Map<String, ThrowingCallable> operations = new LinkedHashMap<>();
    operations.put("append", () -> assertThat(log.append(hello())).isInstanceOf(Appended.Stored.class));
    operations.put("advance", () -> assertThat(log.advance(bob, conversation, Cursor.READ, 1)).isTrue());
    // The restarted server is empty (no persistence): nothing says the message was the last one to bob.
    operations.put("deliveredLive", () -> assertThat(log.deliveredLive(sent)).isFalse());
    operations.put("pending", () -> assertThat(log.pending(bob, 10).messages()).isEmpty());
    operations.forEach((name, operation) -> {
      server.kill(); // the pooled connection dies while idle
      server.restart();
      assertThatCode(operation).as(name).doesNotThrowAnyException();
    });
  }

  private static LoggedMessage stored(Appended appended) {
    return ((Appended.Stored) appended).message();
  }

  private NewMessage hello() {
    return new NewMessage(MessageId.random(), alice, bob, new MessageText("hello"), Instant.now());
  }
}
