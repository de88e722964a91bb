package io.wschat.domain.model;

/** A message text over the configured size. A separate type because clients get a distinct error code for it. */
public final class MessageTooLargeException extends InvalidInputException {
  private final int actualBytes;
  private final int maxBytes;

  public MessageTooLargeException(int actualBytes, int maxBytes) {
    super("message", "message is " + actualBytes + " bytes of UTF-8; the limit is " + maxBytes + " bytes");
    this.actualBytes = actualBytes;
    this.maxBytes = maxBytes;
  }

  public int actualBytes() {
    return actualBytes;
  }

  public int maxBytes() {
    return maxBytes;
  }
}
