package io.wschat.adapter.redis;

import io.wschat.domain.contract.RateLimiterContract;
import io.wschat.domain.model.SendRate;
import io.wschat.domain.port.RateLimiter;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole limiter contract, unchanged, on a real three-master Redis Cluster with a replica per master. */
class RedisClusterRateLimiterIT extends RateLimiterContract {
  @RegisterExtension
  static final ClusterPool CLUSTER = new ClusterPool();

  @Override
  protected RateLimiter limiter(SendRate rate) {
    return new RedisRateLimiter(CLUSTER.pool(), RedisSettings.DEFAULT_KEY_PREFIX, rate);
  }
}
