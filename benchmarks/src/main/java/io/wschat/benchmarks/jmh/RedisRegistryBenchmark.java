package io.wschat.benchmarks.jmh;

import io.wschat.adapter.redis.RedisConnectionRegistry;
import io.wschat.adapter.redis.RedisSettings;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link RedisConnectionRegistry} against a real redis-server, one thread: register is one EVALSHA, userOf one GET,
 * connectionsOf one EVALSHA. {@link RedisReference} runs redis-benchmark with the same commands and keys.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisRegistryBenchmark extends RegistryBenchmark {
  public static final String URL = "wschat.bench.redis.url";

  private RedisConnectionRegistry redis;

  @Setup
  public void setUp() {
    redis = RedisConnectionRegistry.create(RedisSettings.fromUrl(RegistryOperations.property(URL)));
    registry = redis;
    RegistryOperations.prepare(registry);
  }

  @TearDown
  public void tearDown() {
    redis.close();
  }
}
