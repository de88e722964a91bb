package io.wschat.domain.usecase;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import java.util.Objects;
import java.util.Optional;

/**
 * Binds a connection to a user, moving it if another user held it. Under {@link IdentityPolicy#VERIFIED} a
 * connection may only register as the identity verified when it connected; a verified identity is never
 * overridden, whatever the policy. The confirmation is the result: the inbound adapter answers the caller with it.
 */
public final class RegisterUser {

  public record Command(ConnectionId connection, UserId user, Optional<UserId> verifiedUser) {
    public Command {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(verifiedUser, "verifiedUser");
    }

    public Command(ConnectionId connection, UserId user) {
      this(connection, user, Optional.empty());
    }
  }

  public sealed interface Result {
    record Registered(UserId user) implements Result {}

    record Rejected(Rejection reason) implements Result {}
  }

  private final ConnectionRegistry registry;
  private final IdentityPolicy policy;

  public RegisterUser(ConnectionRegistry registry) {
    this(registry, IdentityPolicy.OPEN);
  }

  public RegisterUser(ConnectionRegistry registry, IdentityPolicy policy) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  public Result handle(Command command) {
    Optional<UserId> verified = command.verifiedUser();
    if (verified.isPresent() && !verified.get().equals(command.user())) {
      return new Result.Rejected(Rejection.SIGNED_IN_AS_ANOTHER_USER);
    }
    if (verified.isEmpty() && policy == IdentityPolicy.VERIFIED) {
      return new Result.Rejected(Rejection.NOT_SIGNED_IN);
    }
    registry.register(command.connection(), command.user());
    return new Result.Registered(command.user());
  }
}
