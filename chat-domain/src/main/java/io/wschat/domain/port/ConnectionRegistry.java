package io.wschat.domain.port;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Which live connections belong to which user. A user may hold several connections; a connection belongs to at
 * most one user. Lookups of unknown ids answer empty, never with an exception; an exception means the store failed.
 */
public interface ConnectionRegistry {

  /**
   * How long a registration may live without being renewed. API Gateway closes every WebSocket connection after
   * 2 hours and {@code $disconnect} is best-effort, so a stored registration is dead a little after that even if
   * nobody removed it. Stores that expire entries (DynamoDB TTL, Redis expiry) use this one value.
   */
  Duration REGISTRATION_LIFETIME = Duration.ofHours(2).plusMinutes(10);

  /** Binds {@code connection} to {@code user}, moving it if another user held it. Registering twice is harmless. */
  void register(ConnectionId connection, UserId user);

  /** Forgets {@code connection} and answers whose it was, or empty if it was not registered. */
  Optional<UserId> unregister(ConnectionId connection);

  /** The live connections of {@code user}: empty if none. */
  Set<ConnectionId> connectionsOf(UserId user);

  /** The user {@code connection} belongs to, or empty. */
  Optional<UserId> userOf(ConnectionId connection);
}
