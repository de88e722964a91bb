package io.wschat.localgateway;

import static io.wschat.localgateway.ConnectIT.quiet;
import static io.wschat.localgateway.RecordingHandler.requestContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The events match what API Gateway sends: see the notes in issue 3. */
class EventShapeIT {
  private static final String ID = "[A-Za-z0-9_-]{15}=";
  private static final Set<String> COMMON = Set.of("routeKey", "eventType", "extendedRequestId", "requestTime",
      "messageDirection", "stage", "connectedAt", "requestTimeEpoch", "identity", "requestId", "domainName",
      "connectionId", "apiId");

  @Test
  void connect_message_and_disconnect_events_carry_what_api_gateway_puts_in_them() throws Exception {
    var handler = new RecordingHandler();
    try (var gateway = quiet().stage("dev").route("$connect", handler).route("$default", handler)
        .route("$disconnect", handler).build().start()) {
      var client = WsClient.connect(gateway.webSocketUri(), "shape-test/1.0");
      client.send("{\"n\":1}").send("{\"n\":2}");
      client.closeWith(1000, "done");

      var connect = handler.next();
      var first = handler.next();
      var second = handler.next();
      var disconnect = handler.next();

      for (var event : List.of(connect, first, second, disconnect)) {
        var rc = requestContext(event);
        assertThat(rc).containsKeys(COMMON.toArray(String[]::new));
        assertThat(rc).containsEntry("stage", "dev").containsEntry("messageDirection", "IN")
            .containsEntry("domainName", "localhost:" + gateway.port()).containsEntry("apiId", gateway.apiId())
            .containsEntry("connectionId", requestContext(connect).get("connectionId"))
            .containsEntry("connectedAt", requestContext(connect).get("connectedAt"));
        assertThat((String) rc.get("apiId")).matches("[a-z0-9]{10}");
        assertThat((String) rc.get("connectionId")).matches(ID);
        assertThat((String) rc.get("requestId")).matches(ID).isEqualTo(rc.get("extendedRequestId"));
        assertThat((String) rc.get("requestTime")).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat((Long) rc.get("requestTimeEpoch")).isGreaterThanOrEqualTo((Long) rc.get("connectedAt"));
        assertThat(rc.get("identity")).isEqualTo(Map.of("sourceIp", "127.0.0.1", "userAgent", "shape-test/1.0"));
        assertThat(event).containsEntry("isBase64Encoded", false);
      }

      assertThat(requestContext(connect)).containsEntry("eventType", "CONNECT").containsEntry("routeKey", "$connect")
          .doesNotContainKeys("messageId", "disconnectStatusCode");
      assertThat(connect).containsKeys("headers", "multiValueHeaders").doesNotContainKey("body");
      @SuppressWarnings("unchecked") var headers = (Map<String, String>) connect.get("headers");
      assertThat(headers).containsKeys("Host", "Sec-WebSocket-Key", "X-Forwarded-For", "X-Forwarded-Proto");

      for (var message : List.of(first, second)) {
        assertThat(requestContext(message)).containsEntry("eventType", "MESSAGE")
            .containsEntry("routeKey", "$default").containsKey("messageId");
        assertThat(message).doesNotContainKeys("headers", "multiValueHeaders", "queryStringParameters");
      }
      assertThat(first).containsEntry("body", "{\"n\":1}");
      assertThat(requestContext(first).get("messageId")).isNotEqualTo(requestContext(second).get("messageId"));
      assertThat(requestContext(first).get("requestId")).isNotEqualTo(requestContext(second).get("requestId"));

      assertThat(requestContext(disconnect)).containsEntry("eventType", "DISCONNECT")
          .containsEntry("routeKey", "$disconnect").containsEntry("disconnectStatusCode", 1000)
          .containsEntry("disconnectReason", "done").doesNotContainKey("messageId");
      assertThat(disconnect).containsKeys("headers", "multiValueHeaders").doesNotContainKey("body");
      client.awaitClose(Duration.ofSeconds(5));
    }
  }

  @Test
  void message_ids_are_unique_across_many_messages() throws Exception {
    var handler = new RecordingHandler();
    try (var gateway = quiet().route("$default", handler).build().start();
         var client = WsClient.connect(gateway.webSocketUri())) {
      for (int i = 0; i < 200; i++) {
        client.send("m" + i);
      }
      Set<Object> ids = new HashSet<>();
      for (int i = 0; i < 200; i++) {
        ids.add(requestContext(handler.next()).get("messageId"));
      }
      assertThat(ids).hasSize(200);
    }
  }

  /** The events class lacks disconnectStatusCode: the runtime's deserialisation must shrug it off. */
  @Test
  void the_typed_events_class_reads_every_event_including_disconnect() throws Exception {
    BlockingQueue<APIGatewayV2WebSocketEvent> events = new LinkedBlockingQueue<>();
    var typed = new TypedRecorder(events);
    try (var gateway = quiet().route("$connect", typed).route("$default", typed).route("$disconnect", typed)
        .build().start()) {
      var client = WsClient.connect(java.net.URI.create(gateway.webSocketUri() + "?token=t1"));
      client.send("hello");
      client.closeWith(4000, "bye");

      var connect = events.poll(5, TimeUnit.SECONDS);
      var message = events.poll(5, TimeUnit.SECONDS);
      var disconnect = events.poll(5, TimeUnit.SECONDS);
      assertThat(connect.getRequestContext().getEventType()).isEqualTo("CONNECT");
      assertThat(connect.getQueryStringParameters()).containsEntry("token", "t1");
      assertThat(connect.getHeaders()).containsKey("Host");
      assertThat(message.getBody()).isEqualTo("hello");
      assertThat(message.getRequestContext().getMessageId()).matches(ID);
      assertThat(message.getRequestContext().getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
      assertThat(disconnect.getRequestContext().getRouteKey()).isEqualTo("$disconnect");
      assertThat(disconnect.getRequestContext().getConnectionId())
          .isEqualTo(connect.getRequestContext().getConnectionId());
    }
  }
}
