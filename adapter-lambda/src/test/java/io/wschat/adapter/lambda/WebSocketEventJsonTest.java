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
  void reads_every_event_as_the_runtimes_serialiser_does(String json) throws IOException {
    APIGatewayV2WebSocketEvent ours = WebSocketEventJson.read(stream(json));
    APIGatewayV2WebSocketEvent theirs = RUNTIME_EVENTS.fromJson(stream(json));

    assertThat(ours).usingRecursiveComparison().isEqualTo(theirs);
    assertThat(ours.getRequestContext()).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[]", "\"text\"", "{\"body\":\"x\"", "{\"requestContext\":[]}",
      "{\"requestContext\":{\"connectedAt\":\"soon\"}}", "{\"requestContext\":{\"routeKey\":{}}}"})
  void refuses_what_is_not_an_event_object(String json) {
    assertThatThrownBy(() -> WebSocketEventJson.read(stream(json))).isInstanceOf(IOException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 400, 403, 500})
  void writes_responses_that_read_back_as_the_runtime_writes_them(int status) throws IOException {
    var response = new APIGatewayV2WebSocketResponse();
    response.setStatusCode(status);
    if (status == 200) {
      response.setBody("{\"type\":\"messageSent\",\"note\":\"é ✓ \\\" \\n\"}");
      response.setHeaders(Map.of("X-Test", "1"));
      response.setMultiValueHeaders(Map.of("X-Many", new String[] {"a", "b"}));
    }
    var ours = new ByteArrayOutputStream();
    WebSocketEventJson.write(response, ours);
    var theirs = new ByteArrayOutputStream();
    RUNTIME_RESPONSES.toJson(response, theirs);

    JsonNode written = JSON.readTree(ours.toByteArray());
    JsonNode expected = JSON.readTree(theirs.toByteArray());
    assertThat(written.get("statusCode").asInt()).isEqualTo(status);
    // Same values wherever the runtime writes one; the runtime also writes nulls, which we leave out.
    expected.fields().forEachRemaining(field -> {
      if (!field.getValue().isNull()) {
        assertThat(written.get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue());
      }
    });
    written.fieldNames().forEachRemaining(name -> assertThat(expected.get(name)).as(name).isNotNull());
  }

  private static ByteArrayInputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
