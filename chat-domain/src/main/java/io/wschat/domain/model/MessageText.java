package io.wschat.domain.model;

import java.nio.charset.StandardCharsets;

/**
 * The text of a private message: at least one character, at most {@link MessageLimit#maxBytes()} bytes of UTF-8.
 * Build it with {@link MessageLimit#text(String)}; the constructor itself enforces only the absolute ceiling,
 * {@link MessageLimit#CEILING_BYTES}, which no configuration may exceed.
 */
public record MessageText(String value) {
  public MessageText {
    if (value == null || value.isEmpty()) {
      throw new InvalidInputException("message", "message must not be empty");
    }
    int bytes = utf8Length(value);
    if (bytes > MessageLimit.CEILING_BYTES) {
      throw new MessageTooLargeException(bytes, MessageLimit.CEILING_BYTES);
    }
  }

  public int utf8Bytes() {
    return utf8Length(value);
  }

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
