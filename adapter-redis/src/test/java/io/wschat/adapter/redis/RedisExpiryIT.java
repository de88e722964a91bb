package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.engines.RedisServer;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Connections whose {@code $disconnect} never came expire by themselves, from both directions of the mapping. */
class RedisExpiryIT {
  private static final Duration TTL = Duration.ofSeconds(2);
  private static final String PREFIX = "expiry-test:";

  private static RedisServer server;
  private static RedisConnectionRegistry registry;

  @BeforeAll
  static void start() {
    server = RedisServer.start();
    registry = RedisConnectionRegistry.create(RedisSettings.fromUrl(server.url())
        .withKeyPrefix(PREFIX)
        .withConnectionTtl(TTL));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void a_stale_connection_vanishes_while_a_refreshed_one_stays() throws InterruptedException {
    ConnectionId stale = new ConnectionId("stale");
    ConnectionId fresh = new ConnectionId("fresh");
    UserId alice = new UserId("alice");
    registry.register(stale, alice);
    registry.register(fresh, alice);

    Thread.sleep(1200);
    registry.register(fresh, alice); // registering again renews the lease
    Thread.sleep(1000); // stale is now 2.2 s old, past the 2 s TTL; fresh is 1 s old

    assertThat(registry.userOf(stale)).isEmpty();
    assertThat(registry.connectionsOf(alice)).containsExactly(fresh);
    assertThat(registry.userOf(fresh)).contains(alice);
    assertThat(registry.unregister(stale)).as("an expired connection is no longer registered").isEmpty();

    try (Jedis admin = new Jedis(server.host(), server.port())) {
      assertThat(admin.zrange(PREFIX + "user:alice", 0, -1)).as("the expired member was trimmed").containsExactly("fresh");
      assertThat(admin.pttl(PREFIX + "user:alice")).as("the user's set lives as long as its last member")
          .isBetween(1L, TTL.toMillis());
      assertThat(admin.pttl(PREFIX + "conn:fresh")).isBetween(1L, TTL.toMillis());

      Thread.sleep(TTL.toMillis() + 200);
      assertThat(registry.userOf(fresh)).isEmpty();
      assertThat(registry.connectionsOf(alice)).isEmpty();
      assertThat(admin.keys(PREFIX + "*")).as("nothing is left behind").isEmpty();
    }
  }
}
