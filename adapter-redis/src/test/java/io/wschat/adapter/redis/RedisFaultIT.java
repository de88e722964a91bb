package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Arrays;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.wschat.engines.RedisServer;
import redis.clients.jedis.util.RedisInputStream;

/**
 * Kills, restarts and freezes a real server under one registry instance. Default settings: 500 ms connect
 * timeout, 1000 ms socket timeout, 1000 ms pool wait.
 */
class RedisFaultIT {
  /** No operation may take longer than this to report that Redis is gone: one connect plus one socket timeout. */
  private static final Duration FAIL_FAST_BOUND = Duration.ofSeconds(2);
  /** From the restarted server answering PING to the same registry instance answering correctly. */
  private static final Duration RECOVERY_BOUND = Duration.ofSeconds(1);
  private static final Duration SOCKET_TIMEOUT = RedisSettings.DEFAULT_SOCKET_TIMEOUT;

  private RedisServer server;
  private RedisConnectionRegistry registry;
  private final ConnectionId c1 = new ConnectionId("c1");
  private final ConnectionId c2 = new ConnectionId("c2");
  private final UserId alice = new UserId("alice");
  private final UserId bob = new UserId("bob");

  @BeforeEach
  void start() {
    server = RedisServer.start();
    registry = RedisConnectionRegistry.create(RedisSettings.fromUrl(server.url()));
  }

  @AfterEach
  void stop() {
    registry.close();
    server.close();
  }

  @Test
  void a_killed_server_fails_every_operation_fast_and_the_same_registry_recovers_on_restart() {
    registry.register(c1, alice);
    assertThat(registry.connectionsOf(alice)).containsExactly(c1);

    server.kill();
    Map<String, ThrowingCallable> operations = new LinkedHashMap<>();
    operations.put("register", () -> registry.register(c2, bob));
    operations.put("unregister", () -> registry.unregister(c1));
    operations.put("connectionsOf", () -> registry.connectionsOf(alice));
    operations.put("userOf", () -> registry.userOf(c1));
    long slowest = 0;
    for (int round = 0; round < 2; round++) {
      for (Map.Entry<String, ThrowingCallable> op : operations.entrySet()) {
        long start = System.nanoTime();
        RedisStoreException failure = catchThrowableOfType(RedisStoreException.class, op.getValue());
        long millis = elapsedMillis(start);
        slowest = Math.max(slowest, millis);
        assertThat(failure).as("%s on a dead server", op.getKey()).isNotNull();
        assertThat(failure.operation()).isEqualTo(op.getKey());
        assertThat(failure.getMessage()).startsWith("Redis " + op.getKey() + " failed after ")
            .containsAnyOf("Connection refused", "Unexpected end of stream", "Connection reset", "Broken pipe");
        assertThat(Duration.ofMillis(millis)).as("%s failed after %d ms", op.getKey(), millis)
            .isLessThan(FAIL_FAST_BOUND);
      }
    }
    System.out.printf("killed server: slowest failure %d ms (bound %d ms)%n", slowest, FAIL_FAST_BOUND.toMillis());

    server.restart();
    long start = System.nanoTime();
    registry.register(c2, bob);
    long recovery = elapsedMillis(start);
    System.out.printf("restarted server: first operation succeeded after %d ms (bound %d ms)%n", recovery,
        RECOVERY_BOUND.toMillis());
    assertThat(Duration.ofMillis(recovery)).isLessThan(RECOVERY_BOUND);
    assertThat(registry.userOf(c2)).contains(bob);
    assertThat(registry.connectionsOf(bob)).containsExactly(c2);
    assertThat(registry.userOf(c1)).as("a server without persistence restarts empty").isEmpty();
    assertThat(registry.unregister(c2)).contains(bob);
  }

