package io.wschat.adapter.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway WebSocket events and responses as JSON, read and written with jackson-core's streaming API: what the
 * Lambda runtime's POJO serialiser does for a {@code RequestHandler}, without its ~850 classes of shaded Jackson
 * on the cold start (docs/performance.md). Every field of {@link APIGatewayV2WebSocketEvent} is read, with the
 * runtime's names; unknown fields are skipped, as the runtime does.
 */
public final class WebSocketEventJson {
  private static final JsonFactory JSON = new JsonFactory();

  private WebSocketEventJson() {}

  /** The event in {@code in}; an {@link IOException} if it is not a JSON object. */
  public static APIGatewayV2WebSocketEvent read(InputStream in) throws IOException {
    try (JsonParser parser = JSON.createParser(in)) {
      expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
      var event = new APIGatewayV2WebSocketEvent();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "resource" -> event.setResource(text(parser));
          case "path" -> event.setPath(text(parser));
          case "httpMethod" -> event.setHttpMethod(text(parser));
          case "headers" -> event.setHeaders(strings(parser));
          case "multiValueHeaders" -> event.setMultiValueHeaders(stringLists(parser));
          case "queryStringParameters" -> event.setQueryStringParameters(strings(parser));
          case "multiValueQueryStringParameters" -> event.setMultiValueQueryStringParameters(stringLists(parser));
          case "pathParameters" -> event.setPathParameters(strings(parser));
          case "stageVariables" -> event.setStageVariables(strings(parser));
          case "requestContext" -> event.setRequestContext(value == JsonToken.VALUE_NULL ? null : context(parser));
          case "body" -> event.setBody(text(parser));
          case "isBase64Encoded" -> event.setIsBase64Encoded(value == JsonToken.VALUE_TRUE);
          default -> parser.skipChildren();
        }
      }
      expect(parser, parser.currentToken(), JsonToken.END_OBJECT);
      return event;
    }
  }

  /** Writes the response as the runtime would: API Gateway reads statusCode, and body on a two-way route. */
  public static void write(APIGatewayV2WebSocketResponse response, OutputStream out) throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeBooleanField("isBase64Encoded", response.isIsBase64Encoded());
      json.writeNumberField("statusCode", response.getStatusCode());
      if (response.getHeaders() != null) {
        json.writeObjectFieldStart("headers");
        for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
          json.writeStringField(header.getKey(), header.getValue());
        }
        json.writeEndObject();
      }
      if (response.getMultiValueHeaders() != null) {
        json.writeObjectFieldStart("multiValueHeaders");
        for (Map.Entry<String, String[]> header : response.getMultiValueHeaders().entrySet()) {
          json.writeArrayFieldStart(header.getKey());
          for (String value : header.getValue()) {
            json.writeString(value);
          }
          json.writeEndArray();
        }
        json.writeEndObject();
      }
      if (response.getBody() != null) {
        json.writeStringField("body", response.getBody());
      }
      json.writeEndObject();
    }
  }

  private static RequestContext context(JsonParser parser) throws IOException {
    expect(parser, parser.currentToken(), JsonToken.START_OBJECT);
    var context = new RequestContext();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "accountId" -> context.setAccountId(text(parser));
        case "resourceId" -> context.setResourceId(text(parser));
        case "stage" -> context.setStage(text(parser));
        case "requestId" -> context.setRequestId(text(parser));
        case "identity" -> context.setIdentity(value == JsonToken.VALUE_NULL ? null : identity(parser));
        case "resourcePath" -> context.setResourcePath(text(parser));
        case "authorizer" -> context.setAuthorizer(objects(parser));
        case "httpMethod" -> context.setHttpMethod(text(parser));
        case "apiId" -> context.setApiId(text(parser));
        case "connectedAt" -> context.setConnectedAt(number(parser));
        case "connectionId" -> context.setConnectionId(text(parser));
        case "domainName" -> context.setDomainName(text(parser));
        case "error" -> context.setError(text(parser));
        case "eventType" -> context.setEventType(text(parser));
        case "extendedRequestId" -> context.setExtendedRequestId(text(parser));
        case "integrationLatency" -> context.setIntegrationLatency(text(parser));
        case "messageDirection" -> context.setMessageDirection(text(parser));
        case "messageId" -> context.setMessageId(text(parser));
        case "requestTime" -> context.setRequestTime(text(parser));
        case "requestTimeEpoch" -> context.setRequestTimeEpoch(number(parser));
        case "routeKey" -> context.setRouteKey(text(parser));
        case "status" -> context.setStatus(text(parser));
        default -> parser.skipChildren();
      }
    }
    return context;
  }

  private static RequestIdentity identity(JsonParser parser) throws IOException {
    expect(parser, parser.currentToken(), JsonToken.START_OBJECT);
    var identity = new RequestIdentity();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "cognitoIdentityPoolId" -> identity.setCognitoIdentityPoolId(text(parser));
        case "accountId" -> identity.setAccountId(text(parser));
        case "cognitoIdentityId" -> identity.setCognitoIdentityId(text(parser));
        case "caller" -> identity.setCaller(text(parser));
        case "apiKey" -> identity.setApiKey(text(parser));
        case "sourceIp" -> identity.setSourceIp(text(parser));
        case "cognitoAuthenticationType" -> identity.setCognitoAuthenticationType(text(parser));
        case "cognitoAuthenticationProvider" -> identity.setCognitoAuthenticationProvider(text(parser));
        case "userArn" -> identity.setUserArn(text(parser));
        case "userAgent" -> identity.setUserAgent(text(parser));
        case "user" -> identity.setUser(text(parser));
        case "accessKey" -> identity.setAccessKey(text(parser));
        default -> parser.skipChildren();
      }
    }
    return identity;
  }

  /** A string field; a number or boolean becomes its text, as Jackson coerces scalars into a String. */
  private static String text(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!token.isScalarValue()) {
      throw new IOException("expected a string at " + parser.currentName() + ", got " + token);
    }
    return parser.getText();
  }

  private static long number(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return 0;
    }
    if (token == JsonToken.VALUE_STRING) {
      try {
        return Long.parseLong(parser.getText().trim());
      } catch (NumberFormatException e) {
        throw new IOException("expected a number at " + parser.currentName() + ", got " + parser.getText(), e);
      }
    }
    return parser.getValueAsLong();
  }

  private static Map<String, String> strings(JsonParser parser) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(parser, parser.currentToken(), JsonToken.START_OBJECT);
    Map<String, String> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      map.put(key, text(parser));
    }
    return map;
  }

  private static Map<String, List<String>> stringLists(JsonParser parser) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(parser, parser.currentToken(), JsonToken.START_OBJECT);
    Map<String, List<String>> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      if (parser.nextToken() == JsonToken.VALUE_NULL) {
        map.put(key, null);
        continue;
      }
      expect(parser, parser.currentToken(), JsonToken.START_ARRAY);
      List<String> values = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        values.add(text(parser));
      }
      map.put(key, values);
    }
    return map;
  }

  /** An authorizer's context: any JSON, as the runtime's {@code Map<String, Object>} holds it. */
  private static Map<String, Object> objects(JsonParser parser) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(parser, parser.currentToken(), JsonToken.START_OBJECT);
    Map<String, Object> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      map.put(key, any(parser));
    }
    return map;
  }

  private static Object any(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case START_OBJECT -> objects(parser);
      case START_ARRAY -> {
        List<Object> values = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          values.add(any(parser));
        }
        yield values;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default -> null;
    };
  }

  private static void expect(JsonParser parser, JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " at " + parser.currentLocation() + ", got " + actual);
    }
  }
}
