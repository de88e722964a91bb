package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.engines.RedisServer;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Slowlog;

/**
 * Proves the round-trip budget from the server's own books. With {@code slowlog-log-slower-than 0} the slow log
 * records every command with the client that sent it, so the registry's entries are exactly the requests it sent;
 * commands a script runs are logged under Lua's own pseudo-client and are not requests. INFO commandstats then
 * shows the whole server-side profile of each operation, script internals included, so nothing extra hides there.
 */
class RedisRoundTripIT {
  /** The budget from issue 5: one request, so one round trip, per port operation. */
  private static final int MAX_ROUND_TRIPS_PER_OPERATION = 1;

  private static RedisServer server;
  private static RedisConnectionRegistry registry;
  private static Jedis admin;
  private static String adminAddress;

  @BeforeAll
  static void start() {
    server = RedisServer.start("--slowlog-log-slower-than", "0", "--slowlog-max-len", "1000");
    registry = RedisConnectionRegistry.create(RedisSettings.fromUrl(server.url()));
    admin = new Jedis(server.host(), server.port());
    adminAddress = field(admin.clientInfo(), "addr");
  }

  @BeforeEach
  void warmUp() {
    // As in any call after the first: the pool's connection is open and the server has cached the scripts.
    registry.register(new ConnectionId("warm"), new UserId("warm"));
    registry.connectionsOf(new UserId("warm"));
    registry.unregister(new ConnectionId("warm"));
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void every_operation_is_one_request() {
    ConnectionId c1 = new ConnectionId("rt-c1");
    UserId alice = new UserId("rt-alice");
    UserId bob = new UserId("rt-bob");
    String[] register = {"evalsha", "time", "get", "set", "zadd", "zremrangebyscore", "zrange", "pexpireat"};

    expect("register", () -> registry.register(c1, alice), "evalsha", register);
    expect("register again", () -> registry.register(c1, alice), "evalsha", register);
    expect("register under another user", () -> registry.register(c1, bob), "evalsha",
        "evalsha", "time", "get", "zrem", "set", "zadd", "zremrangebyscore", "zrange", "pexpireat");
    expect("userOf", () -> assertThat(registry.userOf(c1)).contains(bob), "get", "get");
    expect("connectionsOf", () -> assertThat(registry.connectionsOf(bob)).containsExactly(c1), "evalsha",
        "evalsha", "time", "zremrangebyscore", "zrange");
    expect("connectionsOf a user with none", () -> assertThat(registry.connectionsOf(alice)).isEmpty(), "evalsha",
        "evalsha", "time", "zremrangebyscore", "zrange");
    expect("unregister", () -> assertThat(registry.unregister(c1)).contains(bob), "evalsha",
        "evalsha", "get", "del", "zrem");
    expect("unregister an unknown id", () -> assertThat(registry.unregister(c1)).isEmpty(), "evalsha",
        "evalsha", "get");
    expect("userOf an unknown id", () -> assertThat(registry.userOf(c1)).isEmpty(), "get", "get");
  }

  @Test
  void a_server_that_forgot_the_scripts_costs_one_extra_request_once() {
    ConnectionId c2 = new ConnectionId("rt-c2");
    UserId carol = new UserId("rt-carol");
    admin.scriptFlush(); // what a restart or a failover does to the script cache

    assertThat(measure(() -> registry.register(c2, carol)).requests()).containsExactly("evalsha", "eval");
    assertThat(measure(() -> registry.register(c2, carol)).requests()).containsExactly("evalsha");
    assertThat(registry.connectionsOf(carol)).containsExactly(c2);
  }

  /** The registry's requests, in order, and how often the server ran each command. */
  record Cost(List<String> requests, Map<String, Long> commands) {}

  private static void expect(String what, Runnable operation, String request, String... serverCommands) {
    Cost cost = measure(operation);
    System.out.printf("%-28s round trips: %d %s, server ran: %s%n", what, cost.requests().size(), cost.requests(),
        cost.commands());
    assertThat(cost.requests()).as("%s: requests the registry sent", what)
        .hasSizeLessThanOrEqualTo(MAX_ROUND_TRIPS_PER_OPERATION)
        .containsExactly(request);
    assertThat(cost.commands()).as("%s: commands the server ran", what).isEqualTo(profile(serverCommands));
  }

  private static Cost measure(Runnable operation) {
    admin.slowlogReset();
    admin.configResetStat();
    operation.run();
    List<String> requests = admin.slowlogGet(1000).stream()
        .filter(entry -> !entry.getClientIpPort().toString().equals(adminAddress))
        .filter(entry -> !entry.getClientIpPort().getHost().equals("?")) // Lua's pseudo-client: a script's commands
        .sorted((a, b) -> Long.compare(a.getId(), b.getId()))
        .map(entry -> entry.getArgs().get(0).toLowerCase())
        .toList();
    Map<String, Long> commands = new TreeMap<>();
    for (String line : admin.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        long calls = Long.parseLong(field(line.substring(line.indexOf(':') + 1).replace(',', ' '), "calls"));
        if (!Set.of("config|resetstat", "slowlog|reset", "slowlog|get", "info").contains(name)) {
          commands.put(name, calls);
        }
      }
    }
    return new Cost(requests, commands);
  }

  private static Map<String, Long> profile(String... names) {
    Map<String, Long> counts = new TreeMap<>();
    for (String name : names) {
      counts.merge(name, 1L, Long::sum);
    }
    return counts;
  }

  private static String field(String text, String name) {
    for (String part : text.strip().split(" ")) {
      if (part.startsWith(name + "=")) {
        return part.substring(name.length() + 1);
      }
    }
    throw new IllegalStateException("no " + name + " in " + text);
  }
}
