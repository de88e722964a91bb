package io.wschat.domain.port;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import java.util.Optional;
import java.util.Set;

/**
 * Which live connections belong to which user. A user may hold several connections; a connection belongs to at
 * most one user. Lookups of unknown ids answer empty, never with an exception; an exception means the store failed.
 */
public interface ConnectionRegistry {

  /** Binds {@code connection} to {@code user}, moving it if another user held it. Registering twice is harmless. */
  void register(ConnectionId connection, UserId user);

  /** Forgets {@code connection} and answers whose it was, or empty if it was not registered. */
  Optional<UserId> unregister(ConnectionId connection);

  /** The live connections of {@code user}: empty if none. */
  Set<ConnectionId> connectionsOf(UserId user);

  /** The user {@code connection} belongs to, or empty. */
  Optional<UserId> userOf(ConnectionId connection);
}
