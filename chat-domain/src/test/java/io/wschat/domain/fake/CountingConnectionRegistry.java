package io.wschat.domain.fake;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Counts the operations a use case asks of its registry, in order; each store answers one with one request. */
public final class CountingConnectionRegistry implements ConnectionRegistry {
  private final ConnectionRegistry inner;
  private final List<String> calls = new ArrayList<>();

  public CountingConnectionRegistry(ConnectionRegistry inner) {
    this.inner = inner;
  }

  @Override
  public synchronized void register(ConnectionId connection, UserId user) {
    calls.add("register");
    inner.register(connection, user);
  }

  @Override
  public synchronized Optional<UserId> unregister(ConnectionId connection) {
    calls.add("unregister");
    return inner.unregister(connection);
  }

  @Override
  public synchronized Set<ConnectionId> connectionsOf(UserId user) {
    calls.add("connectionsOf");
    return inner.connectionsOf(user);
  }

  @Override
  public synchronized Optional<UserId> userOf(ConnectionId connection) {
    calls.add("userOf");
    return inner.userOf(connection);
  }

  /** The operations since the last call, in order. */
  public synchronized List<String> take() {
    List<String> taken = List.copyOf(calls);
    calls.clear();
    return taken;
  }
}
