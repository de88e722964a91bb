package io.wschat.localchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Frames as docs/protocol.md writes them: compared as text, where {@code <id>} stands for one message id (bound at
 * its first use, then repeated) and {@code <time>} for an ISO-8601 UTC instant.
 */
final class Frames {
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern PLACEHOLDER = Pattern.compile("<(id|time)>");
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final String INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z";

  private Frames() {}

  /** Asserts that {@code actual} is {@code expected} to the character, placeholders aside; binds {@code <id>}. */
  static void assertFrame(String actual, String expected, Map<String, String> bound) {
    StringBuilder regex = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(expected);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(expected.substring(last, m.start())));
      String name = m.group();
      regex.append(bound.containsKey(name) ? Pattern.quote(bound.get(name))
          : "(?<" + m.group(1) + ">" + ("<id>".equals(name) ? UUID : INSTANT) + ")");
      last = m.end();
    }
    regex.append(Pattern.quote(expected.substring(last)));
    Matcher frame = Pattern.compile(regex.toString()).matcher(actual);
    assertThat(frame.matches()).as("frame%n  %s%nshould be, as docs/protocol.md has it,%n  %s", actual, expected)
        .isTrue();
    if (expected.contains("<id>") && !bound.containsKey("<id>")) {
      bound.put("<id>", frame.group("id"));
    }
    if (expected.contains("<time>")) {
      assertThat(Instant.parse(frame.group("time"))).isNotNull();
    }
  }

  static JsonNode parse(String frame) {
    try {
      return JSON.readTree(frame);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + frame, e);
    }
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static String register(String userId) {
    return "{\"action\":\"registerUser\",\"userId\":\"" + userId + "\"}";
  }

  static String send(String to, String message) {
    return "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"" + to + "\",\"message\":\"" + message + "\"}";
  }

  static String registered(String userId) {
    return "{\"type\":\"registrationSuccess\",\"userId\":\"" + userId + "\"}";
  }

  static String notConnected(String userId) {
    return "{\"type\":\"error\",\"code\":\"USER_NOT_CONNECTED\",\"message\":\"user " + userId
        + " is not connected\",\"action\":\"sendPrivateMessage\"}";
  }
}
