package io.wschat.benchmarks.cluster;

import io.wschat.adapter.redis.RedisConnectionRegistry;
import io.wschat.adapter.redis.RedisMessageLog;
import io.wschat.adapter.redis.RedisRateLimiter;
import io.wschat.adapter.redis.RedisSettings;
import io.wschat.benchmarks.LocalEngines;
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
import io.wschat.engines.RedisCluster;
import io.wschat.engines.RedisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Redis Cluster costs each adapter operation: every registry, message-log and limiter operation timed on a
 * single redis-server and on a local cluster of three masters (a replica each), one thread, after a warm-up, as
 * medians and the ratio cluster / single. The reference is redis-benchmark ({@code -c 1}) sending GET (the command
 * behind {@code userOf}) and SET (a write, which the cluster also replicates, as it does every write of ours) to
 * the single server and with {@code --cluster} to the cluster. {@code java -cp <benchmarks
 * jar and classpath> io.wschat.benchmarks.cluster.ClusterProbe [samples]}.
 */
public final class ClusterProbe {
  private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) requests per second");

  private ClusterProbe() {}

  /** One operation's median on each engine, in microseconds. */
  public record Row(String operation, double single, double cluster) {
    public double ratio() {
      return cluster / single;
    }
  }

  public static void main(String[] args) throws Exception {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    List<Row> rows = run(samples);
    System.out.printf(Locale.ROOT, "ClusterProbe: %d samples per operation, one thread, medians in microseconds%n",
        samples);
    System.out.printf(Locale.ROOT, "%-22s %10s %10s %8s%n", "operation", "single", "cluster", "ratio");
    rows.forEach(row -> System.out.printf(Locale.ROOT, "%-22s %10.1f %10.1f %7.2fx%n", row.operation(),
        row.single(), row.cluster(), row.ratio()));
    System.exit(0);
  }

  /** Every operation, then redis-benchmark's GET and SET, on a fresh redis-server and a fresh local cluster. */
  public static List<Row> run(int samples) throws IOException, InterruptedException {
    Map<String, Double> single;
    Map<String, Double> cluster;
    try (RedisServer server = LocalEngines.redis()) {
      single = probe(RedisSettings.fromUrl(server.url()), samples);
      for (String test : List.of("get", "set")) {
        single.put(reference(test), 1e6 / redisBenchmark(List.of("-h", server.host(), "-p",
            Integer.toString(server.port())), test, samples * 5));
      }
    }
    try (RedisCluster nodes = RedisCluster.start()) {
      cluster = probe(RedisSettings.fromUrl(nodes.url()), samples);
      String seed = nodes.seeds().get(0);
      for (String test : List.of("get", "set")) {
        cluster.put(reference(test), 1e6 / redisBenchmark(List.of("--cluster", "-h",
            seed.substring(0, seed.lastIndexOf(':')), "-p", seed.substring(seed.lastIndexOf(':') + 1)), test,
            samples * 5));
      }
    }
    return single.keySet().stream().map(op -> new Row(op, single.get(op), cluster.get(op))).toList();
  }

  private static String reference(String test) {
    return "redis-benchmark " + test.toUpperCase(Locale.ROOT);
  }

  /** Median microseconds of each operation against {@code settings}. */
  private static Map<String, Double> probe(RedisSettings settings, int samples) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Map<String, Double> medians = new LinkedHashMap<>();
    // A cold start's first operation: the client opens its first connection, and on a cluster first reads the slot
    // map from a seed. Fresh registries, after the JVM has loaded the classes once.
    long[] first = new long[12];
    for (int i = 0; i < first.length; i++) {
      try (RedisConnectionRegistry fresh = RedisConnectionRegistry.create(settings)) {
        long start = System.nanoTime();
        fresh.userOf(new ConnectionId("first-" + run));
        first[i] = System.nanoTime() - start;
      }
    }
    Arrays.sort(first, 2, first.length);
    medians.put("first operation", first[2 + (first.length - 2) / 2] / 1e3);
    try (RedisConnectionRegistry registry = RedisConnectionRegistry.create(settings);
        RedisMessageLog log = RedisMessageLog.create(settings, Clock.systemUTC(), Duration.ofDays(1));
        RedisRateLimiter limiter = RedisRateLimiter.create(settings, SendRate.DEFAULT)) {
      UserId alice = new UserId("alice-" + run);
      UserId bob = new UserId("bob-" + run);
      Conversation conversation = Conversation.between(alice, bob);
      for (int round = 0; round < 2; round++) { // the first round warms up: JIT, pools, script caches
        String r = run + "-" + round;
        boolean keep = round == 1;
        time(medians, keep, "register", samples, i -> {
          registry.register(new ConnectionId("c-" + r + "-" + i), alice);
          return null;
        });
        time(medians, keep, "register (move)", samples, i -> {
          registry.register(new ConnectionId("c-" + r + "-" + i), bob);
          return null;
        });
        time(medians, keep, "userOf", samples, i -> registry.userOf(new ConnectionId("c-" + r + "-" + i)));
        time(medians, keep, "connectionsOf", samples, i -> registry.connectionsOf(new UserId("u-" + r + "-" + i)));
        time(medians, keep, "unregister", samples, i -> registry.unregister(new ConnectionId("c-" + r + "-" + i)));
        List<LoggedMessage> sent = new ArrayList<>();
        time(medians, keep, "append", samples, i -> sent.add(((MessageLog.Appended.Stored) log.append(
            new NewMessage(new MessageId("m-" + r + "-" + i), i % 2 == 0 ? alice : bob, i % 2 == 0 ? bob : alice,
                new MessageText("hello " + i), Instant.now()))).message()));
        time(medians, keep, "history (20)", samples, i -> log.history(conversation, OptionalLong.empty(), 20));
        time(medians, keep, "find", samples, i -> log.find(conversation, sent.get(i).id()));
        time(medians, keep, "cursors", samples, i -> log.cursors(alice, conversation));
        time(medians, keep, "deliveredLive", samples, i -> log.deliveredLive(sent.get(i)));
        time(medians, keep, "pending (20)", samples, i -> log.pending(alice, 20));
        time(medians, keep, "advance", samples, i ->
            log.advance(alice, conversation, Cursor.READ, sent.get(i).position()));
        time(medians, keep, "conversations (20)", samples, i -> log.conversations(alice, 20));
        time(medians, keep, "acquire", samples, i -> limiter.acquire(new UserId("s-" + r + "-" + i), Instant.now()));
      }
    }
    return medians;
  }

  private static void time(Map<String, Double> medians, boolean keep, String name, int samples,
      IntFunction<Object> call) {
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      call.apply(i);
      nanos[i] = System.nanoTime() - start;
    }
    if (keep) {
      Arrays.sort(nanos);
      medians.put(name, nanos[samples / 2] / 1e3);
    }
  }

  /** One of redis-benchmark's tests from one client, requests per second. */
  private static double redisBenchmark(List<String> target, String test, int requests)
      throws IOException, InterruptedException {
    List<String> line = new ArrayList<>(List.of("redis-benchmark"));
    line.addAll(target);
    line.addAll(List.of("-c", "1", "-n", Integer.toString(requests), "-q", "-t", test));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("redis-benchmark failed: " + output);
    }
    Matcher m = RATE.matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("redis-benchmark said: " + output);
    }
    return Double.parseDouble(m.group(1));
  }
}
