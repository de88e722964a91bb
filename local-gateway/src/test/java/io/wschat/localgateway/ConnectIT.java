package io.wschat.localgateway;

import static io.wschat.localgateway.RecordingHandler.requestContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectIT {

  @Test
  void a_connect_route_that_answers_200_accepts_the_connection_and_logs_it() throws Exception {
    var connect = new RecordingHandler(200);
    List<String> log = new CopyOnWriteArrayList<>();
    try (var gateway = LocalGateway.builder().port(0).accessLog(log::add).route("$connect", connect).build().start();
         var client = WsClient.connect(gateway.webSocketUri())) {
      String connectionId = (String) requestContext(connect.next()).get("connectionId");
      assertThat(log).singleElement().asString()
          .contains("\"eventType\":\"CONNECT\"", "\"connectionId\":\"" + connectionId + "\"", "\"status\":200");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403, 429})
  void a_connect_route_that_answers_non_2xx_rejects_the_upgrade_with_that_status(int status) {
    try (var gateway = quiet().route("$connect", new RecordingHandler(status)).build().start()) {
      assertThat(WsClient.handshakeStatus(gateway.webSocketUri())).isEqualTo(status);
    }
  }

  @Test
  void a_connect_route_that_throws_rejects_the_upgrade_with_500() {
    RequestHandler<Map<String, Object>, Object> failing = (event, context) -> {
      throw new IllegalStateException("boom");
    };
    try (var gateway = quiet().route("$connect", failing).build().start()) {
      assertThat(WsClient.handshakeStatus(gateway.webSocketUri())).isEqualTo(500);
    }
  }

  @Test
  void an_api_without_a_connect_route_accepts_every_connection() throws Exception {
    var fallback = new RecordingHandler();
    try (var gateway = quiet().route("$default", fallback).build().start();
         var client = WsClient.connect(gateway.webSocketUri())) {
      client.send("hello");
      assertThat(fallback.next()).containsEntry("body", "hello");
    }
  }

  @Test
  void a_connect_route_that_returns_nothing_accepts_the_connection() throws Exception {
    RequestHandler<Map<String, Object>, Object> silent = (event, context) -> null;
    var fallback = new RecordingHandler();
    try (var gateway = quiet().route("$connect", silent).route("$default", fallback).build().start();
         var client = WsClient.connect(gateway.webSocketUri())) {
      client.send("hello");
      assertThat(fallback.next()).containsEntry("body", "hello");
    }
  }

  @Test
  void the_query_string_reaches_connect_decoded() throws Exception {
    var connect = new RecordingHandler();
    try (var gateway = quiet().route("$connect", connect).build().start();
         var client = WsClient.connect(URI.create(gateway.webSocketUri() + "?token=a%2Bb%3D&x=1&x=2"))) {
      var event = connect.next();
      assertThat(event.get("queryStringParameters")).isEqualTo(Map.of("token", "a+b=", "x", "2"));
      assertThat(event.get("multiValueQueryStringParameters"))
          .isEqualTo(Map.of("token", List.of("a+b="), "x", List.of("1", "2")));
    }
  }

  @Test
  void without_a_query_string_connect_gets_no_query_parameters_at_all() throws Exception {
    var connect = new RecordingHandler();
    try (var gateway = quiet().route("$connect", connect).build().start();
         var client = WsClient.connect(gateway.webSocketUri())) {
      assertThat(connect.next()).doesNotContainKeys("queryStringParameters", "multiValueQueryStringParameters");
    }
  }

  static LocalGatewayBuilder quiet() {
    return LocalGateway.builder().port(0).accessLog(line -> {});
  }
}
