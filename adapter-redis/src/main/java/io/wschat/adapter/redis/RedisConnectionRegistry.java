package io.wschat.adapter.redis;

import io.wschat.adapter.redis.internal.Attempts;
import io.wschat.adapter.redis.internal.FailingCallerFactory;
import io.wschat.adapter.redis.internal.KeyLayout;
import io.wschat.adapter.redis.internal.Scripts;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * A ConnectionRegistry on one Redis (or Valkey, or ElastiCache with cluster mode off), 6.2 or later. Every
 * operation is one round trip: a GET, or an EVALSHA of a script that runs atomically, so moving a connection
 * between users and unregistering it never leave it half done. Connections expire by themselves after the
 * connection TTL. docs/storage.md has the key layout and what changes on Redis Cluster.
 *
 * <p>Thread-safe. Build it once per process: it owns a connection pool, which {@link #close()} closes. Nothing
 * connects until the first operation, so a cold start does not fail when Redis is briefly away; an operation
 * that cannot reach Redis throws {@link RedisStoreException} within the configured timeouts.
 */
public final class RedisConnectionRegistry implements ConnectionRegistry, AutoCloseable {

  private final RedisClient client;
  private final KeyLayout keys;
  private final String ttlMillis;
  private final Attempts attempts;
  private final String secret;

  /**
   * The way to build one: a pooled client from {@code settings}, owned and closed by this registry. Nothing
   * connects yet; a bad setting fails here, an unreachable server on the first operation.
   */
  public static RedisConnectionRegistry create(RedisSettings settings) {
    Objects.requireNonNull(settings, "settings");
    HostAndPort address = new HostAndPort(settings.host(), settings.port());
    JedisClientConfig config = clientConfig(settings);
    FailingCallerFactory factory = new FailingCallerFactory(new ConnectionFactory(address, config));
    PooledConnectionProvider provider = new PooledConnectionProvider(factory, poolConfig(settings));
    RedisClient client = RedisClient.builder()
        .hostAndPort(address)
        .clientConfig(config)
        .connectionProvider(provider)
        .build();
    return new RedisConnectionRegistry(client, new Attempts(provider.getPool(), factory), settings);
  }

  private RedisConnectionRegistry(RedisClient client, Attempts attempts, RedisSettings settings) {
    this.client = client;
    this.attempts = attempts;
    this.keys = new KeyLayout(settings.keyPrefix());
    this.ttlMillis = Long.toString(settings.connectionTtl().toMillis());
    this.secret = settings.password();
  }

  @Override
  public void register(ConnectionId connection, UserId user) {
    // Idempotent: running it twice leaves the same state, so a retry on a fresh connection is safe.
    call("register", true, () -> Scripts.REGISTER.run(client,
        List.of(keys.connection(connection), keys.user(user)),
        List.of(user.value(), connection.value(), ttlMillis, keys.userPrefix())));
  }

  @Override
  public Optional<UserId> unregister(ConnectionId connection) {
    // Not retried: if the first attempt ran but its answer was lost, a second would wrongly answer "not registered".
    Object owner = call("unregister", false, () -> Scripts.UNREGISTER.run(client,
        List.of(keys.connection(connection)), List.of(connection.value(), keys.userPrefix())));
    return Optional.ofNullable((String) owner).map(UserId::new);
  }

  @Override
  public Set<ConnectionId> connectionsOf(UserId user) {
    Object members = call("connectionsOf", true,
        () -> Scripts.CONNECTIONS_OF.run(client, List.of(keys.user(user)), List.of()));
    return ((List<?>) members).stream().map(m -> new ConnectionId((String) m)).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public Optional<UserId> userOf(ConnectionId connection) {
    return Optional.ofNullable(call("userOf", true, () -> client.get(keys.connection(connection)))).map(UserId::new);
  }

  /**
   * Closes every idle pooled connection; the next operation opens a fresh one. For a process that is about to be
   * snapshotted and restored elsewhere (Lambda SnapStart), where a socket in the snapshot would be dead on restore.
   */
  public void dropIdleConnections() {
    attempts.dropIdle();
  }

  @Override
  public void close() {
    client.close();
  }

  private <T> T call(String operation, boolean idempotent, Supplier<T> body) {
    long start = System.nanoTime();
    try {
      return attempts.run(idempotent, body);
    } catch (JedisException e) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      String message = "Redis " + operation + " failed after " + millis + " ms: " + describe(e);
      throw new RedisStoreException(operation, message, e);
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
    // No PING on borrow: it would double every operation's round trips. Dead connections are handled by Attempts.
    pool.setTestOnBorrow(false);
    pool.setTestOnReturn(false);
    // No evictor thread: Lambda freezes it between invocations anyway, and its PINGs add traffic of their own.
    pool.setTestWhileIdle(false);
    pool.setTimeBetweenEvictionRuns(Duration.ofMillis(-1));
    return pool;
  }
}
