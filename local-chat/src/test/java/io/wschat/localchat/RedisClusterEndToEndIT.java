package io.wschat.localchat;

import io.wschat.engines.RedisCluster;
import java.util.Optional;

/**
 * The local chat end to end on a real Redis Cluster (three masters, a replica each), given one seed: the client
 * finds the other nodes itself, as it does behind ElastiCache Serverless's one endpoint.
 */
class RedisClusterEndToEndIT extends EndToEndContract {
  private final RedisCluster cluster = RedisCluster.start();

  @Override
  protected LocalChat.Options onStore(LocalChat.Options options) {
    return options.withStore(LocalChat.Store.REDIS, Optional.of("redis+cluster://" + cluster.seeds().get(0)));
  }

  @Override
  protected void stopStore() {
    cluster.close();
  }
}
