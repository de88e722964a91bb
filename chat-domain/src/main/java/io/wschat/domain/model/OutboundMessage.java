package io.wschat.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What a use case delivers to connections other than the caller's. The caller's own answers (acknowledgements,
 * rejections) are use-case results, rendered by the inbound adapter. The JSON shape is the adapters' business; see
 * docs/protocol.md.
 */
public sealed interface OutboundMessage {

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
}
