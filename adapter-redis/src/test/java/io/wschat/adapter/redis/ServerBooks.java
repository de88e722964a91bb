package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.engines.RedisServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;

/**
 * A Redis that keeps books on every request, to prove round-trip budgets from the server's own records. With
 * {@code slowlog-log-slower-than 0} the slow log records every command with the client that sent it, so an
 * adapter's entries are exactly the requests it sent; commands a script runs are logged under Lua's own
 * pseudo-client and are not requests. INFO commandstats then shows the whole server-side profile of an operation,
 * script internals included, so nothing extra hides there.
 */
final class ServerBooks implements AutoCloseable {
  /** The budget from issue 5, kept for the message log in issue 14: one request, so one round trip, per operation. */
  static final int MAX_ROUND_TRIPS_PER_OPERATION = 1;

  /** An operation's requests, in order, and how often the server ran each command. */
  record Cost(List<String> requests, Map<String, Long> commands) {}

  private final RedisServer server;
  private final Jedis admin;
  private final String adminAddress;

  ServerBooks() {
    server = RedisServer.start("--slowlog-log-slower-than", "0", "--slowlog-max-len", "1000");
    admin = new Jedis(server.host(), server.port());
    adminAddress = field(admin.clientInfo(), "addr");
  }

  String url() {
    return server.url();
  }

  /** What a restart or a failover does to the script cache. */
  void forgetScripts() {
    admin.scriptFlush();
  }

  /** Asserts that {@code operation} sent only {@code request}, and the server ran exactly {@code serverCommands}. */
  void expect(String what, Runnable operation, String request, String... serverCommands) {
    Cost cost = measure(operation);
    System.out.printf("%-28s round trips: %d %s, server ran: %s%n", what, cost.requests().size(), cost.requests(),
        cost.commands());
    assertThat(cost.requests()).as("%s: requests sent", what)
        .hasSizeLessThanOrEqualTo(MAX_ROUND_TRIPS_PER_OPERATION)
        .containsExactly(request);
    assertThat(cost.commands()).as("%s: commands the server ran", what).isEqualTo(profile(serverCommands));
  }

  /**
   * As {@link #expect}, for a write that may not be sent twice ({@code Replay.CHECKED}): its reused connection
   * answers one PING first, the price of never writing it into a connection that died while idle.
   */
  void expectChecked(String what, Runnable operation, String request, String... serverCommands) {
    Cost cost = measure(operation);
    System.out.printf("%-28s round trips: %d %s, server ran: %s%n", what, cost.requests().size(), cost.requests(),
        cost.commands());
    assertThat(cost.requests()).as("%s: requests sent", what)
        .hasSize(MAX_ROUND_TRIPS_PER_OPERATION + 1)
        .containsExactly("ping", request);
    String[] withPing = new String[serverCommands.length + 1];
    withPing[0] = "ping";
    System.arraycopy(serverCommands, 0, withPing, 1, serverCommands.length);
    assertThat(cost.commands()).as("%s: commands the server ran", what).isEqualTo(profile(withPing));
  }

  Cost measure(Runnable operation) {
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

  @Override
  public void close() {
    admin.close();
    server.close();
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
