package io.wschat.domain.model;

/**
 * The configured maximum size of a message text, in bytes of UTF-8. The default, 16 KiB, leaves room for the
 * JSON envelope inside API Gateway's 128 KB frame limit; the ceiling, 96 KiB, keeps that true for any setting.
 */
public record MessageLimit(int maxBytes) {
  public static final int DEFAULT_BYTES = 16 * 1024;
  public static final int CEILING_BYTES = 96 * 1024;
  public static final MessageLimit DEFAULT = new MessageLimit(DEFAULT_BYTES);

  public MessageLimit {
    if (maxBytes < 1 || maxBytes > CEILING_BYTES) {
      throw new IllegalArgumentException(
          "the message limit must be between 1 and " + CEILING_BYTES + " bytes, got " + maxBytes);
    }
  }

  /** The text as a {@link MessageText}, or an {@link InvalidInputException} if it is empty or too large. */
  public MessageText text(String raw) {
    if (raw != null && !raw.isEmpty()) {
      int bytes = MessageText.utf8Length(raw);
      if (bytes > maxBytes) {
        throw new MessageTooLargeException(bytes, maxBytes);
      }
    }
    return new MessageText(raw);
  }
}
