package io.wschat.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a use case delivers to connections other than the caller's. The caller's own answers (acknowledgements,
 * rejections) are use-case results, rendered by the inbound adapter. The JSON shape is the adapters' business; see
 * docs/protocol.md.
 */
public sealed interface OutboundMessage {

  /**
   * A private message, delivered to every live connection of its target, and again by sync if it was stored.
   * {@code position} is its place in the conversation when the message log keeps it.
   */
  record PrivateMessage(UserId fromUserId, UserId toUserId, MessageText message, MessageId messageId, Instant sentAt,
      OptionalLong position) implements OutboundMessage {
    public PrivateMessage {
      Objects.requireNonNull(fromUserId, "fromUserId");
      Objects.requireNonNull(toUserId, "toUserId");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(sentAt, "sentAt");
      Objects.requireNonNull(position, "position");
    }

    public static PrivateMessage of(LoggedMessage m) {
      return new PrivateMessage(m.from(), m.to(), m.text(), m.id(), m.sentAt(), OptionalLong.of(m.position()));
    }
  }

  /** Tells a sender that their stored message {@code messageId} reached {@code toUserId} after all. */
  record MessageDelivered(MessageId messageId, UserId toUserId) implements OutboundMessage {
    public MessageDelivered {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(toUserId, "toUserId");
    }
  }

  /** Tells a sender that {@code byUserId} has read their messages up to {@code upToMessageId}. */
  record MessagesRead(UserId byUserId, MessageId upToMessageId) implements OutboundMessage {
    public MessagesRead {
      Objects.requireNonNull(byUserId, "byUserId");
      Objects.requireNonNull(upToMessageId, "upToMessageId");
    }
  }

  /** {@code fromUserId} is typing to the recipient. Ephemeral: never stored. */
  record Typing(UserId fromUserId) implements OutboundMessage {
    public Typing {
      Objects.requireNonNull(fromUserId, "fromUserId");
    }
  }
}
