package io.wschat.benchmarks.jmh;

import io.wschat.adapter.redis.RedisConnectionRegistry;
import io.wschat.adapter.redis.RedisSettings;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
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
public class RedisRegistryBenchmark {
  public static final String URL = "wschat.bench.redis.url";

  private RedisConnectionRegistry registry;

  @Setup
  public void setUp() {
    registry = RedisConnectionRegistry.create(RedisSettings.fromUrl(RegistryOperations.property(URL)));
    RegistryOperations.prepare(registry);
  }

  @TearDown
  public void tearDown() {
    registry.close();
  }

  @Benchmark
  public void register() {
    registry.register(RegistryOperations.CONNECTION, RegistryOperations.USER);
  }

  @Benchmark
  public Optional<UserId> userOf() {
    return registry.userOf(RegistryOperations.CONNECTION);
  }

  @Benchmark
  public Set<ConnectionId> connectionsOf() {
    return registry.connectionsOf(RegistryOperations.USER);
  }
}
