package io.wschat.domain.model;

import java.util.Objects;

/**
 * Where the next, older page of a conversation's history starts: the messages of {@code conversation} before
 * {@code before}. Clients hold it as an opaque text; the inbound adapter owns that encoding.
 */
public record HistoryCursor(Conversation conversation, long before) {
  public HistoryCursor {
    Objects.requireNonNull(conversation, "conversation");
    if (before < 1) {
      throw new InvalidInputException("before", "the cursor points before the first message");
    }
  }
}
