package io.wschat.benchmarks.jmh;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;

/**
 * The three registry operations on the path of a message, on one fixed connection and user so that redis-benchmark
 * can be given the very same keys: register (refreshing an existing binding), userOf and connectionsOf.
 */
final class RegistryOperations {
  static final ConnectionId CONNECTION = new ConnectionId("BenchConnId1=");
  static final UserId USER = new UserId("bench-user-1");

  private RegistryOperations() {}

  static void prepare(ConnectionRegistry registry) {
    registry.register(CONNECTION, USER);
    if (!registry.connectionsOf(USER).contains(CONNECTION) || registry.userOf(CONNECTION).isEmpty()) {
      throw new IllegalStateException("the registry does not keep what it was given");
    }
  }

  static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("-D" + name + " is not set; run the benchmarks through io.wschat.benchmarks.Benchmarks");
    }
    return value;
  }
}
