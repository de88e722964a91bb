package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.adapter.redis.internal.KeyLayout;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog.Appended;
import io.wschat.domain.port.MessageLog.Cursor;
import io.wschat.domain.port.MessageLog.NewMessage;
import io.wschat.domain.port.RateLimiter.Decision;
import io.wschat.engines.RedisServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * Pooled connections that the server closed while they sat idle (a restart, a failover, {@code CLIENT KILL}): the
 * next operation of every kind succeeds on its first call, as the {@code Replay} of each promises, and a write
 * whose answer was lost after it ran is never run twice. A real redis-server with its append-only file synced on
 * every write, so that a restart keeps the data and the test can tell "recovered" from "started empty".
 */
class RedisStaleConnectionIT {
  private static final String[] DURABLE = {"--appendonly", "yes", "--appendfsync", "always"};
  private static final String PREFIX = RedisSettings.DEFAULT_KEY_PREFIX;
  /** One message a minute, so a bucket outlives a slow test run (its key expires once the bucket is full). */
  private static final SendRate RATE = new SendRate(1.0 / 60, 5);

  private final UserId alice = new UserId("alice");
  private final UserId bob = new UserId("bob");
  private final ConnectionId c1 = new ConnectionId("c1");
  private final ConnectionId c2 = new ConnectionId("c2");
  private final ConnectionId c3 = new ConnectionId("c3");
  private final Conversation conversation = Conversation.between(alice, bob);
  private final KeyLayout keys = new KeyLayout(PREFIX);
  private RedisServer server;
  private RedisConnectionRegistry registry;
  private RedisMessageLog log;
  private RedisRateLimiter limiter;
  private ReplyDroppingProxy proxy;

  @BeforeEach
  void start() {
    server = RedisServer.start(DURABLE);
  }

