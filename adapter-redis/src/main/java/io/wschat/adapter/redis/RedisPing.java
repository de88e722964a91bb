package io.wschat.adapter.redis;

/** One PING, for a runner that must know the server answers before it says it is running. */
public final class RedisPing {
  private RedisPing() {}

  /**
   * Connects with {@code settings} (password, TLS and database included), sends PING and closes again.
   *
   * @throws RedisStoreException if the server cannot be reached, refuses the credentials or does not answer in time
   */
  public static void ping(RedisSettings settings) {
    try (PooledRedis redis = PooledRedis.open(settings)) {
      redis.call("ping", true, () -> redis.client().ping());
    }
  }
}
