package io.wschat.adapter.redis;

import io.wschat.domain.contract.MessageLogContract;
import io.wschat.domain.port.MessageLog;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole port contract, unchanged, on a real three-master Redis Cluster with a replica per master. */
class RedisClusterMessageLogIT extends MessageLogContract {
  @RegisterExtension
  static final ClusterPool CLUSTER = new ClusterPool();

  @Override
  protected MessageLog log(Clock clock, Duration retention) {
    return new RedisMessageLog(CLUSTER.pool(), RedisSettings.DEFAULT_KEY_PREFIX, clock, retention);
  }
}
