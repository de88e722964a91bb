package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.MessageLog.NewMessage;
import io.wschat.engines.RedisCluster;
import io.wschat.engines.RedisCluster.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A master of a real cluster goes away under one registry and one log, in this JVM, and comes back as a replica
 * promoted in its place. Default settings: 500 ms connect timeout, 1000 ms socket timeout; the cluster's node
 * timeout is {@link RedisCluster#NODE_TIMEOUT}. Each test takes a new cluster.
 */
class RedisClusterFailoverIT {
  /** As for one server's faults (RedisFaultIT): no operation takes longer than this to fail. */
  private static final Duration FAIL_BOUND = Duration.ofSeconds(2);
  /** From the kill to the first operation that succeeds again: detection, election, slot map renewal. */
  private static final Duration RESUME_BOUND = Duration.ofSeconds(8);
  /** How long a replica may take to apply what its master acknowledged; on loopback, milliseconds. */
  private static final Duration REPLICATION_LIMIT = Duration.ofSeconds(10);
  /** Writes the writer under load has acknowledged before the kill, and after the promotion. */
  private static final int UNDER_LOAD = 100;
  private static final int AFTER_PROMOTION = 20;

  private RedisCluster cluster;
  private RedisConnectionRegistry registry;
  private RedisMessageLog log;
  private int slot;

  @BeforeEach
  void start() {
    cluster = RedisCluster.start();
    RedisSettings settings = RedisSettings.fromUrl(cluster.url());
    registry = RedisConnectionRegistry.create(settings);
    log = RedisMessageLog.create(settings, Clock.systemUTC(), Duration.ofDays(1));
    slot = cluster.slotOf(settings.clusterKeyPrefix());
  }

  @AfterEach
  void stop() {
    registry.close();
    log.close();
    cluster.close();
  }

  @Test
  void a_killed_master_is_replaced_by_its_replica_and_the_same_instances_resume() {
    UserId alice = new UserId("alice");
    UserId bob = new UserId("bob");
    List<ConnectionId> before = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ConnectionId c = new ConnectionId("before-" + i);
      registry.register(c, alice);
      before.add(c);
    }
    MessageLog.Appended.Stored sent = (MessageLog.Appended.Stored) log.append(message(alice, bob, "m-before"));
    cluster.awaitReplicated(REPLICATION_LIMIT); // replication is asynchronous: the replica must have it all first

    Node master = cluster.masterOf(slot);
    long killedAt = System.nanoTime();
    cluster.kill(master.port());

    long slowestFailure = 0;
    int failures = 0;
    long resumedAfter = -1;
    int round = 0;
    while (elapsed(killedAt) < RESUME_BOUND.toMillis() + FAIL_BOUND.toMillis()) {
      ConnectionId c = new ConnectionId("during-" + round++);
      long start = System.nanoTime();
      try {
        registry.register(c, bob);
        assertThat(registry.userOf(c)).contains(bob);
        resumedAfter = elapsed(killedAt);
        break;
      } catch (RedisStoreException e) {
        failures++;
        slowestFailure = Math.max(slowestFailure, elapsed(start));
        assertThat(Duration.ofMillis(elapsed(start))).as("a failure during the failover: %s", e.getMessage())
            .isLessThan(FAIL_BOUND);
      }
      pause(50);
    }
    System.out.printf("killed master %d (slot %d): %d failures, slowest %d ms; first success %d ms after the kill%n",
        master.port(), slot, failures, slowestFailure, resumedAfter);
    assertThat(resumedAfter).as("resumed at all").isPositive();
    assertThat(Duration.ofMillis(resumedAfter)).isLessThan(RESUME_BOUND);
    cluster.awaitHealthy(Duration.ofSeconds(10)); // every node has heard of the promotion by now
    assertThat(cluster.masterOf(slot).port()).isNotEqualTo(master.port());

    // What was written (and replicated) before the kill is still there, on the promoted replica.
    for (ConnectionId c : before) {
      assertThat(registry.userOf(c)).contains(alice);
    }
    assertThat(registry.connectionsOf(alice)).containsExactlyInAnyOrderElementsOf(before);
    assertThat(log.find(sent.message().conversation(), sent.message().id())).contains(sent.message());
    assertThat(((MessageLog.Appended.Stored) log.append(message(bob, alice, "m-after"))).message().position())
        .isEqualTo(2);

    // The old master comes back as a replica of the new one; everything keeps working.
    cluster.restart(master.port());
    cluster.awaitHealthy(Duration.ofSeconds(20));
    assertThat(registry.unregister(before.get(0))).contains(alice);
    assertThat(log.history(sent.message().conversation(), OptionalLong.empty(), 10).messages()).hasSize(2);
  }

  @Test
  void a_manual_failover_under_load_loses_no_acknowledged_write() throws Exception {
    Node master = cluster.masterOf(slot);
    Node replica = cluster.topology().stream().filter(n -> master.id().equals(n.masterId())).findFirst()
        .orElseThrow();
    UserId carol = new UserId("carol");
    List<ConnectionId> acknowledged = new ArrayList<>();
    int failed = 0;
    long slowestFailure = 0;
    long longestGap = 0;
    long lastSuccess = System.nanoTime();
    long start = System.nanoTime();
    boolean failedOver = false;
    for (int i = 0; elapsed(start) < 4_000; i++) {
      if (!failedOver && elapsed(start) > 1_000) {
        cluster.failover(replica.port());
        failedOver = true;
      }
      ConnectionId c = new ConnectionId("load-" + i);
      long began = System.nanoTime();
      try {
        registry.register(c, carol);
        acknowledged.add(c);
        longestGap = Math.max(longestGap, elapsed(lastSuccess));
        lastSuccess = System.nanoTime();
      } catch (RedisStoreException e) {
        failed++;
        slowestFailure = Math.max(slowestFailure, elapsed(began));
      }
    }
    cluster.awaitHealthy(Duration.ofSeconds(10));
    System.out.printf("CLUSTER FAILOVER under load: %d registrations acknowledged, %d failed (slowest %d ms),"
        + " longest time without a success %d ms%n", acknowledged.size(), failed, slowestFailure, longestGap);
    assertThat(cluster.masterOf(slot).port()).isEqualTo(replica.port());
    assertThat(registry.connectionsOf(carol)).containsAll(acknowledged);
    for (ConnectionId c : acknowledged) {
      assertThat(registry.userOf(c)).contains(carol);
    }
    assertThat(Duration.ofMillis(slowestFailure)).isLessThan(FAIL_BOUND);
    assertThat(Duration.ofMillis(longestGap)).isLessThan(RESUME_BOUND);
  }

  @Test
  void a_master_killed_under_load_can_lose_only_what_it_acknowledged_just_before() throws Exception {
    UserId dave = new UserId("dave");
    Map<ConnectionId, Write> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      for (int i = 0; !stop.get(); i++) {
        ConnectionId c = new ConnectionId("w-" + i);
        long began = System.nanoTime();
        try {
          registry.register(c, dave);
          acknowledged.put(c, new Write(began, System.nanoTime()));
        } catch (RedisStoreException e) {
          pause(20); // back off while the slot has no master, as a client would
        }
      }
    });
    writer.start();
    Node master;
    long replicatedBefore;
    long killedAt;
    long promoted;
    try {
      awaitWrites(acknowledged, w -> true, UNDER_LOAD, "before the kill");
      // Everything acknowledged before this instant is on the replica once awaitReplicated returns.
      replicatedBefore = System.nanoTime();
      cluster.awaitReplicated(REPLICATION_LIMIT);
      master = cluster.masterOf(slot);
      cluster.kill(master.port());
      // kill() returns once the process is gone: a write begun after this cannot be the old master's.
      killedAt = System.nanoTime();
      while (!replaced(master) && elapsed(killedAt) < RESUME_BOUND.toMillis()) {
        pause(50);
      }
      promoted = System.nanoTime();
      awaitWrites(acknowledged, w -> w.began() > promoted, AFTER_PROMOTION, "after the promotion");
    } finally {
      stop.set(true);
      writer.join();
    }

    long resumed = acknowledged.values().stream().filter(w -> w.began() > killedAt).mapToLong(Write::acknowledged)
        .min().orElseThrow();
    List<Write> lost = acknowledged.entrySet().stream().filter(e -> registry.userOf(e.getKey()).isEmpty())
        .map(Map.Entry::getValue).toList();
    System.out.printf("master killed under load: %d registrations acknowledged, replica promoted %d ms and writes"
        + " resumed %d ms after the kill; %d acknowledged ones lost, acknowledged %s ms before the kill%n",
        acknowledged.size(), (promoted - killedAt) / 1_000_000, (resumed - killedAt) / 1_000_000, lost.size(),
        lost.stream().map(w -> (killedAt - w.acknowledged()) / 1_000_000).toList());
    assertThat(replaced(master)).as("a replica took over").isTrue();
    // Asynchronous replication: only what the old master acknowledged after the replica was last seen caught up
    // may be missing; nothing acknowledged before that, and nothing written to the new master.
    assertThat(lost).allSatisfy(w -> {
      assertThat(w.acknowledged()).as("acknowledged after the replication check").isGreaterThan(replicatedBefore);
      assertThat(w.began()).as("begun before the kill").isLessThan(killedAt);
    });
  }

  /** A registration the writer began at {@code began} and saw acknowledged at {@code acknowledged} (nanoTime). */
  private record Write(long began, long acknowledged) {}

  /** Waits until {@code count} acknowledged writes match {@code which}; the writer runs on meanwhile. */
  private static void awaitWrites(Map<ConnectionId, Write> acknowledged, Predicate<Write> which, int count,
      String when) {
    long start = System.nanoTime();
    while (acknowledged.values().stream().filter(which).count() < count) {
      assertThat(Duration.ofMillis(elapsed(start))).as("time for %d acknowledged writes %s", count, when)
          .isLessThan(RESUME_BOUND.multipliedBy(2));
      pause(20);
    }
  }

  /** Whether another, live master serves the slot {@code old} served. */
  private boolean replaced(Node old) {
    return cluster.topology().stream()
        .anyMatch(n -> n.master() && !n.failed() && n.serves(slot) && n.port() != old.port());
  }

  private static NewMessage message(UserId from, UserId to, String id) {
    return new NewMessage(new MessageId(id), from, to, new MessageText("hello " + id), Instant.now());
  }

  private static long elapsed(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
