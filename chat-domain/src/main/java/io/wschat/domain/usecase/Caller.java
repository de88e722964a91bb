package io.wschat.domain.usecase;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import java.util.Optional;

/**
 * Who is asking: the connection's verified identity when it has one (no registry read), and otherwise whoever
 * the connection is registered as. A request never names its own sender.
 */
final class Caller {
  private Caller() {}

  static Optional<UserId> of(ConnectionRegistry registry, ConnectionId connection, Optional<UserId> verified) {
    return verified.or(() -> registry.userOf(connection));
  }
}
