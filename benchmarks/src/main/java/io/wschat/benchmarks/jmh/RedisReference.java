package io.wschat.benchmarks.jmh;

import io.wschat.adapter.redis.RedisSettings;
import io.wschat.adapter.redis.internal.Scripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;

/**
 * redis-benchmark from one client ({@code -c 1}, no pipelining) sending exactly the commands our adapter sends for
 * each operation, on the same keys and arguments: EVALSHA of the adapter's own register and connectionsOf scripts
 * (their source is loaded from the adapter, so the SHA is the same), and GET of the connection key for userOf.
 * The server's work is therefore identical; what differs is the client: C and a raw socket against Jedis, its
 * pool and our adapter.
 */
public final class RedisReference {
  private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) requests per second");

  private final String host;
  private final int port;

  public RedisReference(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** The commands, by the name of the benchmark method they stand for. */
  public Map<String, List<String>> commands() {
    String prefix = RedisSettings.DEFAULT_KEY_PREFIX;
    String connectionKey = prefix + "conn:" + RegistryOperations.CONNECTION.value();
    String userKey = prefix + "user:" + RegistryOperations.USER.value();
    String ttl = Long.toString(RedisSettings.DEFAULT_CONNECTION_TTL.toMillis());
    Map<String, List<String>> commands = new LinkedHashMap<>();
    commands.put("register", List.of("EVALSHA", Scripts.REGISTER.sha(), "2", connectionKey, userKey,
        RegistryOperations.USER.value(), RegistryOperations.CONNECTION.value(), ttl, prefix + "user:"));
    commands.put("userOf", List.of("GET", connectionKey));
    commands.put("connectionsOf", List.of("EVALSHA", Scripts.CONNECTIONS_OF.sha(), "1", userKey));
    return commands;
  }

  /** Requests per second of each command, one sample per round. */
  public Map<String, List<Double>> run(int requests, int rounds) {
    try (Jedis jedis = new Jedis(host, port)) {
      for (var script : List.of(Scripts.REGISTER, Scripts.CONNECTIONS_OF)) {
        if (!jedis.scriptLoad(script.source()).equals(script.sha())) {
          throw new IllegalStateException("redis-server hashed the " + script.name() + " script differently");
        }
      }
    }
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      commands().forEach((name, command) ->
          rates.computeIfAbsent(name, n -> new ArrayList<>()).add(rate(command, requests)));
    }
    return rates;
  }

  private double rate(List<String> command, int requests) {
    List<String> line = new ArrayList<>(List.of("redis-benchmark", "-h", host, "-p", Integer.toString(port),
        "-c", "1", "-n", Integer.toString(requests), "-q"));
    line.addAll(command);
    try {
      Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("redis-benchmark failed: " + output);
      }
      if (output.contains("ERR") || output.contains("NOSCRIPT")) {
        throw new IllegalStateException("redis-benchmark's command was refused: " + output);
      }
      Matcher m = RATE.matcher(output);
      double last = -1;
      while (m.find()) {
        last = Double.parseDouble(m.group(1));
      }
      if (last < 0) {
        throw new IllegalStateException("no rate in redis-benchmark's output: " + output);
      }
      return last;
    } catch (IOException e) {
      throw new UncheckedIOException("redis-benchmark is not installed (it ships with redis-server)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
