package io.wschat.domain.usecase;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.OutboundMessage.MessageDelivered;
import io.wschat.domain.model.OutboundMessage.PrivateMessage;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.MessageLog.Cursor;
import io.wschat.domain.port.MessageLog.Page;
import io.wschat.domain.port.MessageSender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivers to the caller's connection what was sent to them while they were away: up to {@link #BATCH} pending
 * messages, oldest first, each as the {@code privateMessage} it would have been live. Only then does each
 * conversation's delivered cursor move, up to the last message that reached the connection, so nothing is marked
 * delivered that was not; and each original sender hears that their message arrived. A caller with more pending
 * syncs again.
 */
public final class Sync {
  /** The most messages one sync delivers; they are posted one by one, so this bounds its time. */
  public static final int BATCH = 100;

  public record Command(ConnectionId connection, Optional<UserId> verifiedUser) {
    public Command {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(verifiedUser, "verifiedUser");
    }
  }

  public sealed interface Result {
    /** {@code delivered} messages reached the caller; {@code more} remain pending. */
    record Synced(int delivered, boolean more) implements Result {}

    /**
     * The caller's connection went away, or stopped taking messages (its client does not read), after
     * {@code delivered} messages; the rest stay pending.
     */
    record CallerGone(int delivered) implements Result {}

    record Rejected(Rejection reason) implements Result {}
  }

  private final ConnectionRegistry registry;
  private final MessageLog log;
  private final Deliveries deliveries;

  public Sync(ConnectionRegistry registry, MessageLog log, MessageSender sender) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.log = Objects.requireNonNull(log, "log");
    this.deliveries = new Deliveries(registry, Objects.requireNonNull(sender, "sender"));
  }

  public Result handle(Command command) {
    Optional<UserId> caller = Caller.of(registry, command.connection(), command.verifiedUser());
    if (caller.isEmpty()) {
      return new Result.Rejected(Rejection.NOT_REGISTERED);
    }
    UserId user = caller.get();
    Page pending = log.pending(user, BATCH);
    Map<Conversation, List<LoggedMessage>> delivered = new LinkedHashMap<>();
    int count = 0;
    boolean gone = false;
    for (LoggedMessage message : pending.messages()) {
      if (!deliveries.toConnection(command.connection(), PrivateMessage.of(message))) {
        gone = true;
        break;
      }
      delivered.computeIfAbsent(message.conversation(), c -> new ArrayList<>()).add(message);
      count++;
    }
    delivered.forEach((conversation, messages) -> acknowledge(user, conversation, messages));
    return gone ? new Result.CallerGone(count) : new Result.Synced(count, pending.more());
  }

  /** Moves the delivered cursor; whoever moves it tells the senders, so a racing sync sends no second receipt. */
  private void acknowledge(UserId user, Conversation conversation, List<LoggedMessage> messages) {
    long last = messages.get(messages.size() - 1).position();
    if (!log.advance(user, conversation, Cursor.DELIVERED, last)) {
      return;
    }
    UserId sender = conversation.other(user);
    if (sender.equals(user)) {
      return;
    }
    var connections = registry.connectionsOf(sender);
    for (LoggedMessage message : messages) {
      deliveries.toConnections(connections, new MessageDelivered(message.id(), user));
    }
  }
}
