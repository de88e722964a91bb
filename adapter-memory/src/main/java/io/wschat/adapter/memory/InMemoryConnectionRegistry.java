package io.wschat.adapter.memory;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A ConnectionRegistry in this JVM's memory. Both directions of the mapping change under one write lock, so no
 * reader ever sees a connection held by two users or by none halfway through a move. State lives and dies with the
 * process: right for local runs and tests, wrong for Lambda, where every container would hold a different part.
 */
public final class InMemoryConnectionRegistry implements ConnectionRegistry {
  private final Map<ConnectionId, UserId> owners = new HashMap<>();
  private final Map<UserId, Set<ConnectionId>> connections = new HashMap<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  @Override
  public void register(ConnectionId connection, UserId user) {
    lock.writeLock().lock();
    try {
      UserId previous = owners.put(connection, user);
      if (previous != null && !previous.equals(user)) {
        removeFrom(previous, connection);
      }
      connections.computeIfAbsent(user, u -> new LinkedHashSet<>()).add(connection);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Optional<UserId> unregister(ConnectionId connection) {
    lock.writeLock().lock();
    try {
      UserId owner = owners.remove(connection);
      if (owner != null) {
        removeFrom(owner, connection);
      }
      return Optional.ofNullable(owner);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Set<ConnectionId> connectionsOf(UserId user) {
    lock.readLock().lock();
    try {
      Set<ConnectionId> held = connections.get(user);
      return held == null ? Set.of() : Set.copyOf(held);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<UserId> userOf(ConnectionId connection) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(owners.get(connection));
    } finally {
      lock.readLock().unlock();
    }
  }

  private void removeFrom(UserId user, ConnectionId connection) {
    Set<ConnectionId> held = connections.get(user);
    if (held != null && held.remove(connection) && held.isEmpty()) {
      connections.remove(user);
    }
  }
}