  @AfterEach
  void stop() {
    for (AutoCloseable open : new AutoCloseable[] {registry, log, limiter, proxy, server}) {
      try {
        if (open != null) {
          open.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The adapters as production builds them, each with its pool, through {@code url}. */
  private void adaptersOn(String url) {
    RedisSettings settings = RedisSettings.fromUrl(url);
    registry = RedisConnectionRegistry.create(settings);
    log = RedisMessageLog.create(settings, Clock.systemUTC(), Duration.ofDays(1));
    limiter = RedisRateLimiter.create(settings, RATE);
  }

  @Test
  void after_a_restart_the_operations_of_a_send_succeed_first_time_and_so_do_the_checked_writes() {
    adaptersOn(server.url());
    registry.register(c1, alice);
    registry.register(c2, bob);
    assertThat(limiter.acquire(alice, Instant.now())).isEqualTo(Decision.ALLOWED);
    LoggedMessage first = stored(log.append(message("before the restart")));

    server.restart(); // every pooled connection of the three adapters is now dead

    // What SendPrivateMessage asks, in its order; each adapter's first call meets its dead connection.
    long start = System.nanoTime();
    assertThat(registry.userOf(c1)).as("the data survived the restart").contains(alice);
    assertThat(limiter.acquire(alice, Instant.now())).isEqualTo(Decision.ALLOWED);
    assertThat(registry.connectionsOf(bob)).containsExactly(c2);
    Appended appended = log.append(message("after the restart"));
    assertThat(((Appended.Stored) appended).duplicate()).isFalse();
    LoggedMessage second = ((Appended.Stored) appended).message();
    assertThat(second.position()).isEqualTo(first.position() + 1);
    log.deliveredLive(second);
    System.out.printf("after a restart: the five calls of a send took %d ms%n", millisSince(start));

    server.restart();
    // The checked writes, each first on its adapter after the restart: PING fails, a fresh connection runs it.
    assertThat(registry.unregister(c1)).contains(alice);
    assertThat(log.advance(bob, conversation, Cursor.READ, second.position())).isTrue();
    assertThat(log.history(conversation, OptionalLong.empty(), 10).messages()).hasSize(2);
  }

  @Test
  void every_operation_succeeds_first_time_on_a_connection_the_server_killed() {
    adaptersOn(server.url());
    registry.register(c1, alice);
    registry.register(c2, bob);
    LoggedMessage first = stored(log.append(message("one")));
    LoggedMessage[] second = new LoggedMessage[1];
    limiter.acquire(alice, Instant.now());

    Map<String, Runnable> operations = new LinkedHashMap<>();
    operations.put("userOf", () -> assertThat(registry.userOf(c1)).contains(alice));
    operations.put("connectionsOf", () -> assertThat(registry.connectionsOf(alice)).containsExactly(c1));
    operations.put("register", () -> registry.register(c3, alice));
    operations.put("unregister", () -> assertThat(registry.unregister(c3)).contains(alice));
    operations.put("append", () -> {
      Appended.Stored stored = (Appended.Stored) log.append(message("two"));
      assertThat(stored.duplicate()).isFalse();
      second[0] = stored.message();
    });
    operations.put("history", () -> assertThat(log.history(conversation, OptionalLong.empty(), 10).messages())
        .hasSize(2));
    operations.put("pending", () -> assertThat(log.pending(bob, 10).messages()).hasSize(2));
    operations.put("find", () -> assertThat(log.find(conversation, first.id())).contains(first));
    operations.put("cursors", () -> assertThat(log.cursors(bob, conversation).readUpTo()).isZero());
    operations.put("advance", () -> assertThat(log.advance(bob, conversation, Cursor.READ, 1)).isTrue());
    // Message one is still pending to bob, so the delivered cursor may not jump past it.
    operations.put("deliveredLive", () -> assertThat(log.deliveredLive(second[0])).isFalse());
    operations.put("conversations", () -> assertThat(log.conversations(bob, 10)).hasSize(1));
    operations.put("acquire", () -> assertThat(limiter.acquire(alice, Instant.now())).isEqualTo(Decision.ALLOWED));

    try (Jedis admin = new Jedis(server.host(), server.port())) {
      operations.forEach((name, operation) -> {
        Object killed = admin.sendCommand(Protocol.Command.CLIENT, "KILL", "TYPE", "normal", "SKIPME", "yes");
        assertThat((Long) killed).as("pooled connections killed before %s", name).isPositive();
        long opened = connectionsReceived(admin);
        operation.run(); // no exception: it succeeded on its first call
        assertThat(connectionsReceived(admin)).as("%s met its dead connection and opened a fresh one", name)
            .isGreaterThan(opened);
      });
    }
  }

  @Test
  void a_checked_write_whose_answer_was_lost_fails_and_ran_exactly_once() {
    proxy = new ReplyDroppingProxy(server.host(), server.port(), "EVALSHA");
    adaptersOn(proxy.url());
    registry.register(c1, alice); // caches the scripts, so each call below is one EVALSHA
    registry.register(c2, alice);
    registry.unregister(c2);
    LoggedMessage first = stored(log.append(message("one")));
    log.advance(bob, conversation, Cursor.DELIVERED, first.position());

    try (Jedis admin = new Jedis(server.host(), server.port())) {
      int before = proxy.forwarded();
      proxy.dropNextReply();
      assertThatThrownBy(() -> log.advance(bob, conversation, Cursor.READ, first.position()))
          .isInstanceOf(RedisStoreException.class).hasMessageContaining("advance");
      assertThat(proxy.forwarded() - before).as("advance sent once, never again").isEqualTo(1);
      assertThat(admin.hget(keys.conversation(conversation), "r:bob")).as("it ran")
          .isEqualTo(Long.toString(first.position()));

      before = proxy.forwarded();
      proxy.dropNextReply();
      assertThatThrownBy(() -> registry.unregister(c1)).isInstanceOf(RedisStoreException.class);
      assertThat(proxy.forwarded() - before).as("unregister sent once, never again").isEqualTo(1);
      assertThat(admin.exists(keys.connection(c1))).as("it ran").isFalse();
    }
    assertThat(registry.userOf(c1)).as("the pool works again").isEmpty();
  }

  @Test
  void a_safe_write_whose_answer_was_lost_is_sent_again_and_applied_once() {
    proxy = new ReplyDroppingProxy(server.host(), server.port(), "EVALSHA");
    adaptersOn(proxy.url());
    stored(log.append(message("warm-up"))); // caches the script
    Instant now = Instant.now();
    assertThat(limiter.acquire(alice, now)).isEqualTo(Decision.ALLOWED);

    try (Jedis admin = new Jedis(server.host(), server.port())) {
      NewMessage lost = message("answer lost");
      int before = proxy.forwarded();
      proxy.dropNextReply();
      Appended.Stored stored = (Appended.Stored) log.append(lost);
      assertThat(proxy.forwarded() - before).as("append sent twice").isEqualTo(2);
      assertThat(stored.duplicate()).as("the second run found the first's message").isTrue();
      assertThat(stored.message().id()).isEqualTo(lost.id());
      assertThat(log.history(conversation, OptionalLong.empty(), 10).messages())
          .filteredOn(m -> m.id().equals(lost.id())).as("stored once").hasSize(1);

      before = proxy.forwarded();
      proxy.dropNextReply();
      assertThat(limiter.acquire(alice, now)).isEqualTo(Decision.ALLOWED);
      assertThat(proxy.forwarded() - before).as("acquire sent twice").isEqualTo(2);
      long interval = RATE.intervalMicros();
      assertThat(admin.get(keys.rateBucket(alice))).as("two acquires took two messages, not three")
          .startsWith((SendRate.micros(now) + 2 * interval) + " ");
    }
  }

  @Test
  void a_checked_write_on_a_stuck_server_fails_within_one_socket_timeout_and_works_once_it_answers() {
    adaptersOn(server.url());
    registry.register(c1, alice);
    Duration socketTimeout = RedisSettings.DEFAULT_SOCKET_TIMEOUT;

    server.freeze(); // connections stay open, nothing answers: the PING times out
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> registry.unregister(c1)).isInstanceOf(RedisStoreException.class)
          .hasMessageContaining("SocketTimeoutException");
      long millis = millisSince(start);
      System.out.printf("stuck server: a checked write failed after %d ms (socket timeout %d ms)%n", millis,
          socketTimeout.toMillis());
      // One PING's wait, not a PING and then a new connection's handshake waiting as long again.
      assertThat(millis).isBetween(socketTimeout.toMillis() - 50, socketTimeout.toMillis() + 500);
    } finally {
      server.thaw();
    }
    assertThat(registry.unregister(c1)).as("the command was never sent").contains(alice);
  }

  private NewMessage message(String text) {
    return new NewMessage(MessageId.random(), alice, bob, new MessageText(text), Instant.now());
  }

  private static LoggedMessage stored(Appended appended) {
    return ((Appended.Stored) appended).message();
  }

  private static long connectionsReceived(Jedis admin) {
    return admin.info("stats").lines().filter(l -> l.startsWith("total_connections_received:"))
        .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElseThrow();
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
