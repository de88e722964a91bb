package io.wschat.adapter.redis.internal;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisClusterOperationException;

/**
 * Jedis's cluster client, built on first use. Building it asks the seeds for the slot map, so building it at init
 * would make a cold start fail, or a SnapStart snapshot hold sockets, whenever the cluster is briefly away; this
 * way the first operation does it, and one that fails leaves the next to try again.
 */
public final class LazyClusterClient implements Supplier<UnifiedJedis>, AutoCloseable {
  /** Jedis's default: enough tries to follow a MOVED, then an ASK, and renew the slot map after a failure. */
  private static final int MAX_ATTEMPTS = 5;

  private final Set<HostAndPort> seeds;
  private final JedisClientConfig config;
  private final GenericObjectPoolConfig<Connection> pool;
  private final Duration retriesFor;
  // Read on every operation without a lock; written only under this object's lock.
  private volatile RedisClusterClient client;
  private volatile boolean closed;

  /**
   * @param retriesFor how long Jedis may go on retrying one command after connection failures and redirections;
   *                   one attempt that began before it ends may still take a socket timeout more
   */
  public LazyClusterClient(Set<HostAndPort> seeds, JedisClientConfig config, GenericObjectPoolConfig<Connection> pool,
      Duration retriesFor) {
    this.seeds = Set.copyOf(seeds);
    this.config = config;
    this.pool = pool;
    this.retriesFor = retriesFor;
  }

  @Override
  public UnifiedJedis get() {
    RedisClusterClient built = client;
    if (closed) {
      throw new IllegalStateException("the Redis Cluster client is closed");
    }
    return built != null ? built : build();
  }

  private synchronized UnifiedJedis build() {
    if (closed) {
      throw new IllegalStateException("the Redis Cluster client is closed");
    }
    if (client == null) {
      try {
        client = RedisClusterClient.builder()
            .nodes(seeds)
            .clientConfig(config)
            .poolConfig(pool)
            .maxAttempts(MAX_ATTEMPTS)
            .maxTotalRetriesDuration(retriesFor)
            .build();
      } catch (JedisClusterOperationException e) {
        // Jedis says only "Could not initialize cluster slots cache" and hides why among the suppressed.
        Throwable reason = innermost(e);
        throw new JedisClusterOperationException("no seed answered with a slot map: "
            + (reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage()), reason);
      }
    }
    return client;
  }

  private static Throwable innermost(Throwable e) {
    Throwable deepest = e;
    for (Throwable t = e; t != null; t = t.getCause() != null ? t.getCause()
        : t.getSuppressed().length > 0 ? t.getSuppressed()[0] : null) {
      deepest = t;
    }
    return deepest;
  }

  /** Closes the idle connections of every node's pool. */
  public synchronized void dropIdle() {
    if (client != null) {
      client.getClusterNodes().values().forEach(ConnectionPool::clear);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (client != null) {
      client.close();
    }
  }
}
