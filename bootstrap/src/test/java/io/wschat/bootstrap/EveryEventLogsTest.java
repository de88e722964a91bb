package io.wschat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wschat.adapter.lambda.Action;
import io.wschat.adapter.lambda.WebSocketEvent;
import io.wschat.adapter.lambda.fixture.Events;
import io.wschat.adapter.lambda.fixture.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every event, whatever its route, action or outcome, logs exactly one JSON line with its action, outcome, latency
 * and ids, and LOG_LEVEL governs them all: the chat as the Lambda builds it, from its variables.
 */
class EveryEventLogsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALICE = "YWxpY2UtY29ubg=";
  private static final String BOB = "Ym9iLWNvbm5lY3Q=";

  /** One event of each route and action, and the failures a client can cause. */
  private static List<WebSocketEvent> everyKindOfEvent() {
    List<WebSocketEvent> events = new ArrayList<>();
    events.add(Events.connect(ALICE));
    events.add(Events.connect(BOB));
    events.add(Events.message(BOB, "registerUser", "{\"action\":\"registerUser\",\"userId\":\"bob\"}"));
    events.add(Events.message(ALICE, "sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"hi\"}")); // not registered yet
    events.add(Events.message(ALICE, "registerUser", "{\"action\":\"registerUser\",\"userId\":\"alice\"}"));
    events.add(Events.message(ALICE, "sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"hi\"}"));
    events.add(Events.message(ALICE, "getHistory", "{\"action\":\"getHistory\",\"withUserId\":\"bob\"}"));
    events.add(Events.message(ALICE, "getConversations", "{\"action\":\"getConversations\"}"));
    events.add(Events.message(BOB, "sync", "{\"action\":\"sync\"}"));
    events.add(Events.message(BOB, "markRead",
        "{\"action\":\"markRead\",\"withUserId\":\"alice\",\"upToMessageId\":\"not-a-message\"}"));
    events.add(Events.message(ALICE, "typing", "{\"action\":\"typing\",\"targetUserId\":\"bob\"}"));
    events.add(Events.message(ALICE, "$default", "{\"action\":\"nothing\"}"));
    events.add(Events.message(ALICE, "$default", "not json"));
    events.add(Events.disconnect(ALICE));
    events.add(Events.disconnect(BOB));
    return events;
  }

  private final ManagementApiTestServer managementApi;

  EveryEventLogsTest() throws java.io.IOException {
    managementApi = new ManagementApiTestServer("test");
  }

  @org.junit.jupiter.api.AfterEach
  void stop() {
    managementApi.close();
  }

  private ChatLambdaHandler chat(String logLevel) {
    return new ChatLambdaHandler(Map.of("CHAT_STORE", "memory", "LOG_LEVEL", logLevel,
        "WEBSOCKET_CALLBACK_URL", managementApi.endpoint().toString()));
  }

  @Test
  void at_debug_each_event_logs_one_line_with_action_outcome_latency_and_ids() throws Exception {
    try (ChatLambdaHandler lambda = chat("DEBUG")) {
      List<String> actions = new ArrayList<>();
      for (WebSocketEvent event : everyKindOfEvent()) {
        TestContext context = new TestContext();
        lambda.handle(event, context);
        assertThat(context.logLines()).as(event.routeKey() + " " + event.body()).hasSize(1);
        JsonNode line = JSON.readTree(context.logLines().get(0));
        assertThat(line.get("connectionId").asText()).isEqualTo(event.connectionId());
        assertThat(line.get("requestId").asText()).isEqualTo(event.requestId());
        assertThat(line.get("routeKey").asText()).isEqualTo(event.routeKey());
        assertThat(line.get("outcome").asText()).isNotBlank();
        assertThat(line.get("latencyMs").isIntegralNumber()).isTrue();
        if (line.hasNonNull("action")) {
          actions.add(line.get("action").asText());
        }
      }
      assertThat(actions).containsAll(Action.wireNames());
    }
  }

  @Test
  void each_line_carries_the_xray_trace_id_when_the_invocation_has_one() throws Exception {
    try (ChatLambdaHandler lambda = chat("DEBUG")) {
      for (WebSocketEvent event : everyKindOfEvent()) {
        TestContext traced = new TestContext("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;"
            + "Sampled=1");
        lambda.handle(event, traced);
        assertThat(JSON.readTree(traced.logLines().get(0)).path("xrayTraceId").asText())
            .isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        TestContext untraced = new TestContext();
        lambda.handle(event, untraced);
        assertThat(JSON.readTree(untraced.logLines().get(0)).has("xrayTraceId")).isFalse();
      }
    }
  }

  @Test
  void at_error_none_of_them_logs() {
    try (ChatLambdaHandler lambda = chat("ERROR")) {
      TestContext context = new TestContext();
      everyKindOfEvent().forEach(event -> lambda.handle(event, context));
      assertThat(context.logLines()).isEmpty();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
