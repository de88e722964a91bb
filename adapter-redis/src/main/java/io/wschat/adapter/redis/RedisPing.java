package io.wschat.adapter.redis;

import io.wschat.adapter.redis.internal.Replay;
import redis.clients.jedis.exceptions.JedisDataException;

/** One PING, for a runner that must know the server answers before it says it is running. */
public final class RedisPing {
  private RedisPing() {}

  /**
   * Connects with {@code settings} (password, TLS and database included), sends PING and closes again. On a
   * cluster URL, the client first reads the slot map from a seed, so a server that is no cluster fails here; a
   * plain URL that reaches a cluster node fails too, since every key would answer MOVED.
   *
   * @throws RedisStoreException if the server cannot be reached, refuses the credentials, does not answer in time,
   *                             or is not what the URL says
   */
  public static void ping(RedisSettings settings) {
    try (PooledRedis redis = PooledRedis.open(settings)) {
      redis.call("ping", Replay.SAFE, () -> {
        String pong = redis.client().ping();
        if (!settings.cluster() && clusterEnabled(redis)) {
          throw new JedisDataException("the server is a Redis Cluster node; write the URL as redis+cluster://"
              + " (or rediss+cluster://)");
        }
        return pong;
      });
    }
  }

  /** Whether INFO says so; an ACL user not allowed INFO (it is in @dangerous) is taken at its word. */
  private static boolean clusterEnabled(PooledRedis redis) {
    try {
      return redis.client().info("cluster").contains("cluster_enabled:1");
    } catch (JedisDataException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("NOPERM")) {
        return false;
      }
      throw e;
    }
  }
}
