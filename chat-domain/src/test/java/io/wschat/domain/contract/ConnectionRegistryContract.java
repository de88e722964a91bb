package io.wschat.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConnectionRegistry} must do. An adapter's test extends this class and supplies a registry.
 * Ids are unique per test, so a store shared between tests (one table, one Redis) needs no cleanup between them.
 */
public abstract class ConnectionRegistryContract {

  /** The registry under test. Called once per test; it may return the same store each time. */
  protected abstract ConnectionRegistry registry();

  /** How much work the concurrency tests do: 1.0 for in-memory stores; less for stores with slow round trips. */
  protected double concurrencyScale() {
    return 1.0;
  }

  private ConnectionRegistry registry;
  private String run;

  @BeforeEach
  void newRun() {
    registry = registry();
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  protected UserId user(String name) {
    return new UserId(name + "-" + run);
  }

  protected ConnectionId connection(String name) {
    return new ConnectionId(name + "-" + run + "=");
  }

  @Test
  void a_registered_connection_is_found_both_ways() {
    registry.register(connection("c1"), user("alice"));

    assertThat(registry.userOf(connection("c1"))).contains(user("alice"));
    assertThat(registry.connectionsOf(user("alice"))).containsExactly(connection("c1"));
  }

  @Test
  void a_user_may_hold_several_connections() {
    registry.register(connection("phone"), user("alice"));
    registry.register(connection("laptop"), user("alice"));
    registry.register(connection("other"), user("bob"));

    assertThat(registry.connectionsOf(user("alice")))
        .containsExactlyInAnyOrder(connection("phone"), connection("laptop"));
    assertThat(registry.connectionsOf(user("bob"))).containsExactly(connection("other"));
  }

  @Test
  void registering_a_connection_under_another_user_moves_it() {
    registry.register(connection("c1"), user("alice"));
    registry.register(connection("c2"), user("alice"));

    registry.register(connection("c1"), user("bob"));

    assertThat(registry.userOf(connection("c1"))).contains(user("bob"));
    assertThat(registry.connectionsOf(user("alice"))).containsExactly(connection("c2"));
    assertThat(registry.connectionsOf(user("bob"))).containsExactly(connection("c1"));
  }

  @Test
  void unregister_answers_the_owner_and_forgets_the_connection() {
    registry.register(connection("c1"), user("alice"));
    registry.register(connection("c2"), user("alice"));

    assertThat(registry.unregister(connection("c1"))).contains(user("alice"));

    assertThat(registry.userOf(connection("c1"))).isEmpty();
    assertThat(registry.connectionsOf(user("alice"))).containsExactly(connection("c2"));
    assertThat(registry.unregister(connection("c1"))).as("a second unregister").isEmpty();
  }

  @Test
  void unregistering_the_last_connection_leaves_the_user_with_none() {
    registry.register(connection("c1"), user("alice"));
    registry.unregister(connection("c1"));

    assertThat(registry.connectionsOf(user("alice"))).isEmpty();
  }

  @Test
  void unknown_ids_answer_empty() {
    assertThat(registry.userOf(connection("nobody"))).isEmpty();
    assertThat(registry.connectionsOf(user("nobody"))).isEmpty();
    assertThat(registry.unregister(connection("nobody"))).isEmpty();
  }

  @Test
  void registering_twice_is_idempotent() {
    registry.register(connection("c1"), user("alice"));
    registry.register(connection("c1"), user("alice"));

    assertThat(registry.connectionsOf(user("alice"))).containsExactly(connection("c1"));
    assertThat(registry.unregister(connection("c1"))).contains(user("alice"));
    assertThat(registry.connectionsOf(user("alice"))).isEmpty();
  }

  @Test
  void non_ascii_user_ids_round_trip() {
    UserId user = user("zoë.李_\uD840\uDC00"); // two-, three- and four-byte UTF-8; one id mixes no other scripts
    registry.register(connection("c1"), user);

    assertThat(registry.userOf(connection("c1"))).contains(user);
    assertThat(registry.connectionsOf(user)).containsExactly(connection("c1"));
  }

  @Test
  void concurrent_register_and_unregister_leave_no_dangling_mapping() throws Exception {
    int threads = 4;
    int connectionsPerThread = Math.max(3, (int) (12 * concurrencyScale()));
    int opsPerThread = Math.max(10, (int) (60 * concurrencyScale()));
    List<UserId> users = List.of(user("u0"), user("u1"), user("u2"));

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Map<ConnectionId, Optional<UserId>>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          // Each thread owns its connections, so its own record of their last state is the truth,
          // while all threads contend on the same three users.
          Random random = new Random(thread);
          Map<ConnectionId, Optional<UserId>> expected = new HashMap<>();
          start.await();
          for (int i = 0; i < opsPerThread; i++) {
            ConnectionId c = connection("t" + thread + "c" + random.nextInt(connectionsPerThread));
            if (random.nextInt(3) == 0) {
              registry.unregister(c);
              expected.put(c, Optional.empty());
            } else {
              UserId u = users.get(random.nextInt(users.size()));
              registry.register(c, u);
              expected.put(c, Optional.of(u));
            }
          }
          return expected;
        }));
      }
      start.countDown();
      Map<ConnectionId, Optional<UserId>> expected = new HashMap<>();
      for (Future<Map<ConnectionId, Optional<UserId>>> f : futures) {
        expected.putAll(f.get(2, TimeUnit.MINUTES));
      }

      for (Map.Entry<ConnectionId, Optional<UserId>> e : expected.entrySet()) {
        assertThat(registry.userOf(e.getKey())).as("owner of %s", e.getKey()).isEqualTo(e.getValue());
      }
      for (UserId u : users) {
        List<ConnectionId> owned = expected.entrySet().stream()
            .filter(e -> e.getValue().equals(Optional.of(u)))
            .map(Map.Entry::getKey)
            .toList();
        assertThat(registry.connectionsOf(u)).as("connections of %s", u).containsExactlyInAnyOrderElementsOf(owned);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void racing_moves_of_one_connection_leave_exactly_one_owner() throws Exception {
    int rounds = Math.max(3, (int) (20 * concurrencyScale()));
    List<UserId> users = List.of(user("r0"), user("r1"), user("r2"), user("r3"));
    ExecutorService pool = Executors.newFixedThreadPool(users.size());
    try {
      for (int round = 0; round < rounds; round++) {
        ConnectionId c = connection("race" + round);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (UserId u : users) {
          futures.add(pool.submit(() -> {
            start.await();
            registry.register(c, u);
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : futures) {
          f.get(1, TimeUnit.MINUTES);
        }

        UserId owner = registry.userOf(c).orElseThrow();
        for (UserId u : users) {
          assertThat(registry.connectionsOf(u).contains(c))
              .as("round %d: %s holds %s (owner is %s)", round, u, c, owner)
              .isEqualTo(u.equals(owner));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
