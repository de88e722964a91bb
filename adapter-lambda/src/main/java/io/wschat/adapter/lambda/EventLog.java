package io.wschat.adapter.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * Structured logs: one JSON line per event, carrying the connection id and request id. Never a message body, a
 * token or a password: callers pass only ids, codes, counts and exception classes.
 */
public final class EventLog {
  public enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  private final Level threshold;
  private final JsonFactory json = new JsonFactory();

  public EventLog(Level threshold) {
    this.threshold = threshold;
  }

  public boolean enabled(Level level) {
    return level.compareTo(threshold) >= 0;
  }

  /**
   * Writes one line if {@code level} is enabled; {@code fields} with null values are left out, numbers are written
   * as JSON numbers and anything else as its text.
   */
  public void log(LambdaLogger logger, Level level, String event, Map<String, ?> fields) {
    if (!enabled(level)) {
      return;
    }
    StringWriter line = new StringWriter(160);
    try (JsonGenerator out = json.createGenerator(line)) {
      out.writeStartObject();
      out.writeStringField("level", level.name());
      out.writeStringField("event", event);
      for (Map.Entry<String, ?> field : fields.entrySet()) {
        Object value = field.getValue();
        if (value instanceof Long || value instanceof Integer) {
          out.writeNumberField(field.getKey(), ((Number) value).longValue());
        } else if (value != null) {
          out.writeStringField(field.getKey(), String.valueOf(value));
        }
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a log line", e);
    }
    if (logger != null) {
      logger.log(line + "\n");
    } else {
      System.out.println(line);
    }
  }
}
