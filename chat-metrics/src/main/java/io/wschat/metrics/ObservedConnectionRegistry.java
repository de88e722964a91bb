package io.wschat.metrics;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import java.util.Optional;
import java.util.Set;

/** A {@link ConnectionRegistry} whose every call goes through {@link StoreCalls}, with the operation's name. */
public final class ObservedConnectionRegistry implements ConnectionRegistry {
  private final ConnectionRegistry registry;
  private final StoreCalls calls;

  public ObservedConnectionRegistry(ConnectionRegistry registry, StoreCalls calls) {
    this.registry = registry;
    this.calls = calls;
  }

  @Override
  public void register(ConnectionId connection, UserId user) {
    calls.run("registry.register", () -> registry.register(connection, user));
  }

  @Override
  public Optional<UserId> unregister(ConnectionId connection) {
    return calls.call("registry.unregister", () -> registry.unregister(connection));
  }

  @Override
  public Set<ConnectionId> connectionsOf(UserId user) {
    return calls.call("registry.connectionsOf", () -> registry.connectionsOf(user));
  }

  @Override
  public Optional<UserId> userOf(ConnectionId connection) {
    return calls.call("registry.userOf", () -> registry.userOf(connection));
  }
}
