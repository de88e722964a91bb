package io.wschat.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Everything the server says to a client. The JSON shape is the adapters' business; see docs/protocol.md. */
public sealed interface OutboundMessage {

  /** Confirms to the registering connection that it now belongs to {@code userId}. */
  record RegistrationSuccess(UserId userId) implements OutboundMessage {
    public RegistrationSuccess {
      Objects.requireNonNull(userId, "userId");
    }
  }

  /** A private message, delivered to every live connection of its target. */
  record PrivateMessage(UserId fromUserId, MessageText message, MessageId messageId, Instant sentAt)
      implements OutboundMessage {
    public PrivateMessage {
      Objects.requireNonNull(fromUserId, "fromUserId");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(sentAt, "sentAt");
    }
  }

  /** Acknowledges to the sender that a message reached {@code deliveredTo} connections of the target. */
  record MessageSent(MessageId messageId, UserId targetUserId, int deliveredTo) implements OutboundMessage {
    public MessageSent {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(targetUserId, "targetUserId");
      if (deliveredTo < 1) {
        throw new IllegalArgumentException("a sent message reached at least one connection");
      }
    }
  }

  /** Tells a client why its request did not succeed. {@code action} is empty when the request named none. */
  record Error(ErrorCode code, String message, Optional<Action> action) implements OutboundMessage {
    public Error {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(action, "action");
    }
  }
}
