package io.wschat.domain.usecase;

import io.wschat.domain.model.Action;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.OutboundMessage.MessageSent;
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
 * Delivers a private message to every live connection of its target and acknowledges it to the sender. The sender
 * is whoever the sending connection is registered as: a message never names its own sender.
 */
public final class SendPrivateMessage {

  public record Command(ConnectionId from, UserId to, MessageText text) {
    public Command {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(text, "text");
    }
  }

  public sealed interface Result {
    record Sent(MessageId id, int deliveredTo) implements Result {}

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
    Optional<UserId> from = registry.userOf(command.from());
    if (from.isEmpty()) {
      return reject(command, Rejection.NOT_REGISTERED, "register with registerUser before sending messages");
    }
    Set<ConnectionId> targets = registry.connectionsOf(command.to());
    if (targets.isEmpty()) {
      return reject(command, Rejection.USER_NOT_CONNECTED, "user " + command.to() + " is not connected");
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
      return reject(command, Rejection.USER_NOT_CONNECTED, "user " + command.to() + " is not connected");
    }
    sender.send(command.from(), new MessageSent(id, command.to(), delivered));
    return new Result.Sent(id, delivered);
  }

  private Result reject(Command command, Rejection reason, String text) {
    sender.send(command.from(), new OutboundMessage.Error(reason.code(), text, Optional.of(Action.SEND_PRIVATE_MESSAGE)));
    return new Result.Rejected(reason);
  }
}
