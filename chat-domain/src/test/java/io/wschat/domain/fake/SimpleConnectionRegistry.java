package io.wschat.domain.fake;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The plainest ConnectionRegistry there is, for domain tests. Production code uses the adapters. */
public final class SimpleConnectionRegistry implements ConnectionRegistry {
  private final Map<ConnectionId, UserId> owners = new HashMap<>();

  @Override
  public synchronized void register(ConnectionId connection, UserId user) {
    owners.put(connection, user);
  }

  @Override
  public synchronized Optional<UserId> unregister(ConnectionId connection) {
    return Optional.ofNullable(owners.remove(connection));
  }

  @Override
  public synchronized Set<ConnectionId> connectionsOf(UserId user) {
    return owners.entrySet().stream()
        .filter(e -> e.getValue().equals(user))
        .map(Map.Entry::getKey)
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public synchronized Optional<UserId> userOf(ConnectionId connection) {
    return Optional.ofNullable(owners.get(connection));
  }
}
