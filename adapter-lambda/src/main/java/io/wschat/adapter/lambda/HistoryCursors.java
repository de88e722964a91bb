package io.wschat.adapter.lambda;

import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.HistoryCursor;
import io.wschat.domain.model.InvalidInputException;
import io.wschat.domain.model.UserId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The text clients hold as a history cursor ({@code nextCursor}, sent back as {@code before}): opaque to them,
 * base64url of {@code h1|first|second|position}. It names its conversation, so a cursor used on another is caught.
 * It grants nothing: the use case still reads only the caller's own conversations.
 */
final class HistoryCursors {
  private static final String VERSION = "h1";
  private static final int MAX_LENGTH = 512;

  private HistoryCursors() {}

  static String encode(HistoryCursor cursor) {
    String plain = String.join(String.valueOf(Conversation.SEPARATOR), VERSION,
        cursor.conversation().first().value(), cursor.conversation().second().value(),
        Long.toString(cursor.before()));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor a text stands for, or an {@link InvalidInputException} on {@code field} if it is not one of ours. */
  static HistoryCursor decode(String text, String field) {
    InvalidInputException notOurs = new InvalidInputException(field,
        field + " is not a cursor this server gave out; send back a nextCursor from a history frame, or omit it");
    if (text.length() > MAX_LENGTH) {
      throw notOurs;
    }
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = plain.split("\\" + Conversation.SEPARATOR, -1);
      if (parts.length != 4 || !parts[0].equals(VERSION)) {
        throw notOurs;
      }
      UserId first = new UserId(parts[1]);
      UserId second = new UserId(parts[2]);
      if (!first.value().equals(parts[1]) || !second.value().equals(parts[2])) {
        throw notOurs; // not in normal form: we never wrote it
      }
      return new HistoryCursor(new Conversation(first, second), Long.parseLong(parts[3]));
    } catch (IllegalArgumentException e) { // bad base64, a bad id or number, ids out of order
      throw notOurs;
    }
  }
}
