package io.wschat.domain.usecase;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.OutboundMessage.RegistrationSuccess;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageSender;
import io.wschat.domain.port.MessageSender.Delivery;
import java.util.Objects;

/** Binds a connection to a user (moving it if another user held it) and confirms it to that connection. */
public final class RegisterUser {

  public record Command(ConnectionId connection, UserId user) {
    public Command {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(user, "user");
    }
  }

  public sealed interface Result {
    record Registered(UserId user) implements Result {}

    /** The connection closed before the confirmation reached it, so it was unregistered again. */
    record ConnectionGone() implements Result {}
  }

  private final ConnectionRegistry registry;
  private final MessageSender sender;

  public RegisterUser(ConnectionRegistry registry, MessageSender sender) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.sender = Objects.requireNonNull(sender, "sender");
  }

  public Result handle(Command command) {
    registry.register(command.connection(), command.user());
    if (sender.send(command.connection(), new RegistrationSuccess(command.user())) == Delivery.GONE) {
      registry.unregister(command.connection());
      return new Result.ConnectionGone();
    }
    return new Result.Registered(command.user());
  }
}
