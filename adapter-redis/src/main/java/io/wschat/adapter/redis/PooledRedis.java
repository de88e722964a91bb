package io.wschat.adapter.redis;

import io.wschat.adapter.redis.internal.Attempts;
import io.wschat.adapter.redis.internal.ClusterAttempts;
import io.wschat.adapter.redis.internal.FailingCallerFactory;
import io.wschat.adapter.redis.internal.LazyClusterClient;
import io.wschat.adapter.redis.internal.Replay;
import io.wschat.adapter.redis.internal.Retrying;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * One pooled client per adapter instance, and the one way its operations run: with the retry rules of
 * {@link Attempts}, and every Jedis failure turned into a {@link RedisStoreException} that is safe to log. Package
 * private so that the exception keeps its package-private constructor and no Jedis type leaves this module.
 */
final class PooledRedis implements AutoCloseable {
  private final Supplier<UnifiedJedis> client;
  private final AutoCloseable owned;
  private final Retrying attempts;
  private final String secret;
  private final boolean cluster;

  private PooledRedis(Supplier<UnifiedJedis> client, AutoCloseable owned, Retrying attempts, String secret,
      boolean cluster) {
    this.client = client;
    this.owned = owned;
    this.attempts = attempts;
    this.secret = secret;
    this.cluster = cluster;
  }

  /**
   * A pool from {@code settings}: one server's, or on a cluster Jedis's cluster client with a pool per node.
   * Nothing connects yet; a bad setting fails here, an unreachable server later.
   */
  static PooledRedis open(RedisSettings settings) {
    Objects.requireNonNull(settings, "settings");
    JedisClientConfig config = clientConfig(settings);
    if (settings.cluster()) {
      Set<HostAndPort> seeds = settings.seeds().stream().map(s -> new HostAndPort(s.host(), s.port()))
          .collect(Collectors.toSet());
      // Jedis retries a connection failure on a fresh slot map only while this has not passed since the command
      // began; so a command that timed out once is not sent again, and fails within the bounds of one server's.
      LazyClusterClient cluster = new LazyClusterClient(seeds, config, poolConfig(settings), settings.socketTimeout());
      Retrying attempts = new ClusterAttempts(settings.socketTimeout(), cluster::dropIdle);
      return new PooledRedis(cluster, cluster, attempts, settings.password(), true);
    }
    HostAndPort address = new HostAndPort(settings.host(), settings.port());
    FailingCallerFactory factory = new FailingCallerFactory(new ConnectionFactory(address, config));
    ConnectionPoolConfig pool = poolConfig(settings);
    // The factory's test costs nothing but for a CHECKED operation on a connection that served before: a PING.
    pool.setTestOnBorrow(true);
    PooledConnectionProvider provider = new PooledConnectionProvider(factory, pool);
    RedisClient client = RedisClient.builder()
        .hostAndPort(address)
        .clientConfig(config)
        .connectionProvider(provider)
        .build();
    return new PooledRedis(() -> client, client, new Attempts(provider.getPool(), factory), settings.password(),
        false);
  }

  /** Whether this is a cluster's client: then every key the adapters use must share one hash slot. */
  boolean cluster() {
    return cluster;
  }

  /**
   * The key prefix the adapters use with this pool: {@code prefix} on one server, and on a cluster with a hash tag
   * around it when it has none ({@link RedisSettings#clusterKeyPrefix()}).
   */
  String keyPrefix(String prefix) {
    return cluster ? RedisSettings.tagged(prefix) : prefix;
  }

  /** The client; on a cluster, the first call builds it, which asks the seeds for the slot map. */
  UnifiedJedis client() {
    return client.get();
  }

  /**
   * Runs one port operation. {@code replay}: whether it may reach the server twice, which decides how it gets past
   * a pooled connection that died while idle (see {@link Replay} and {@link Attempts}).
   */
  <T> T call(String operation, Replay replay, Supplier<T> body) {
    long start = System.nanoTime();
    try {
      return attempts.run(replay, body);
    } catch (JedisException e) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      String message = "Redis " + operation + " failed after " + millis + " ms: " + describe(e);
      throw new RedisStoreException(operation, message, e);
    }
  }

  /** Closes every idle pooled connection; see {@link RedisConnectionRegistry#dropIdleConnections()}. */
  void dropIdle() {
    attempts.dropIdle();
  }

  @Override
  public void close() {
    try {
      owned.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not close the Redis client", e);
    }
  }

  private String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && text.length() < 300; t = t.getCause()) {
      text.append(text.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        text.append(": ").append(t.getMessage());
      }
      // Jedis hangs the reason for "Failed to connect" (refused, timed out) on the suppressed list, not the cause.
      Arrays.stream(t.getSuppressed()).filter(IOException.class::isInstance).findFirst()
          .ifPresent(io -> text.append(" (").append(io.getClass().getSimpleName()).append(": ")
              .append(io.getMessage()).append(')'));
    }
    // Jedis does not put credentials in its messages; this keeps it so should that ever change.
    return secret == null || secret.isEmpty() ? text.toString() : text.toString().replace(secret, "***");
  }

  private static JedisClientConfig clientConfig(RedisSettings settings) {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis((int) settings.connectTimeout().toMillis())
        .socketTimeoutMillis((int) settings.socketTimeout().toMillis())
        .database(settings.database())
        .ssl(settings.tls());
    if (settings.tls()) {
      // Verify the host name explicitly rather than rely on the client library's default for it.
      SSLParameters tls = new SSLParameters();
      tls.setEndpointIdentificationAlgorithm("HTTPS");
      config.sslParameters(tls);
    }
    if (settings.password() != null) {
      config.user(settings.user()).password(settings.password());
    }
    return config.build();
  }

  private static ConnectionPoolConfig poolConfig(RedisSettings settings) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(settings.poolMaxTotal());
    pool.setMaxIdle(settings.poolMaxTotal());
    pool.setMinIdle(0);
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(settings.poolMaxWait());
    // No PING on borrow: it would double every operation's round trips. Dead connections are handled by Attempts;
    // on one server, open() lets its factory PING before the few operations that may not be sent twice.
    pool.setTestOnBorrow(false);
    pool.setTestOnReturn(false);
    // No evictor thread: Lambda freezes it between invocations anyway, and its PINGs add traffic of their own.
    pool.setTestWhileIdle(false);
    pool.setTimeBetweenEvictionRuns(Duration.ofMillis(-1));
    return pool;
  }
}
