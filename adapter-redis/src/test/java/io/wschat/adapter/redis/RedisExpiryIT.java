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

  /**
   * How many times the scenario may be tried: a check of the refreshed connection counts only if it was made
   * within its lease, which a machine that stalls for a second outlasts; then the scenario runs again.
   */
  private static final int ATTEMPTS = 3;

  @Test
  void a_stale_connection_vanishes_while_a_refreshed_one_stays() throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      if (staleVanishesWhileRefreshedStays(attempt)) {
        return;
      }
      assertThat(attempt).as("attempts whose checks all came after the refreshed lease ended").isLessThan(ATTEMPTS);
    }
  }

  /** False when the checks came too late to tell anything: after the refreshed connection's own lease ended. */
  private static boolean staleVanishesWhileRefreshedStays(int attempt) throws InterruptedException {
    ConnectionId stale = new ConnectionId("stale-" + attempt);
    ConnectionId fresh = new ConnectionId("fresh-" + attempt);
    UserId alice = new UserId("alice-" + attempt);
    registry.register(stale, alice);
    registry.register(fresh, alice);

    // Ageing is the behaviour under test: stale is left alone past most of its TTL.
    Thread.sleep(1200);
    long renewed = System.nanoTime(); // fresh's new lease begins after this, and lasts TTL
    registry.register(fresh, alice); // registering again renews the lease
    Eventually.await(stale + " expired", TTL.multipliedBy(2), () -> registry.userOf(stale).isEmpty());

    var connections = registry.connectionsOf(alice);
    var owner = registry.userOf(fresh);
    try (Jedis admin = new Jedis(server.host(), server.port())) {
      var members = admin.zrange(PREFIX + "user:" + alice.value(), 0, -1);
      long setTtl = admin.pttl(PREFIX + "user:" + alice.value());
      long freshTtl = admin.pttl(PREFIX + "conn:" + fresh.value());
      if (System.nanoTime() - renewed >= TTL.toNanos()) {
        System.out.printf("attempt %d checked after the refreshed lease ended; trying again%n", attempt);
        return false;
      }
      assertThat(connections).containsExactly(fresh);
      assertThat(owner).contains(alice);
      assertThat(registry.unregister(stale)).as("an expired connection is no longer registered").isEmpty();
      assertThat(members).as("the expired member was trimmed").containsExactly(fresh.value());
      assertThat(setTtl).as("the user's set lives as long as its last member").isBetween(1L, TTL.toMillis());
      assertThat(freshTtl).isBetween(1L, TTL.toMillis());

      // Expiry is the behaviour under test: wait for it, then nothing of either connection is left.
      Eventually.await("every key expired", TTL.multipliedBy(2), () -> admin.keys(PREFIX + "*").isEmpty());
      assertThat(registry.userOf(fresh)).isEmpty();
      assertThat(registry.connectionsOf(alice)).isEmpty();
      return true;
    }
  }
}
