package io.wschat.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wschat.adapter.lambda.fixture.Events;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Our reading and writing of event JSON, held to the Lambda runtime's own serialisers on the same JSON. */
class WebSocketEventJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PojoSerializer<APIGatewayV2WebSocketEvent> RUNTIME_EVENTS =
      LambdaEventSerializers.serializerFor(APIGatewayV2WebSocketEvent.class, WebSocketEventJsonTest.class.getClassLoader());
  private static final PojoSerializer<APIGatewayV2WebSocketResponse> RUNTIME_RESPONSES =
      LambdaEventSerializers.serializerFor(APIGatewayV2WebSocketResponse.class,
          WebSocketEventJsonTest.class.getClassLoader());

  static Stream<String> events() {
    return Stream.of(
        Events.json("connect.json", "BzJ9kcfLjoECIqw=", null, null),
        Events.json("connect.json", "BzJ9kcfLjoECIqw=", null, null)
            .replace("\"Sec-WebSocket-Version\"", "\"sec-websocket-protocol\":\"wschat, wschat.token.a.b.c\",\"Sec-WebSocket-Version\""),
        Events.json("disconnect.json", "BzJ9kcfLjoECIqw=", null, null),
        Events.json("message.json", "BzJ9kcfLjoECIqw=", "sendPrivateMessage",
            "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"h\\u00e9 \\\"quoted\\\" ✓\"}"),
        // every other field of the event type, unknown fields, nulls, numbers as strings, an authorizer's context
        """
        {"resource":"/","path":"/p","httpMethod":"GET","queryStringParameters":{"token":"abc"},
         "multiValueQueryStringParameters":{"token":["abc","def"]},"pathParameters":{"a":"b"},
         "stageVariables":{"v":"1"},"unknown":{"nested":[1,{"x":null}]},"body":null,"isBase64Encoded":true,
         "headers":null,"multiValueHeaders":{"h":null},
         "requestContext":{"accountId":"123","resourceId":"r","stage":"prod","requestId":"q","resourcePath":"/",
          "httpMethod":"GET","apiId":"a","connectedAt":"1795435203419","connectionId":"c=","domainName":"d",
          "error":"e","eventType":"MESSAGE","extendedRequestId":"x","integrationLatency":"12",
          "messageDirection":"IN","messageId":"m","requestTime":"t","requestTimeEpoch":1795435203420,
          "routeKey":"$default","status":"200","future":[true,false],
          "authorizer":{"principalId":"alice","userId":"alice","count":3,"ratio":0.5,"ok":true,"none":null,
           "nested":{"list":[1,"two"]}},
          "identity":{"cognitoIdentityPoolId":"p","accountId":"1","cognitoIdentityId":"i","caller":"c",
           "apiKey":"k","sourceIp":"203.0.113.10","cognitoAuthenticationType":"t",
           "cognitoAuthenticationProvider":"v","userArn":"u","userAgent":"ua","user":"us","accessKey":"ak",
           "extra":"skipped"}}}
        """);
  }

  @ParameterizedTest
  @MethodSource("events")
  void reads_every_field_wschat_uses_as_the_runtimes_serialiser_does(String json) throws IOException {
    WebSocketEvent ours = WebSocketEventJson.read(stream(json));
    APIGatewayV2WebSocketEvent theirs = RUNTIME_EVENTS.fromJson(stream(json));

    var context = theirs.getRequestContext();
    assertThat(ours.routeKey()).isEqualTo(context.getRouteKey());
    assertThat(ours.connectionId()).isEqualTo(context.getConnectionId());
    assertThat(ours.requestId()).isEqualTo(context.getRequestId());
    assertThat(ours.domainName()).isEqualTo(context.getDomainName());
    assertThat(ours.stage()).isEqualTo(context.getStage());
    assertThat(ours.body()).isEqualTo(theirs.getBody());
    Object userId = context.getAuthorizer() == null ? null : context.getAuthorizer().get("userId");
    assertThat(ours.authorizedUserId()).isEqualTo(java.util.Optional.ofNullable(userId).map(Object::toString));
    String subprotocols = theirs.getHeaders() == null ? null : theirs.getHeaders().entrySet().stream()
        .filter(h -> h.getKey().equalsIgnoreCase("Sec-WebSocket-Protocol")).map(Map.Entry::getValue)
        .findFirst().orElse(null);
    assertThat(ours.subprotocols()).isEqualTo(subprotocols);
  }

  @org.junit.jupiter.api.Test
  void a_connect_offering_subprotocols_is_read_with_them() throws IOException {
    String json = Events.json("connect.json", "BzJ9kcfLjoECIqw=", null, null)
        .replace("\"Sec-WebSocket-Version\"", "\"Sec-WebSocket-Protocol\":\"wschat, wschat.token.a.b.c\",\"Sec-WebSocket-Version\"");
    assertThat(WebSocketEventJson.read(stream(json)).subprotocols()).isEqualTo("wschat, wschat.token.a.b.c");
    assertThat(WebSocketEventJson.read(stream(Events.json("connect.json", "BzJ9kcfLjoECIqw=", null, null)))
        .subprotocols()).isNull();
  }

  @org.junit.jupiter.api.Test
  void writes_headers_the_runtime_reads_back_the_same() throws IOException {
    WebSocketResponse ours = new WebSocketResponse(200, null, Map.of("Sec-WebSocket-Protocol", "wschat"));
    var written = new ByteArrayOutputStream();
    WebSocketEventJson.write(ours, written);

    APIGatewayV2WebSocketResponse theirs = RUNTIME_RESPONSES.fromJson(new ByteArrayInputStream(written.toByteArray()));
    assertThat(theirs.getStatusCode()).isEqualTo(200);
    assertThat(theirs.getHeaders()).isEqualTo(Map.of("Sec-WebSocket-Protocol", "wschat"));
    assertThat(JSON.readTree(written.toByteArray()).has("body")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[]", "\"text\"", "{\"body\":\"x\"", "{\"requestContext\":[]}", "{\"requestContext\":{\"routeKey\":{}}}"})
  void refuses_what_is_not_an_event_object(String json) {
    assertThatThrownBy(() -> WebSocketEventJson.read(stream(json))).isInstanceOf(IOException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 400, 403, 500})
  void writes_responses_the_runtime_reads_back_the_same(int status) throws IOException {
    WebSocketResponse ours = status == 200
        ? new WebSocketResponse(200, "{\"type\":\"messageSent\",\"note\":\"é ✓ \\\" \\n\"}")
        : WebSocketResponse.status(status);
    var written = new ByteArrayOutputStream();
    WebSocketEventJson.write(ours, written);

    APIGatewayV2WebSocketResponse theirs = RUNTIME_RESPONSES.fromJson(new ByteArrayInputStream(written.toByteArray()));
    assertThat(theirs.getStatusCode()).isEqualTo(status);
    assertThat(theirs.getBody()).isEqualTo(ours.body());
    assertThat(JSON.readTree(written.toByteArray()).has("body")).isEqualTo(ours.body() != null);
    assertThat(JSON.readTree(written.toByteArray()).has("headers")).isFalse();
  }

  private static ByteArrayInputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
