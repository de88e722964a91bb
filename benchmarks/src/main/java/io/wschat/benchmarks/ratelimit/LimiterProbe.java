package io.wschat.benchmarks.ratelimit;

import io.wschat.adapter.dynamodb.DynamoDbConnectionRegistry;
import io.wschat.adapter.dynamodb.DynamoDbRateLimiter;
import io.wschat.adapter.memory.InMemoryRateLimiter;
import io.wschat.adapter.redis.RedisConnectionRegistry;
import io.wschat.adapter.redis.RedisRateLimiter;
import io.wschat.adapter.redis.RedisSettings;
import io.wschat.benchmarks.LocalEngines;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.RateLimiter;
import io.wschat.domain.port.RateLimiter.Decision;
import io.wschat.engines.RedisServer;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the send limit costs per send, on each store: the latency of {@code acquire} in its three cases (a user's
 * first send after a pause, a send within a burst, a refused send), next to one registry read on the same engine
 * for scale. Engines on loopback, one thread, after a warm-up. {@code java -cp <benchmarks jar and classpath>
 * io.wschat.benchmarks.ratelimit.LimiterProbe [samples]}.
 */
public final class LimiterProbe {
  private LimiterProbe() {}

  public static void main(String[] args) throws Exception {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    SendRate rate = SendRate.DEFAULT;
    System.out.printf("LimiterProbe: %d samples per case, rate %s, medians and p99 in microseconds%n", samples, rate);
    probe("memory", new InMemoryRateLimiter(rate), null, samples);
    try (RedisServer server = LocalEngines.redis();
        RedisRateLimiter limiter = RedisRateLimiter.create(RedisSettings.fromUrl(server.url()), rate);
        RedisConnectionRegistry registry = RedisConnectionRegistry.create(RedisSettings.fromUrl(server.url()))) {
      probe("redis", limiter, registry, samples);
    }
    LocalEngines.DynamoDbLocal dynamo = LocalEngines.dynamoDb();
    String table = dynamo.newTable("limiter-probe");
    try (DynamoDbClient client = dynamo.client()) {
      probe("dynamodb-local", new DynamoDbRateLimiter(client, table, rate),
          new DynamoDbConnectionRegistry(client, table), Math.max(200, samples / 4));
    }
    System.exit(0);
  }

  private static void probe(String store, RateLimiter limiter, ConnectionRegistry registry, int samples) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    ConnectionId connection = new ConnectionId("probe-" + run + "=");
    if (registry != null) {
      registry.register(connection, new UserId("probe-" + run));
    }
    for (int i = 0; i < Math.min(samples, 500); i++) { // warm-up: JIT, pool, script cache
      limiter.acquire(new UserId("warm-" + run + "-" + i), java.time.Instant.now());
      if (registry != null) {
        registry.userOf(connection);
      }
    }
    long[] pause = time(samples, i -> limiter.acquire(new UserId("p-" + run + "-" + i), java.time.Instant.now()),
        Decision.Allowed.class);
    // Within a burst: each user's first send untimed, then up to 19 more while the bucket still holds some.
    long[] burst = new long[samples];
    long[] refused = new long[samples];
    int b = 0;
    int r = 0;
    for (int user = 0; b < samples || r < samples; user++) {
      UserId id = new UserId("b-" + run + "-" + user);
      limiter.acquire(id, java.time.Instant.now());
      for (int i = 1; i < SendRate.DEFAULT_BURST && b < samples; i++) {
        long start = System.nanoTime();
        Decision d = limiter.acquire(id, java.time.Instant.now());
        long took = System.nanoTime() - start;
        if (d instanceof Decision.Allowed) {
          burst[b++] = took;
        }
      }
      for (int i = 0; i < 25 && r < samples; i++) {
        long start = System.nanoTime();
        Decision d = limiter.acquire(id, java.time.Instant.now());
        long took = System.nanoTime() - start;
        if (d instanceof Decision.Refused) {
          refused[r++] = took;
        }
      }
    }
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-15s after a pause %s | within a burst %s"
        + " | refused %s", store, stats(pause), stats(burst), stats(refused)));
    if (registry != null) {
      line.append(" | registry userOf ").append(stats(time(samples, i -> registry.userOf(connection), null)));
    }
    System.out.println(line);
  }

  private interface Call {
    Object run(int i);
  }

  private static long[] time(int samples, Call call, Class<?> expected) {
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      Object result = call.run(i);
      nanos[i] = System.nanoTime() - start;
      if (expected != null && !expected.isInstance(result)) {
        throw new IllegalStateException("expected " + expected.getSimpleName() + ", got " + result);
      }
    }
    return nanos;
  }

  private static String stats(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    Supplier<String> fmt = () -> String.format(Locale.ROOT, "median %.1f, p99 %.1f",
        sorted[sorted.length / 2] / 1e3, sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1e3);
    return fmt.get();
  }
}
