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
 * Frames as docs/protocol.md writes them: compared as text, where {@code <time>} stands for an ISO-8601 UTC
 * instant, {@code <id>}, {@code <id1>}, … for message ids and {@code <cursor>} for a history cursor. Each of those
 * binds at its first use and must then repeat.
 */
final class Frames {
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern PLACEHOLDER = Pattern.compile("<(time|id\\d*|cursor)>");
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final String INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z";
  private static final String CURSOR = "[A-Za-z0-9_-]+";

  private Frames() {}

  /** Asserts that {@code actual} is {@code expected} to the character, placeholders aside, and binds them. */
  static void assertFrame(String actual, String expected, Map<String, String> bound) {
    StringBuilder regex = new StringBuilder();
    List<String> groups = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(expected);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(expected.substring(last, m.start())));
      String name = m.group();
      if (bound.containsKey(name)) {
        regex.append(Pattern.quote(bound.get(name)));
      } else {
        regex.append('(').append(name.equals("<time>") ? INSTANT : name.equals("<cursor>") ? CURSOR : UUID).append(')');
        groups.add(name);
      }
      last = m.end();
    }
    regex.append(Pattern.quote(expected.substring(last)));
    Matcher frame = Pattern.compile(regex.toString()).matcher(actual);
    assertThat(frame.matches()).as("frame%n  %s%nshould be, as docs/protocol.md has it,%n  %s", actual, expected)
        .isTrue();
    for (int i = 0; i < groups.size(); i++) {
      String value = frame.group(i + 1);
      if (groups.get(i).equals("<time>")) {
        assertThat(Instant.parse(value)).isNotNull();
      } else {
        String first = bound.putIfAbsent(groups.get(i), value);
        assertThat(value).as(groups.get(i)).isEqualTo(first == null ? value : first);
      }
    }
  }

  /** A request with the placeholders bound so far replaced by their values. */
  static String fill(String request, Map<String, String> bound) {
    String filled = request;
    for (Map.Entry<String, String> b : bound.entrySet()) {
      filled = filled.replace(b.getKey(), b.getValue());
    }
    return filled;
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
    return "{\"type\":\"registrationSuccess\",\"userId\":\"" + userId + "\",\"maxMessageBytes\":16384}";
  }

  static String notConnected(String userId) {
    return "{\"type\":\"error\",\"code\":\"USER_NOT_CONNECTED\",\"message\":\"user " + userId
        + " is not connected\",\"action\":\"sendPrivateMessage\"}";
  }

  /** Asserts the sender's answer to a message that reached no live connection and was kept for its target. */
  static void assertStoredForLater(String frame, String targetUserId) {
    JsonNode sent = parse(frame);
    assertThat(sent.get("type").asText()).as(frame).isEqualTo("messageSent");
    assertThat(sent.get("targetUserId").asText()).isEqualTo(targetUserId);
    assertThat(sent.get("deliveredTo").asInt()).as("live connections reached: " + frame).isZero();
    assertThat(sent.get("stored").asBoolean()).as(frame).isTrue();
  }
}
