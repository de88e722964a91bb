package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * {@code redis-cli --cluster reshard} moves the slot that holds every key of the adapters, keys and all, three
 * times, from master to master, while threads register, unregister, append and read. Each thread keeps its own
 * users and conversation, so it knows what every answer must be: an operation may fail (then its effect is
 * unknown and left out of the checks), but one that answers must answer the truth, and everything acknowledged
 * must be there at the end. MOVED and ASK are Jedis's to follow; TRYAGAIN, while a script's keys are half moved,
 * is retried by the adapter.
 */
class RedisClusterReshardIT {
  private static final int THREADS = 4;
  /** How many slots each reshard moves: the lowest ones of the source, the adapters' slot among them. */
  private static final int SLOTS = 5;
  private static final int FILLER_KEYS = 20_000;
  /** Rounds of operations each worker does before the first move and after the last. */
  private static final int ROUNDS = 10;
  private static final Duration ROUNDS_LIMIT = Duration.ofSeconds(30);

  @RegisterExtension
  static final ClusterPool CLUSTER = new ClusterPool();

  @Test
  void moving_the_slot_under_load_loses_nothing_and_answers_no_one_falsely() throws Exception {
    RedisCluster cluster = CLUSTER.cluster();
    Node first = cluster.topology().stream().filter(n -> n.master() && n.firstSlot() == 0).findFirst().orElseThrow();
    String prefix = prefixInSlotsBelow(SLOTS);
    RedisSettings settings = CLUSTER.settings().withKeyPrefix(prefix);
    fill(prefix, FILLER_KEYS);
    try (RedisConnectionRegistry registry = RedisConnectionRegistry.create(settings);
        RedisMessageLog log = RedisMessageLog.create(settings, Clock.systemUTC(), Duration.ofDays(1))) {
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Worker> running = new ArrayList<>();
      List<Future<Worker>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Worker worker = new Worker(t, registry, log, stop);
        running.add(worker);
        workers.add(pool.submit(() -> worker.run()));
      }
      awaitRounds(running, ROUNDS, "before the reshard"); // the slot moves under load
      List<Node> masters = cluster.topology().stream().filter(n -> n.master() && !n.slots().isEmpty())
          .sorted((a, b) -> Integer.compare(a.firstSlot(), b.firstSlot())).toList();
      long began = System.nanoTime();
      // first -> second -> third -> first: each hop's lowest slots are the ones just moved.
      for (int hop = 0; hop < masters.size(); hop++) {
        Node from = masters.get(hop);
        Node to = masters.get((hop + 1) % masters.size());
        cluster.reshard(from.id(), to.id(), SLOTS);
        assertThat(cluster.masterOf(cluster.slotOf(prefix)).id()).isEqualTo(to.id());
      }
      long reshardMillis = (System.nanoTime() - began) / 1_000_000;
      awaitRounds(running, ROUNDS, "after the reshard"); // and answers the truth from its last home too
      stop.set(true);
      pool.shutdown();

      int acknowledged = 0;
      int failed = 0;
      int falseAnswers = 0;
      int lost = 0;
      long slowest = 0;
      for (Future<Worker> future : workers) {
        Worker w = future.get();
        acknowledged += w.acknowledged;
        failed += w.failed;
        falseAnswers += w.falseAnswers.size();
        slowest = Math.max(slowest, w.slowestMillis);
        lost += w.lostAtTheEnd().size();
        w.failures.forEach(f -> System.out.println("failed: " + f));
        assertThat(w.falseAnswers).as("false answers of worker %d", w.id).isEmpty();
        assertThat(w.lostAtTheEnd()).as("acknowledged and lost, worker %d", w.id).isEmpty();
      }
      System.out.printf("reshard of slot %d (%d slots, 3 hops) in %d ms under %d threads: %d operations"
          + " acknowledged, %d failed, slowest %d ms, %d false answers, %d lost%n", cluster.slotOf(prefix), SLOTS,
          reshardMillis, THREADS, acknowledged, failed, slowest, falseAnswers, lost);
      assertThat(cluster.masterOf(cluster.slotOf(prefix)).id()).isEqualTo(first.id());
      assertThat(acknowledged).isGreaterThan(100);
      assertThat(Duration.ofMillis(slowest)).isLessThan(Duration.ofSeconds(2));
    }
  }

  /** Waits until every worker has done {@code rounds} more rounds of operations than it had when called. */
  private static void awaitRounds(List<Worker> workers, int rounds, String when) throws InterruptedException {
    workers.forEach(w -> w.rounds.drainPermits());
    long deadline = System.nanoTime() + ROUNDS_LIMIT.toNanos();
    for (Worker w : workers) {
      assertThat(w.rounds.tryAcquire(rounds, deadline - System.nanoTime(), TimeUnit.NANOSECONDS))
          .as("worker %d did %d rounds %s within %s", w.id, rounds, when, ROUNDS_LIMIT).isTrue();
    }
  }

  /** Keys of no adapter in the same slot, so that moving it takes a while: the window in which ASK and TRYAGAIN come. */
  private static void fill(String prefix, int keys) {
    try (RedisClusterClient admin = RedisClusterClient.create(
        Set.copyOf(CLUSTER.cluster().seeds().stream().map(HostAndPort::from).toList()));
        ClusterPipeline pipeline = admin.pipelined()) {
      for (int i = 0; i < keys; i++) {
        pipeline.set(prefix + "filler:" + i, "x");
      }
      pipeline.sync();
    }
  }

  /** A prefix with a hash tag of its own whose slot is below {@code limit}: among the first to be moved. */
  private static String prefixInSlotsBelow(int limit) {
    for (int i = 0; ; i++) {
      if (JedisClusterCRC16.getSlot("reshard-" + i) < limit) {
        return "{reshard-" + i + "}:";
      }
    }
  }

  /** One thread's users, connections and conversation, and what it learnt. */
  private static final class Worker {
    final int id;
    final RedisConnectionRegistry registry;
    final RedisMessageLog log;
    final AtomicBoolean stop;
    final UserId[] users;
    /** Connections whose registration or unregistration was acknowledged: their owner, or empty once gone. */
    final Map<ConnectionId, Optional<UserId>> known = new HashMap<>();
    /** Connections an operation failed on: what they hold is not known. */
    final Set<ConnectionId> unknown = new HashSet<>();
    final List<LoggedMessage> appended = new ArrayList<>();
    final Set<MessageId> uncertainAppends = new HashSet<>();
    final List<String> falseAnswers = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    /** A permit per round done, for the test thread to wait on while this one runs. */
    final Semaphore rounds = new Semaphore(0);
    int acknowledged;
    int failed;
    long slowestMillis;

    Worker(int id, RedisConnectionRegistry registry, RedisMessageLog log, AtomicBoolean stop) {
      this.id = id;
      this.registry = registry;
      this.log = log;
      this.stop = stop;
      this.users = new UserId[] {new UserId("w" + id + "-a"), new UserId("w" + id + "-b")};
    }

    Worker run() {
      for (int i = 0; !stop.get(); i++) {
        ConnectionId c = new ConnectionId("w" + id + "-c" + i);
        UserId owner = users[i % 2];
        attempt(c, () -> {
          registry.register(c, owner);
          known.put(c, Optional.of(owner));
        });
        if (i % 3 == 0 && i > 0) {
          // Move the previous connection to the other user, or unregister it.
          ConnectionId previous = new ConnectionId("w" + id + "-c" + (i - 1));
          if (i % 2 == 0) {
            attempt(previous, () -> {
              registry.register(previous, users[1]);
              known.put(previous, Optional.of(users[1]));
            });
          } else {
            attempt(previous, () -> {
              Optional<UserId> was = registry.unregister(previous);
              check("unregister " + previous, previous, was);
              known.put(previous, Optional.empty());
            });
          }
        }
        attempt(c, () -> check("userOf " + c, c, registry.userOf(c)));
        for (UserId user : users) {
          attempt(null, () -> checkConnections(user, registry.connectionsOf(user)));
        }
        MessageId messageId = new MessageId("w" + id + "-m" + i);
        long start = System.nanoTime();
        try {
          MessageLog.Appended.Stored stored = (MessageLog.Appended.Stored) log.append(
              new NewMessage(messageId, users[i % 2], users[(i + 1) % 2], new MessageText("m" + i), Instant.now()));
          if (stored.duplicate() && !uncertainAppends.contains(messageId)) {
            falseAnswers.add("append " + messageId + " answered duplicate");
          }
          appended.add(stored.message());
          acknowledged++;
        } catch (RedisStoreException e) {
          uncertainAppends.add(messageId);
          failed++;
          failures.add(e.getMessage());
        }
        slowestMillis = Math.max(slowestMillis, (System.nanoTime() - start) / 1_000_000);
        attempt(null, () -> {
          Conversation conversation = Conversation.between(users[0], users[1]);
          List<LoggedMessage> page = log.history(conversation, OptionalLong.empty(), 5).messages();
          List<LoggedMessage> expected = appended.subList(Math.max(0, appended.size() - 5), appended.size());
          // Newest first; an append that failed may still have landed and sit among them.
          List<LoggedMessage> newestFirst = new ArrayList<>(expected);
          java.util.Collections.reverse(newestFirst);
          if (uncertainAppends.isEmpty() && !page.equals(newestFirst)) {
            falseAnswers.add("history " + page + " but acknowledged " + expected);
          }
        });
        rounds.release();
      }
      return this;
    }

    /** Acknowledged state that is not there at the end. */
    List<String> lostAtTheEnd() {
      List<String> lost = new ArrayList<>();
      known.forEach((c, owner) -> {
        if (!unknown.contains(c) && !registry.userOf(c).equals(owner)) {
          lost.add(c + " should be " + owner);
        }
      });
      for (LoggedMessage m : appended) {
        if (!log.find(m.conversation(), m.id()).equals(Optional.of(m))) {
          lost.add("message " + m.id());
        }
      }
      return lost;
    }

    private void check(String what, ConnectionId c, Optional<UserId> actual) {
      Optional<UserId> expected = unknown.contains(c) ? null : known.get(c);
      if (expected != null && !expected.equals(actual)) {
        falseAnswers.add(what + " answered " + actual + ", expected " + expected);
      }
    }

    private void checkConnections(UserId user, Set<ConnectionId> actual) {
      known.forEach((c, owner) -> {
        if (unknown.contains(c)) {
          return;
        }
        boolean listed = actual.contains(c);
        boolean should = owner.equals(Optional.of(user));
        if (listed != should) {
          falseAnswers.add("connectionsOf " + user + (listed ? " lists " : " misses ") + c);
        }
      });
    }

    private void attempt(ConnectionId on, Runnable operation) {
      long start = System.nanoTime();
      try {
        operation.run();
        acknowledged++;
      } catch (RedisStoreException e) {
        failed++;
        failures.add(e.getMessage());
        if (on != null) {
          unknown.add(on);
        }
      }
      slowestMillis = Math.max(slowestMillis, (System.nanoTime() - start) / 1_000_000);
    }
  }
}
