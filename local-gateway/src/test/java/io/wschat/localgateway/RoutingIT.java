package io.wschat.localgateway;

import static io.wschat.localgateway.ConnectIT.quiet;
import static io.wschat.localgateway.RecordingHandler.requestContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void a_body_whose_action_names_a_route_goes_to_that_route_and_anything_else_to_default() throws Exception {
    var named = new RecordingHandler();
    var fallback = new RecordingHandler();
    try (var gateway = quiet().route("sendMessage", named).route("$default", fallback).build().start();
         var client = WsClient.connect(gateway.webSocketUri())) {
      client.send("{\"action\":\"sendMessage\",\"text\":\"hi\"}");
      assertThat(requestContext(named.next())).containsEntry("routeKey", "sendMessage");

      client.send("{\"action\":\"unknown\"}").send("not json").send("{\"action\":{\"nested\":1}}")
          .send("{\"action\":\"$connect\"}");
      for (int i = 0; i < 4; i++) {
        assertThat(requestContext(fallback.next())).containsEntry("routeKey", "$default");
      }
      assertThat(named.events).isEmpty();
    }
  }

  @Test
  void the_route_selection_expression_can_point_into_the_body() throws Exception {
    var named = new RecordingHandler();
    try (var gateway = quiet().routeSelectionExpression("$request.body.meta.type").route("ping", named)
        .build().start();
         var client = WsClient.connect(gateway.webSocketUri())) {
      client.send("{\"meta\":{\"type\":\"ping\"}}");
      assertThat(requestContext(named.next())).containsEntry("routeKey", "ping");
    }
  }

  @Test
  void without_a_default_route_an_unmatched_message_gets_api_gateways_forbidden_frame() throws Exception {
    try (var gateway = quiet().route("sendMessage", new RecordingHandler()).build().start();
         var client = WsClient.connect(gateway.webSocketUri())) {
      client.send("{\"action\":\"other\"}");
      JsonNode frame = JSON.readTree(client.next());
      assertThat(frame.get("message").asText()).isEqualTo("Forbidden");
      assertThat(frame.get("connectionId").asText()).matches("[A-Za-z0-9_-]{15}=");
      assertThat(frame.get("requestId").asText()).isNotBlank();
      assertThat(frame.size()).isEqualTo(3);
    }
  }

  @Test
  void an_integration_that_throws_gives_the_internal_server_error_frame_and_the_connection_lives_on() throws Exception {
    RequestHandler<Map<String, Object>, Object> failing = (event, context) -> {
      throw new IllegalStateException("boom");
    };
    var fine = new RecordingHandler();
    var connect = new RecordingHandler();
    try (var gateway = quiet().route("$connect", connect).route("fail", failing).route("$default", fine)
        .build().start();
         var client = WsClient.connect(gateway.webSocketUri())) {
      client.send("{\"action\":\"fail\"}");
      JsonNode frame = JSON.readTree(client.next());
      assertThat(frame.get("message").asText()).isEqualTo("Internal server error");
      assertThat(frame.get("connectionId").asText()).isEqualTo(requestContext(connect.next()).get("connectionId"));
      assertThat(frame.get("requestId").asText()).isNotBlank();

      client.send("still there?");
      assertThat(fine.next()).containsEntry("body", "still there?");
    }
  }

  @Test
  void a_route_response_sends_the_integration_body_back_and_a_plain_route_sends_nothing() throws Exception {
    RequestHandler<Map<String, Object>, Map<String, Object>> answering =
        (event, context) -> Map.of("statusCode", 200, "body", "pong:" + event.get("body"));
    try (var gateway = quiet().route("twoWay", answering).routeResponse("twoWay").route("$default", answering)
        .build().start();
         var client = WsClient.connect(gateway.webSocketUri())) {
      client.send("x").send("{\"action\":\"twoWay\"}");
      assertThat(client.next()).isEqualTo("pong:{\"action\":\"twoWay\"}");
      assertThat(client.frames).isEmpty();
    }
  }

  @Test
  void a_route_response_follows_what_the_invocation_posted_and_is_sent_whatever_the_status() throws Exception {
    var gateway = new java.util.concurrent.atomic.AtomicReference<LocalGateway>();
    RequestHandler<Map<String, Object>, Map<String, Object>> postsThenAnswers = (event, context) -> {
      @SuppressWarnings("unchecked")
      String id = ((Map<String, Object>) event.get("requestContext")).get("connectionId").toString();
      var post = java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(gateway.get().managementEndpoint() + "/@connections/" + id.replace("=", "%3D")))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("posted first")).build();
      try {
        int status = java.net.http.HttpClient.newHttpClient()
            .send(post, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(status).isEqualTo(200);
      } catch (java.io.IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return Map.of("statusCode", 400, "body", "answered second");
    };
    gateway.set(quiet().route("$default", postsThenAnswers).routeResponse("$default").build().start());
    try (var client = WsClient.connect(gateway.get().webSocketUri())) {
      client.send("hi");
      assertThat(client.next()).isEqualTo("posted first");
      assertThat(client.next()).isEqualTo("answered second");
    } finally {
      gateway.get().close();
    }
  }

  @Test
  void connect_and_disconnect_cannot_have_a_route_response() {
    for (String key : new String[] {"$connect", "$disconnect"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> quiet().routeResponse(key))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sends no body");
    }
  }

  @Test
  void a_typed_handler_gets_the_event_through_the_lambda_runtime_serialisation_and_answers_via_the_management_api()
      throws Exception {
    try (var gateway = quiet().route("$default", new EchoHandler()).build().start();
         var client = WsClient.connect(gateway.webSocketUri())) {
      client.send("hello");
      assertThat(client.next()).isEqualTo("echo:hello");
    }
  }
}
