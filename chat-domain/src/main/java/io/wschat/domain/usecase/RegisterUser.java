package io.wschat.domain.usecase;

import io.wschat.domain.model.Action;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.ErrorCode;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.OutboundMessage.RegistrationSuccess;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageSender;
import io.wschat.domain.port.MessageSender.Delivery;
import java.util.Objects;
import java.util.Optional;

/**
 * Binds a connection to a user (moving it if another user held it) and confirms it to that connection. Under
 * {@link IdentityPolicy#VERIFIED} a connection may only register as the identity verified when it connected.
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

    /** The connection closed before the confirmation reached it, so it was unregistered again. */
    record ConnectionGone() implements Result {}

    record Rejected(Rejection reason) implements Result {}
  }

  private final ConnectionRegistry registry;
  private final MessageSender sender;
  private final IdentityPolicy policy;

  public RegisterUser(ConnectionRegistry registry, MessageSender sender) {
    this(registry, sender, IdentityPolicy.OPEN);
  }

  public RegisterUser(ConnectionRegistry registry, MessageSender sender, IdentityPolicy policy) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  public Result handle(Command command) {
    Optional<String> refusal = refusal(command);
    if (refusal.isPresent()) {
      sender.send(command.connection(),
          new OutboundMessage.Error(ErrorCode.FORBIDDEN, refusal.get(), Optional.of(Action.REGISTER_USER)));
      return new Result.Rejected(Rejection.FORBIDDEN);
    }
    registry.register(command.connection(), command.user());
    if (sender.send(command.connection(), new RegistrationSuccess(command.user())) == Delivery.GONE) {
      registry.unregister(command.connection());
      return new Result.ConnectionGone();
    }
    return new Result.Registered(command.user());
  }

  /** Why this registration is not allowed, if it is not: a verified identity names exactly one user. */
  private Optional<String> refusal(Command command) {
    if (command.verifiedUser().isPresent() && !command.verifiedUser().get().equals(command.user())) {
      return Optional.of("this connection is signed in as " + command.verifiedUser().get()
          + " and cannot register as " + command.user());
    }
    if (command.verifiedUser().isEmpty() && policy == IdentityPolicy.VERIFIED) {
      return Optional.of("sign in first: connect with ?token=<your token>");
    }
    return Optional.empty();
  }
}
