package io.wschat.domain.usecase;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import java.util.Objects;
import java.util.Optional;

/**
 * A new connection. One that arrives with a verified identity is registered for that user at once; nothing is
 * sent, since a connection cannot be posted to before its handshake completes.
 */
public final class Connect {

  public record Command(ConnectionId connection, Optional<UserId> verifiedUser) {
    public Command {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(verifiedUser, "verifiedUser");
    }
  }

  public sealed interface Result {
    record Accepted(Optional<UserId> registeredAs) implements Result {}

    record Rejected(Rejection reason) implements Result {}
  }

  private final ConnectionRegistry registry;
  private final IdentityPolicy policy;

  public Connect(ConnectionRegistry registry, IdentityPolicy policy) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  public Result handle(Command command) {
    if (command.verifiedUser().isEmpty()) {
      return policy == IdentityPolicy.VERIFIED
          ? new Result.Rejected(Rejection.NOT_SIGNED_IN)
          : new Result.Accepted(Optional.empty());
    }
    registry.register(command.connection(), command.verifiedUser().get());
    return new Result.Accepted(command.verifiedUser());
  }
}
