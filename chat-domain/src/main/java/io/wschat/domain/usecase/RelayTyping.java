package io.wschat.domain.usecase;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.OutboundMessage.Typing;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageSender;
import java.util.Objects;
import java.util.Optional;

/** Relays "the caller is typing" to the target's live connections. Nothing is stored; an offline target gets nothing. */
public final class RelayTyping {

  public record Command(ConnectionId connection, Optional<UserId> verifiedUser, UserId to) {
    public Command {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(verifiedUser, "verifiedUser");
      Objects.requireNonNull(to, "to");
    }
  }

  public sealed interface Result {
    /** Reached {@code deliveredTo} connections: zero when the target is offline, which is no error. */
    record Relayed(UserId to, int deliveredTo) implements Result {}

    record Rejected(Rejection reason) implements Result {}
  }

  private final ConnectionRegistry registry;
  private final Deliveries deliveries;

  public RelayTyping(ConnectionRegistry registry, MessageSender sender) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.deliveries = new Deliveries(registry, Objects.requireNonNull(sender, "sender"));
  }

  public Result handle(Command command) {
    Optional<UserId> caller = Caller.of(registry, command.connection(), command.verifiedUser());
    if (caller.isEmpty()) {
      return new Result.Rejected(Rejection.NOT_REGISTERED);
    }
    return new Result.Relayed(command.to(), deliveries.toUser(command.to(), new Typing(caller.get())));
  }
}
