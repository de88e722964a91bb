package io.wschat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wschat.adapter.emf.EmfMetrics;
import io.wschat.adapter.lambda.fixture.Events;
import io.wschat.metrics.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the example exchange of docs/protocol.md through {@link ChatLambdaHandler}'s entry point as Lambda calls
 * it (event JSON in, response JSON out), the memory store, and a real HTTP Management API, in both acknowledgement
 * modes. A connection receives what was posted to it during an invocation, then, with route responses, the
 * response's body, as API Gateway sends them. Each connection must receive exactly the frames the document shows,
 * in order, so the document and the code cannot drift apart. The EMF lines the handler writes meanwhile must be
 * valid EMF and add up to the exchange's counts.
 */
class ConversationTest {
  static final Path PROTOCOL = Path.of("..", "docs", "protocol.md");
  static final Pattern LINE = Pattern.compile("^(\\w+)\\s+(→|←|✕)\\s*(.*)$");
  static final ObjectMapper JSON = new ObjectMapper();

  ManagementApiTestServer api;

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"route-response", "post"})
  void the_documented_exchange_is_what_the_handler_does(String acknowledgeVia) throws Exception {
    List<String> script = exampleExchange();
    assertThat(script).as("the example exchange in docs/protocol.md").hasSizeGreaterThan(5);

    api = new ManagementApiTestServer("prod");
    List<String> emf = Collections.synchronizedList(new ArrayList<>());
    ChatLambdaHandler handler = new ChatLambdaHandler(ChatConfig.from(Map.of(
        "CHAT_STORE", "memory", "WEBSOCKET_CALLBACK_URL", api.endpoint().toString(),
        "ACKNOWLEDGE_VIA", acknowledgeVia)), new EmfMetrics(emf::add));
    Map<String, String> connections = new HashMap<>();
    Map<String, List<String>> expected = new LinkedHashMap<>();
    Map<String, List<String>> received = new HashMap<>();

    for (String line : script) {
      Matcher m = LINE.matcher(line);
      assertThat(m.matches()).as("a line of the exchange: %s", line).isTrue();
      String who = m.group(1);
      // A name after its ✕ opens a new connection: someone coming back.
      if (!connections.containsKey(who)) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 15) + "=";
        connections.put(who, id);
        assertThat(invoke(handler, Events.json("connect.json", id, null, null))).isEqualTo(200);
      }
      String connection = connections.get(who);
      switch (m.group(2)) {
        case "→" -> {
          String action = JSON.readTree(m.group(3)).get("action").asText();
          int posted = api.allFrames().size();
          JsonNode response = ChatLambdaHandlerTest.invoke(handler,
              Events.json("message.json", connection, action, fill(m.group(3), received, expected, connections)));
          api.allFrames().subList(posted, api.allFrames().size()).forEach(frame -> received
              .computeIfAbsent(frame.connectionId(), k -> new ArrayList<>()).add(frame.body()));
          if (response.hasNonNull("body")) {
            received.computeIfAbsent(connection, k -> new ArrayList<>()).add(response.get("body").asText());
          }
          assertThat(response.has("body")).as("a route response iff acknowledging by route response: " + line)
              .isEqualTo(acknowledgeVia.equals("route-response"));
        }
        case "←" -> expected.computeIfAbsent(connection, k -> new ArrayList<>()).add(m.group(3));
        case "✕" -> {
          api.close(connection);
          assertThat(invoke(handler, Events.json("disconnect.json", connection, null, null))).isEqualTo(200);
          connections.remove(who);
        }
        default -> throw new AssertionError(line);
      }
    }

    Map<String, String> placeholders = match(received, expected);
    assertThat(placeholders).containsKeys("<id1>", "<id2>", "<cursor>");
    theMetricsAddUp(EmfLines.read(emf), acknowledgeVia);
  }

  /**
   * The exchange's 13 events (2 $connect, 1 $disconnect, 10 messages), its 3 messages (all stored; one delivered
   * live, one by sync), its 5 posts to other parties (the synced message, its receipt, the read receipt, the typing
   * relay, the live message) and, when answers are posted, 10 more; nothing refused, nothing failed, no gone
   * connection. Every value has the stage's dimension.
   */
  private static void theMetricsAddUp(EmfLines metrics, String acknowledgeVia) {
    Map<String, String> prod = Map.of("Stage", "prod");
    assertThat(metrics.series()).allSatisfy(series -> assertThat(series.dimensions()).containsEntry("Stage", "prod"));
    assertThat(metrics.sum(Metric.REQUESTS, prod)).isEqualTo(13);
    assertThat(metrics.sum(Metric.MESSAGES_SENT, prod)).isEqualTo(3);
    assertThat(metrics.sum(Metric.MESSAGES_STORED, prod)).isEqualTo(3);
    assertThat(metrics.sum(Metric.MESSAGES_DELIVERED, prod)).isEqualTo(1);
    assertThat(metrics.sum(Metric.MESSAGES_SYNCED, prod)).isEqualTo(1);
    int posts = acknowledgeVia.equals("post") ? 15 : 5;
    assertThat(metrics.values(Metric.MANAGEMENT_API_LATENCY, prod)).hasSize(posts).allSatisfy(ms -> assertThat(ms)
        .isPositive());
    for (Metric none : List.of(Metric.MESSAGES_REJECTED, Metric.REQUESTS_REJECTED, Metric.INTERNAL_ERRORS,
        Metric.DELIVERIES_GONE, Metric.MANAGEMENT_API_THROTTLED, Metric.MANAGEMENT_API_FAILED,
        Metric.STORE_FAILURES)) {
      assertThat(metrics.sum(none, prod)).as(none.metricName()).isZero();
    }
    Map<String, String> appends = Map.of("Stage", "prod", "Store", "memory", "Operation", "log.append");
    assertThat(metrics.values(Metric.STORE_LATENCY, appends)).as("one append per message").hasSize(3);
    assertThat(metrics.values(Metric.STORE_LATENCY, Map.of("Stage", "prod", "Store", "memory", "Operation",
        "registry.register")))
        .as("two registrations").hasSize(2);
    assertThat(metrics.series()).as("every metric with more dimensions also under the stage alone")
        .filteredOn(series -> series.dimensions().size() > 1)
        .allSatisfy(series -> assertThat(metrics.series()).contains(new EmfLines.Series(series.metric(), prod)));
  }

  /** Checks every frame received so far against the document, binding its placeholders. */
  static Map<String, String> match(Map<String, List<String>> received, Map<String, List<String>> expected)
      throws Exception {
    Map<String, String> placeholders = new HashMap<>();
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      List<String> frames = received.getOrDefault(e.getKey(), List.of());
      assertThat(frames).as("frames to connection %s", e.getKey()).hasSameSizeAs(e.getValue());
      for (int i = 0; i < frames.size(); i++) {
        assertMatches(JSON.readTree(frames.get(i)), JSON.readTree(e.getValue().get(i)), placeholders);
      }
    }
    return placeholders;
  }

  /** A request with the placeholders it names (a message id, a cursor) replaced by what the frames so far bound. */
  static String fill(String request, Map<String, List<String>> received, Map<String, List<String>> expected,
      Map<String, String> connections) throws Exception {
    if (!request.contains("<")) {
      return request;
    }
    Map<String, List<String>> soFar = new HashMap<>();
    expected.forEach((connection, frames) -> soFar.put(connection,
        frames.subList(0, Math.min(frames.size(), received.getOrDefault(connection, List.of()).size()))));
    String filled = request;
    for (Map.Entry<String, String> p : match(received, soFar).entrySet()) {
      filled = filled.replace(p.getKey(), p.getValue());
    }
    return filled;
  }

  static int invoke(ChatLambdaHandler handler, String event) throws Exception {
    return ChatLambdaHandlerTest.invoke(handler, event).get("statusCode").asInt();
  }

  /**
   * Equal field by field, in order, into nested objects and arrays; a placeholder such as {@code <id1>} binds once
   * and must then repeat, {@code <time>} is an instant.
   */
  static void assertMatches(JsonNode actual, JsonNode expected, Map<String, String> placeholders) {
    assertThat(actual).isInstanceOf(ObjectNode.class);
    assertThat(iterableNames(actual)).as("fields of %s", actual).isEqualTo(iterableNames(expected));
    expected.fields().forEachRemaining(field -> {
      JsonNode value = actual.get(field.getKey());
      String want = field.getValue().isTextual() ? field.getValue().textValue() : null;
      if ("<time>".equals(want)) {
        assertThat(Instant.parse(value.textValue())).isNotNull();
        assertThat(value.textValue()).endsWith("Z");
      } else if (want != null && want.startsWith("<")) {
        assertThat(value.isTextual()).as("%s in %s is text", field.getKey(), actual).isTrue();
        String bound = placeholders.putIfAbsent(want, value.textValue());
        assertThat(value.textValue()).as(want).isEqualTo(bound == null ? value.textValue() : bound);
      } else if (field.getValue().isObject()) {
        assertMatches(value, field.getValue(), placeholders);
      } else if (field.getValue().isArray()) {
        assertThat(value.isArray() && value.size() == field.getValue().size()).as("%s in %s", field.getKey(), actual)
            .isTrue();
        for (int i = 0; i < value.size(); i++) {
          assertMatches(value.get(i), field.getValue().get(i), placeholders);
        }
      } else {
        assertThat(value).as("%s in %s", field.getKey(), actual).isEqualTo(field.getValue());
      }
    });
  }

  static List<String> iterableNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static List<String> exampleExchange() throws Exception {
    List<String> lines = Files.readAllLines(PROTOCOL);
    int marker = lines.indexOf("<!-- example-exchange -->");
    assertThat(marker).as("docs/protocol.md has its example-exchange marker").isNotNegative();
    List<String> script = new ArrayList<>();
    for (int i = marker + 2; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
      script.add(lines.get(i));
    }
    return script;
  }
}
