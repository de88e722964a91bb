package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.MessageLog.Cursor;
import io.wschat.domain.port.MessageLog.NewMessage;
import io.wschat.engines.RedisCluster.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The round trips of each operation on a cluster, from the books of the master that holds the adapters' slot (every
 * key is there): with {@code slowlog-log-slower-than 0} its slow log records each request and the client that sent
 * it, and a script's own commands under Lua's pseudo-client, which are not requests. docs/storage.md's table.
 */
class RedisClusterRoundTripIT {
  @RegisterExtension
  static final ClusterPool CLUSTER = new ClusterPool();
  private static Jedis master;
  private static String adminAddress;
  private static RedisConnectionRegistry registry;
  private static RedisMessageLog log;
  private static RedisRateLimiter limiter;

  @BeforeAll
  static void open() {
    RedisSettings settings = CLUSTER.settings();
    Node node = CLUSTER.cluster().masterOf(CLUSTER.cluster().slotOf(settings.clusterKeyPrefix()));
    master = new Jedis(node.host(), node.port());
    master.configSet("slowlog-log-slower-than", "0");
    master.configSet("slowlog-max-len", "1000");
    adminAddress = master.clientInfo().split("addr=")[1].split(" ")[0];
    registry = RedisConnectionRegistry.create(settings);
    log = RedisMessageLog.create(settings, Clock.systemUTC(), Duration.ofDays(1));
    limiter = RedisRateLimiter.create(settings, SendRate.DEFAULT);
  }

  @AfterAll
  static void close() {
    for (AutoCloseable c : new AutoCloseable[] {registry, log, limiter, master}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void each_operation_costs_the_round_trips_docs_storage_md_gives() {
    UserId alice = new UserId("alice");
    UserId bob = new UserId("bob");
    Conversation conversation = Conversation.between(alice, bob);
    // Warm up: the client's slot map, and each script in the servers' caches (a first EVALSHA answers NOSCRIPT).
    registry.register(new ConnectionId("warm"), alice);
    registry.register(new ConnectionId("warm"), bob);
    registry.connectionsOf(alice);
    registry.unregister(new ConnectionId("warm"));
    LoggedMessage warm = append(alice, bob, "warm");
    log.history(conversation, OptionalLong.empty(), 5);
    log.find(conversation, warm.id());
    log.advance(alice, conversation, Cursor.READ, 1);
    log.deliveredLive(warm);
    log.pending(bob, 5);
    log.conversations(alice, 5);
    limiter.acquire(alice, Instant.now());

    ConnectionId c = new ConnectionId("c1");
    expect("register", () -> registry.register(c, alice), "evalsha");
    expect("register again, same user", () -> registry.register(c, alice), "evalsha");
    expect("register moving to another user", () -> registry.register(c, bob), "evalsha", "evalsha");
    expect("userOf", () -> registry.userOf(c), "get");
    expect("connectionsOf", () -> registry.connectionsOf(bob), "evalsha");
    expect("unregister", () -> registry.unregister(c), "get", "evalsha");
    expect("unregister, not registered", () -> registry.unregister(c), "get");
    LoggedMessage[] sent = new LoggedMessage[1];
    expect("append", () -> sent[0] = append(bob, alice, "m1"), "evalsha");
    expect("history", () -> log.history(conversation, OptionalLong.empty(), 20), "evalsha");
    expect("find", () -> log.find(conversation, sent[0].id()), "evalsha");
    expect("cursors", () -> log.cursors(alice, conversation), "hmget");
    expect("deliveredLive", () -> log.deliveredLive(sent[0]), "evalsha");
    expect("advance", () -> log.advance(alice, conversation, Cursor.READ, sent[0].position()), "evalsha");
    expect("pending", () -> log.pending(alice, 20), "zrangebyscore", "evalsha");
    expect("pending, nothing to read", () -> log.pending(new UserId("nobody"), 20), "zrangebyscore");
    expect("conversations", () -> log.conversations(alice, 20), "zrevrangebyscore", "evalsha");
    expect("acquire", () -> limiter.acquire(bob, Instant.now()), "evalsha");
  }

  private static LoggedMessage append(UserId from, UserId to, String id) {
    return ((MessageLog.Appended.Stored) log.append(new NewMessage(new MessageId(id), from, to,
        new MessageText("hello"), Instant.now()))).message();
  }

  private static void expect(String what, Runnable operation, String... requests) {
    master.slowlogReset();
    operation.run();
    List<String> sent = master.slowlogGet(1000).stream()
        .filter(entry -> !entry.getClientIpPort().toString().equals(adminAddress))
        .filter(entry -> !entry.getClientIpPort().getHost().equals("?")) // Lua's pseudo-client: a script's commands
        .sorted((a, b) -> Long.compare(a.getId(), b.getId()))
        .map(entry -> entry.getArgs().get(0).toLowerCase())
        .filter(command -> !Set.of("replconf", "slowlog").contains(command)) // the replica's acknowledgements
        .toList();
    System.out.printf("%-34s round trips: %d %s%n", what, sent.size(), sent);
    assertThat(sent).as(what).containsExactly(requests);
  }
}