  @Test
  void a_restart_nobody_noticed_is_invisible_to_idempotent_operations() {
    registry.register(c1, alice);

    server.kill(); // the pooled connection dies while idle, as when a Lambda sleeps through a failover
    server.restart();

    long start = System.nanoTime();
    assertThat(registry.userOf(c1)).isEmpty(); // stale connection: reset, pool cleared, retried once
    registry.register(c1, bob); // the restarted server has no scripts cached: NOSCRIPT, then EVAL
    assertThat(registry.connectionsOf(bob)).containsExactly(c1);
    long recovery = elapsedMillis(start);
    System.out.printf("unnoticed restart: three operations took %d ms%n", recovery);
    assertThat(Duration.ofMillis(recovery)).isLessThan(RECOVERY_BOUND);
  }

  @Test
  void unregister_is_never_sent_twice_but_an_unnoticed_restart_does_not_fail_it() {
    registry.register(c1, alice);
    server.kill();
    server.restart();

    // Its connection answers a PING before it is sent: the dead one fails that, and a fresh one takes the command.
    long start = System.nanoTime();
    assertThat(registry.unregister(c1)).as("a server without persistence restarts empty").isEmpty();
    System.out.printf("unnoticed restart: unregister took %d ms%n", elapsedMillis(start));
    registry.register(c1, alice);
    assertThat(registry.unregister(c1)).contains(alice);
  }

  @Test
  void a_frozen_server_times_out_within_the_socket_timeout_and_then_works_again() {
    registry.register(c1, alice);

    server.freeze();
    try {
      for (ThrowingCallable op : new ThrowingCallable[] {() -> registry.userOf(c1), () -> registry.connectionsOf(alice)}) {
        long start = System.nanoTime();
        RedisStoreException failure = catchThrowableOfType(RedisStoreException.class, op);
        long millis = elapsedMillis(start);
        System.out.printf("frozen server: failed after %d ms (socket timeout %d ms)%n", millis,
            SOCKET_TIMEOUT.toMillis());
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("SocketTimeoutException");
        assertThat(millis).isBetween(SOCKET_TIMEOUT.toMillis() - 50, FAIL_FAST_BOUND.toMillis());
      }
    } finally {
      server.thaw();
    }
    assertThat(registry.userOf(c1)).contains(alice);
    assertThat(registry.connectionsOf(alice)).containsExactly(c1);
  }

  @Test
  void a_busy_pool_fails_within_its_max_wait() throws Exception {
    Duration maxWait = Duration.ofMillis(200);
    try (RedisConnectionRegistry one = RedisConnectionRegistry.create(
        RedisSettings.fromUrl(server.url()).withPool(1, maxWait))) {
      one.register(c1, alice);
      server.freeze();
      try {
        // The only connection waits for a frozen server; a second caller must not wait with it.
        FutureTask<Object> holder = new FutureTask<>(() -> one.userOf(c1));
        Thread holding = new Thread(holder, "holds-the-only-connection");
        holding.start();
        Eventually.await("the holder waits for the frozen server's reply", SOCKET_TIMEOUT, () -> readingReply(holding));
        long start = System.nanoTime();
        RedisStoreException failure = catchThrowableOfType(RedisStoreException.class, () -> one.userOf(c1));
        long millis = elapsedMillis(start);
        System.out.printf("exhausted pool: failed after %d ms (max wait %d ms)%n", millis, maxWait.toMillis());
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("pool");
        assertThat(millis).isBetween(maxWait.toMillis() - 20, maxWait.toMillis() + 500);
        assertThatThrownBy(() -> holder.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(RedisStoreException.class);
      } finally {
        server.thaw();
      }
      assertThat(one.userOf(c1)).contains(alice);
    }
  }

  /** Whether {@code thread} is inside Jedis's read of a reply: it has a connection out of the pool, and uses it. */
  private static boolean readingReply(Thread thread) {
    return Arrays.stream(thread.getStackTrace())
        .anyMatch(frame -> frame.getClassName().equals(RedisInputStream.class.getName()));
  }

  private static long elapsedMillis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
