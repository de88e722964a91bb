package io.wschat.domain.usecase;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.OutboundMessage.PrivateMessage;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageSender;
import io.wschat.domain.port.MessageSender.Delivery;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Delivers a private message to every live connection of its target; the result tells the sender what became of
 * it. The sender is the connection's verified identity when it has one (no registry read), and otherwise whoever
 * the connection is registered as: a message never names its own sender. A connection found gone is unregistered.
 */
public final class SendPrivateMessage {

  public record Command(ConnectionId from, Optional<UserId> verifiedSender, UserId to, MessageText text) {
    public Command {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(verifiedSender, "verifiedSender");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(text, "text");
    }

    public Command(ConnectionId from, UserId to, MessageText text) {
      this(from, Optional.empty(), to, text);
    }
  }

  public sealed interface Result {
    /** Delivered to {@code deliveredTo} (at least one) live connections of {@code to}. */
    record Sent(MessageId id, UserId to, int deliveredTo) implements Result {
      public Sent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
        if (deliveredTo < 1) {
          throw new IllegalArgumentException("a sent message reached at least one connection");
        }
      }
    }

    record Rejected(Rejection reason) implements Result {}
  }

  private final ConnectionRegistry registry;
  private final MessageSender sender;
  private final Clock clock;
  private final Supplier<MessageId> messageIds;

  public SendPrivateMessage(ConnectionRegistry registry, MessageSender sender) {
    this(registry, sender, Clock.systemUTC(), MessageId::random);
  }

  public SendPrivateMessage(
      ConnectionRegistry registry, MessageSender sender, Clock clock, Supplier<MessageId> messageIds) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.messageIds = Objects.requireNonNull(messageIds, "messageIds");
  }

  public Result handle(Command command) {
    Optional<UserId> from = command.verifiedSender().or(() -> registry.userOf(command.from()));
    if (from.isEmpty()) {
      return new Result.Rejected(Rejection.NOT_REGISTERED);
    }
    Set<ConnectionId> targets = registry.connectionsOf(command.to());
    if (targets.isEmpty()) {
      return new Result.Rejected(Rejection.USER_NOT_CONNECTED);
    }
    MessageId id = messageIds.get();
    PrivateMessage message = new PrivateMessage(from.get(), command.text(), id, clock.instant());
    int delivered = 0;
    for (Map.Entry<ConnectionId, Delivery> result : sender.sendAll(targets, message).entrySet()) {
      if (result.getValue() == Delivery.DELIVERED) {
        delivered++;
      } else {
        registry.unregister(result.getKey());
      }
    }
    if (delivered == 0) {
      return new Result.Rejected(Rejection.USER_NOT_CONNECTED);
    }
    return new Result.Sent(id, command.to(), delivered);
  }
}
