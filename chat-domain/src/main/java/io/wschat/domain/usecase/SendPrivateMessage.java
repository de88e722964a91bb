package io.wschat.domain.usecase;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.OutboundMessage.PrivateMessage;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.MessageLog.Appended;
import io.wschat.domain.port.MessageLog.NewMessage;
import io.wschat.domain.port.MessageSender;
import io.wschat.domain.port.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Appends a private message to the log, then delivers it to every live connection of its target; the result tells
 * the sender what became of it. A message the log kept is never refused for want of a live target: the target gets
 * it when they sync. With a log that keeps nothing ({@link MessageLog#NONE}), a target with no live connection is
 * a rejection, as the message would be lost. A kept message that reached a live connection moves the target's
 * delivered cursor when nothing before it is still pending, so their next sync does not deliver it again. The
 * sender is {@link Caller who asks}. Once the sender is known, and before anything is stored or delivered, the
 * {@link RateLimiter} takes one message from their bucket; an empty bucket is {@link Result.RateLimited}. Every
 * send that gets that far counts, whatever becomes of it.
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
    /**
     * Delivered to {@code deliveredTo} live connections of {@code to}, and {@code stored} at {@code position} in
     * the log when it keeps messages. Never both 0 and unstored: that is a rejection.
     */
    record Sent(MessageId id, UserId to, int deliveredTo, boolean stored, OptionalLong position) implements Result {
      public Sent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(position, "position");
        if (deliveredTo < 0 || (deliveredTo == 0 && !stored)) {
          throw new IllegalArgumentException("a sent message was stored or reached at least one connection");
        }
      }
    }

    record Rejected(Rejection reason) implements Result {}

    /** Refused for sending too fast: nothing was stored or delivered; a send after {@code retryAfter} may pass. */
    record RateLimited(Duration retryAfter) implements Result {
      public RateLimited {
        Objects.requireNonNull(retryAfter, "retryAfter");
      }
    }
  }

  private final ConnectionRegistry registry;
  private final MessageLog log;
  private final RateLimiter limiter;
  private final Deliveries deliveries;
  private final Clock clock;
  private final Supplier<MessageId> messageIds;

  public SendPrivateMessage(ConnectionRegistry registry, MessageLog log, RateLimiter limiter, MessageSender sender) {
    this(registry, log, limiter, sender, Clock.systemUTC(), MessageId::random);
  }

  /** {@code clock} stamps messages and is the limiter's "now". */
  public SendPrivateMessage(ConnectionRegistry registry, MessageLog log, RateLimiter limiter, MessageSender sender,
      Clock clock, Supplier<MessageId> messageIds) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.log = Objects.requireNonNull(log, "log");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.deliveries = new Deliveries(registry, Objects.requireNonNull(sender, "sender"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.messageIds = Objects.requireNonNull(messageIds, "messageIds");
  }

  public Result handle(Command command) {
    Optional<UserId> from = Caller.of(registry, command.from(), command.verifiedSender());
    if (from.isEmpty()) {
      return new Result.Rejected(Rejection.NOT_REGISTERED);
    }
    Instant now = clock.instant();
    if (limiter.acquire(from.get(), now) instanceof RateLimiter.Decision.Refused refused) {
      return new Result.RateLimited(refused.retryAfter());
    }
    Set<ConnectionId> targets = registry.connectionsOf(command.to());
    NewMessage message = new NewMessage(messageIds.get(), from.get(), command.to(), command.text(), now);
    Appended appended = log.append(message);
    if (appended instanceof Appended.Stored stored) {
      int delivered = stored.duplicate() ? 0 : deliveries.toConnections(targets, PrivateMessage.of(stored.message()));
      if (delivered > 0) {
        noteDeliveredLive(stored.message());
      }
      return new Result.Sent(stored.message().id(), command.to(), delivered, true,
          OptionalLong.of(stored.message().position()));
    }
    int delivered = deliveries.toConnections(targets, new PrivateMessage(message.from(), message.to(),
        message.text(), message.id(), message.sentAt(), OptionalLong.empty()));
    return delivered == 0
        ? new Result.Rejected(Rejection.USER_NOT_CONNECTED)
        : new Result.Sent(message.id(), command.to(), delivered, false, OptionalLong.empty());
  }

  /**
   * Spares the target's next sync a message they already have. Only an optimisation: if the store fails here, the
   * message was still stored and delivered, so the sender is told so, and sync delivers it once more.
   */
  private void noteDeliveredLive(LoggedMessage message) {
    try {
      log.deliveredLive(message);
    } catch (RuntimeException e) {
      // The cursor stays; nothing is lost, and the next operation on the store reports a lasting failure.
    }
  }
}
