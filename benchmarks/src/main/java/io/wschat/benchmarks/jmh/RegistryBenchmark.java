package io.wschat.benchmarks.jmh;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import java.util.Optional;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;

/** The three registry operations every store is measured on; each subclass sets up its own store. */
public abstract class RegistryBenchmark {
  protected ConnectionRegistry registry;

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
