package io.wschat.adapter.redis;

import io.wschat.domain.contract.ConnectionRegistryContract;
import io.wschat.domain.port.ConnectionRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole port contract, unchanged, on a real three-master Redis Cluster with a replica per master. */
class RedisClusterConnectionRegistryIT extends ConnectionRegistryContract {
  @RegisterExtension
  static final ClusterPool CLUSTER = new ClusterPool();
  private static RedisConnectionRegistry registry;

  @BeforeAll
  static void connect() {
    registry = RedisConnectionRegistry.create(CLUSTER.settings());
  }

  @AfterAll
  static void close() {
    if (registry != null) {
      registry.close();
    }
  }

  @Override
  protected ConnectionRegistry registry() {
    return registry;
  }
}
