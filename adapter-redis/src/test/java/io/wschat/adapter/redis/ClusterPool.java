package io.wschat.adapter.redis;

import io.wschat.engines.RedisCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis Cluster (three masters, one replica each) for one test class, with an adapter pool on it: started
 * before the class's first test, gone after its last. Register it with {@code @RegisterExtension static}.
 */
final class ClusterPool implements BeforeAllCallback, AfterAllCallback {
  private RedisCluster cluster;
  private PooledRedis pool;

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster = RedisCluster.start();
    pool = PooledRedis.open(settings());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (pool != null) {
      pool.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  RedisSettings settings() {
    return RedisSettings.fromUrl(cluster.url());
  }

  RedisCluster cluster() {
    return cluster;
  }

  /** Shared by the class's adapters; closed here, once. */
  PooledRedis pool() {
    return pool;
  }
}
