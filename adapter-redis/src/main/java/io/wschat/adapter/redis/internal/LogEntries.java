package io.wschat.adapter.redis.internal;

import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog.NewMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A logged message as one member of its conversation's log:
 * {@code position|epochSecond|nanos|from|to|idBytes|id|text}. User ids cannot hold {@code |}; the message id can,
 * so its length in UTF-8 bytes comes first, and the text, last, may hold anything. The scripts read the fields
 * they need (position, sentAt, recipient, id) with one pattern, and the position makes every member unique.
 */
public final class LogEntries {
  private static final char SEPARATOR = '|';
  /** Fields before the id: position, second, nanos, from, to, id length. */
  private static final int HEAD_FIELDS = 6;

  private LogEntries() {}

  /** Everything but the position, which only the append script knows: it writes {@code position|body}. */
  public static String body(NewMessage message) {
    String id = message.id().value();
    return message.sentAt().getEpochSecond() + "|" + message.sentAt().getNano() + "|" + message.from().value() + "|"
        + message.to().value() + "|" + id.getBytes(StandardCharsets.UTF_8).length + "|" + id + "|"
        + message.text().value();
  }

  public static LoggedMessage parse(String entry) {
    String[] head = new String[HEAD_FIELDS];
    int start = 0;
    for (int i = 0; i < HEAD_FIELDS; i++) {
      int end = entry.indexOf(SEPARATOR, start);
      if (end < 0) {
        throw new IllegalStateException("not a message log entry: it has " + i + " of " + HEAD_FIELDS + " fields");
      }
      head[i] = entry.substring(start, end);
      start = end + 1;
    }
    byte[] rest = entry.substring(start).getBytes(StandardCharsets.UTF_8);
    int idBytes = Integer.parseInt(head[5]);
    String id = new String(rest, 0, idBytes, StandardCharsets.UTF_8);
    String text = new String(rest, idBytes + 1, rest.length - idBytes - 1, StandardCharsets.UTF_8);
    return new LoggedMessage(new MessageId(id), new UserId(head[3]), new UserId(head[4]), new MessageText(text),
        Instant.ofEpochSecond(Long.parseLong(head[1]), Long.parseLong(head[2])), Long.parseLong(head[0]));
  }
}
