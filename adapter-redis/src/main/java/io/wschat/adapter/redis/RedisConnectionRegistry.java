package io.wschat.adapter.redis;

import io.wschat.adapter.redis.internal.KeyLayout;
import io.wschat.adapter.redis.internal.Replay;
import io.wschat.adapter.redis.internal.Scripts;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A ConnectionRegistry on one Redis (or Valkey, or ElastiCache with cluster mode off), 6.2 or later, or on a Redis
 * Cluster or ElastiCache Serverless ({@link RedisSettings#cluster()}). Every operation is one round trip: a GET, or
 * an EVALSHA of a script that runs atomically, so moving a connection between users and unregistering it never
 * leave it half done; on a cluster, where a script must declare every key, unregister and a move between users read
 * the owner first. Connections expire by themselves after the connection TTL. docs/storage.md has the key layout
 * and what changes on Redis Cluster.
 *
 * <p>Thread-safe. Build it once per process: it owns a connection pool, which {@link #close()} closes. Nothing
 * connects until the first operation, so a cold start does not fail when Redis is briefly away; an operation
 * that cannot reach Redis throws {@link RedisStoreException} within the configured timeouts.
 */
public final class RedisConnectionRegistry implements ConnectionRegistry, AutoCloseable {

  private final PooledRedis redis;
  private final KeyLayout keys;
  private final String ttlMillis;

  /**
   * The way to build one: a pooled client from {@code settings}, owned and closed by this registry. Nothing
   * connects yet; a bad setting fails here, an unreachable server on the first operation.
   */
  public static RedisConnectionRegistry create(RedisSettings settings) {
    return new RedisConnectionRegistry(PooledRedis.open(settings), settings);
  }

  private RedisConnectionRegistry(PooledRedis redis, RedisSettings settings) {
    this.redis = redis;
    this.keys = new KeyLayout(redis.keyPrefix(settings.keyPrefix()));
    this.ttlMillis = Long.toString(settings.connectionTtl().toMillis());
  }

  @Override
  public void register(ConnectionId connection, UserId user) {
    // SAFE: a second run leaves the same state (owner, lease renewed from the server's clock) and answers the same.
    redis.call("register", Replay.SAFE, () -> {
      List<String> args = List.of(user.value(), connection.value(), ttlMillis, keys.userPrefix(),
          redis.cluster() ? "1" : "0");
      Object reply = Scripts.REGISTER.run(redis.client(), List.of(keys.connection(connection), keys.user(user)), args);
      // Only on a cluster, when the connection belonged to someone else: run again with their set declared.
      for (int round = 0; reply instanceof String previous; round++) {
        requireSettled(round, connection);
        reply = Scripts.REGISTER.run(redis.client(), List.of(keys.connection(connection), keys.user(user),
            keys.user(new UserId(previous))), args);
      }
      return reply;
    });
  }

  @Override
  public Optional<UserId> unregister(ConnectionId connection) {
    // CHECKED: a second run after a lost answer would say "not registered" where the first removed the owner's
    // connection, and the caller (Disconnect) reports whom it unregistered. So it is never sent twice; its pooled
    // connection is checked first instead, so a restart nobody noticed does not fail it.
    Object owner = redis.call("unregister", Replay.CHECKED, () -> {
      if (!redis.cluster()) {
        return Scripts.UNREGISTER.run(redis.client(), List.of(keys.connection(connection)),
            List.of(connection.value(), keys.userPrefix()));
      }
      // A cluster script may touch only the keys it declares, so the owner is read first and their set declared;
      // the script checks that the connection still belongs to them.
      String expected = redis.client().get(keys.connection(connection));
      for (int round = 0; expected != null; round++) {
        requireSettled(round, connection);
        Object reply = Scripts.UNREGISTER.run(redis.client(),
            List.of(keys.connection(connection), keys.user(new UserId(expected))),
            List.of(connection.value(), keys.userPrefix()));
        if (!(reply instanceof List<?> moved)) {
          return reply;
        }
        expected = (String) moved.get(0);
      }
      return null;
    });
    return Optional.ofNullable((String) owner).map(UserId::new);
  }

  @Override
  public Set<ConnectionId> connectionsOf(UserId user) {
    // SAFE: a read; the script only trims members whose lease has passed, which any later call would do too.
    Object members = redis.call("connectionsOf", Replay.SAFE,
        () -> Scripts.CONNECTIONS_OF.run(redis.client(), List.of(keys.user(user)), List.of()));
    return ((List<?>) members).stream().map(m -> new ConnectionId((String) m)).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public Optional<UserId> userOf(ConnectionId connection) {
    String owner = redis.call("userOf", Replay.SAFE, () -> redis.client().get(keys.connection(connection)));
    return Optional.ofNullable(owner).map(UserId::new);
  }

  /** A connection that changes owner on every look is being fought over; give up rather than loop. */
  private static void requireSettled(int round, ConnectionId connection) {
    if (round >= 5) {
      throw new JedisDataException("connection " + connection.value() + " changed owner 5 times during one call");
    }
  }

  /**
   * Closes every idle pooled connection; the next operation opens a fresh one. For a process that is about to be
   * snapshotted and restored elsewhere (Lambda SnapStart), where a socket in the snapshot would be dead on restore.
   */
  public void dropIdleConnections() {
    redis.dropIdle();
  }

  @Override
  public void close() {
    redis.close();
  }
}
