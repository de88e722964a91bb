package io.wschat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wschat.adapter.lambda.fixture.Events;
import io.wschat.adapter.lambda.fixture.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The entry point as the Lambda runtime calls it: a stream handler, JSON in and JSON out. */
class ChatLambdaHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void is_a_stream_handler_so_the_runtime_never_loads_its_pojo_serialiser() {
    assertThat(RequestStreamHandler.class).isAssignableFrom(ChatLambdaHandler.class);
    assertThat(RequestHandler.class.isAssignableFrom(ChatLambdaHandler.class)).isFalse();
  }

  @Test
  void answers_event_json_with_the_same_response_as_the_event_record() throws Exception {
    try (var api = new ManagementApiTestServer("prod"); var handler = handler(api)) {
      JsonNode connected = invoke(handler, Events.json("connect.json", "AAAAAAAAAAAAAAA=", null, null));
      JsonNode registered = invoke(handler, Events.json("message.json", "AAAAAAAAAAAAAAA=", "registerUser",
          "{\"action\":\"registerUser\",\"userId\":\"alice\"}"));

      assertThat(connected.get("statusCode").asInt()).isEqualTo(200);
      assertThat(registered.get("statusCode").asInt()).isEqualTo(
          handler.handle(Events.message("BBBBBBBBBBBBBBB=", "registerUser",
              "{\"action\":\"registerUser\",\"userId\":\"bob\"}"), new TestContext()).statusCode());
      assertThat(registered.get("body").asText()).isEqualTo("{\"type\":\"registrationSuccess\",\"userId\":\"alice\",\"maxMessageBytes\":16384}");
      assertThat(api.allFrames()).as("a route response, not a post").isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[1,2]", "{\"requestContext\":", "{}", "{\"body\":\"x\"}"})
  void answers_400_to_what_is_not_a_websocket_event_and_sends_nothing(String input) throws Exception {
    try (var api = new ManagementApiTestServer("prod"); var handler = handler(api)) {
      JsonNode response = invoke(handler, input);

      assertThat(response.get("statusCode").asInt()).isEqualTo(400);
      assertThat(api.allFrames()).isEmpty();
    }
  }

  private static ChatLambdaHandler handler(ManagementApiTestServer api) {
    return new ChatLambdaHandler(ChatConfig.from(Map.of(
        "CHAT_STORE", "memory", "WEBSOCKET_CALLBACK_URL", api.endpoint().toString())));
  }

  /** The response JSON the handler writes for {@code event}, as the runtime hands it to API Gateway. */
  static JsonNode invoke(ChatLambdaHandler handler, String event) throws Exception {
    var out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, new TestContext());
    return JSON.readTree(out.toByteArray());
  }
}
