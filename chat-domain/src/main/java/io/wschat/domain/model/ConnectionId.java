package io.wschat.domain.model;

/** The id API Gateway gives a WebSocket connection. Opaque to the chat: not blank, at most 128 characters. */
public record ConnectionId(String value) {
  public static final int MAX_LENGTH = 128;

  public ConnectionId {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException("connectionId", "connectionId must not be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidInputException("connectionId",
          "connectionId must be at most " + MAX_LENGTH + " characters, got " + value.length());
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
