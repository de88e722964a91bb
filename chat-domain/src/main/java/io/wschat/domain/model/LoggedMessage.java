package io.wschat.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A private message as the message log keeps it. {@code position} orders its conversation: positions rise with
 * every message of the conversation, are never shared, and start at 1.
 */
public record LoggedMessage(MessageId id, UserId from, UserId to, MessageText text, Instant sentAt, long position) {
  public LoggedMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sentAt, "sentAt");
    if (position < 1) {
      throw new IllegalArgumentException("a logged message's position is at least 1, got " + position);
    }
  }

  public Conversation conversation() {
    return Conversation.between(from, to);
  }
}
