package io.wschat.domain.model;

import java.util.UUID;

/** The id of one private message, shared by its deliveries and the sender's acknowledgement. */
public record MessageId(String value) {
  public MessageId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("messageId must not be blank");
    }
  }

  public static MessageId random() {
    return new MessageId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
