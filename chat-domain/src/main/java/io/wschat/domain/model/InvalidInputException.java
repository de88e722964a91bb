package io.wschat.domain.model;

/** Input that breaks a rule of the chat. Thrown while a value or command is constructed, before anything changes. */
public class InvalidInputException extends IllegalArgumentException {
  private final String field;

  public InvalidInputException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The name of the offending field as the client sent it, for example {@code userId}. */
  public String field() {
    return field;
  }
}
