package io.wschat.domain.usecase;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.OutboundMessage.MessagesRead;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.MessageLog.Cursor;
import io.wschat.domain.port.MessageSender;
import java.util.Objects;
import java.util.Optional;

/**
 * The caller has read a conversation up to a message they received. Their read cursor moves there (and their
 * delivered cursor, since what was read was delivered), and the message's sender gets a read receipt on every live
 * connection. Marking an earlier message changes nothing and sends nothing: cursors only move forward.
 */
public final class MarkRead {

  public record Command(ConnectionId connection, Optional<UserId> verifiedUser, UserId with, MessageId upTo) {
    public Command {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(verifiedUser, "verifiedUser");
      Objects.requireNonNull(with, "with");
      Objects.requireNonNull(upTo, "upTo");
    }
  }

  public sealed interface Result {
    /** {@code moved} is false when the caller had already read this far; then no receipt was sent. */
    record Marked(UserId with, MessageId upTo, long position, boolean moved) implements Result {}

    record Rejected(Rejection reason) implements Result {}
  }

  private final ConnectionRegistry registry;
  private final MessageLog log;
  private final Deliveries deliveries;

  public MarkRead(ConnectionRegistry registry, MessageLog log, MessageSender sender) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.log = Objects.requireNonNull(log, "log");
    this.deliveries = new Deliveries(registry, Objects.requireNonNull(sender, "sender"));
  }

  public Result handle(Command command) {
    Optional<UserId> caller = Caller.of(registry, command.connection(), command.verifiedUser());
    if (caller.isEmpty()) {
      return new Result.Rejected(Rejection.NOT_REGISTERED);
    }
    Conversation conversation = Conversation.between(caller.get(), command.with());
    Optional<LoggedMessage> message = log.find(conversation, command.upTo())
        .filter(m -> m.to().equals(caller.get()) && m.from().equals(command.with()));
    if (message.isEmpty()) {
      return new Result.Rejected(Rejection.UNKNOWN_MESSAGE);
    }
    long position = message.get().position();
    boolean moved = log.advance(caller.get(), conversation, Cursor.READ, position);
    log.advance(caller.get(), conversation, Cursor.DELIVERED, position);
    if (moved && !command.with().equals(caller.get())) {
      deliveries.toUser(command.with(), new MessagesRead(caller.get(), command.upTo()));
    }
    return new Result.Marked(command.with(), command.upTo(), position, moved);
  }
}
