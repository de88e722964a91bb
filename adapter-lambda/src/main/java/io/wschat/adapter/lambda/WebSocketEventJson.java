package io.wschat.adapter.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * API Gateway WebSocket events in and integration responses out, with jackson-core's streaming API. Only the fields
 * of {@link WebSocketEvent} are read; everything else is skipped unread. Field names, and the coercions of the
 * Lambda runtime's own serialiser (a number where a string is expected becomes its text), are the runtime's: a test
 * holds this reader to it on every event fixture.
 */
public final class WebSocketEventJson {
  private static final JsonFactory JSON = new JsonFactory();

  private WebSocketEventJson() {}

  /** The event in {@code in}; an {@link IOException} if it is not a JSON object. */
  public static WebSocketEvent read(InputStream in) throws IOException {
    try (JsonParser parser = JSON.createParser(in)) {
      expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
      String body = null;
      String subprotocols = null;
      WebSocketEvent context = new WebSocketEvent(null, null, null, null, null, null, Optional.empty());
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("body")) {
          body = text(parser);
        } else if (field.equals("headers") && value != JsonToken.VALUE_NULL) {
          subprotocols = header(parser, Subprotocols.HEADER);
        } else if (field.equals("requestContext") && value != JsonToken.VALUE_NULL) {
          context = context(parser);
        } else {
          parser.skipChildren();
        }
      }
      expect(parser, parser.currentToken(), JsonToken.END_OBJECT);
      return new WebSocketEvent(context.routeKey(), context.connectionId(), context.requestId(),
          context.domainName(), context.stage(), body, context.authorizedUserId(), subprotocols);
    }
  }

  /** One header of the {@code headers} object, whose names API Gateway passes as the client spelled them. */
  private static String header(JsonParser parser, String name) throws IOException {
    expect(parser, parser.currentToken(), JsonToken.START_OBJECT);
    String found = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      boolean wanted = parser.currentName().equalsIgnoreCase(name);
      parser.nextToken();
      if (wanted) {
        found = text(parser);
      } else {
        parser.skipChildren();
      }
    }
    return found;
  }

  /**
   * Writes the response as the runtime would: API Gateway reads statusCode, body on a two-way route, and headers on
   * $connect.
   */
  public static void write(WebSocketResponse response, OutputStream out) throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("statusCode", response.statusCode());
      if (response.body() != null) {
        json.writeStringField("body", response.body());
      }
      if (!response.headers().isEmpty()) {
        json.writeObjectFieldStart("headers");
        for (var header : response.headers().entrySet()) {
          json.writeStringField(header.getKey(), header.getValue());
        }
        json.writeEndObject();
      }
      json.writeEndObject();
    }
  }

  private static WebSocketEvent context(JsonParser parser) throws IOException {
    expect(parser, parser.currentToken(), JsonToken.START_OBJECT);
    String routeKey = null;
    String connectionId = null;
    String requestId = null;
    String domainName = null;
    String stage = null;
    Optional<String> userId = Optional.empty();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "routeKey" -> routeKey = text(parser);
        case "connectionId" -> connectionId = text(parser);
        case "requestId" -> requestId = text(parser);
        case "domainName" -> domainName = text(parser);
        case "stage" -> stage = text(parser);
        case "authorizer" -> userId = value == JsonToken.VALUE_NULL ? Optional.empty() : authorizedUserId(parser);
        default -> parser.skipChildren();
      }
    }
    return new WebSocketEvent(routeKey, connectionId, requestId, domainName, stage, null, userId);
  }

  /** {@code authorizer.userId}: the context a REQUEST authorizer returned; a scalar becomes its text. */
  private static Optional<String> authorizedUserId(JsonParser parser) throws IOException {
    expect(parser, parser.currentToken(), JsonToken.START_OBJECT);
    Optional<String> userId = Optional.empty();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("userId") && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
        userId = Optional.of(parser.getText());
      } else {
        parser.skipChildren();
      }
    }
    return userId;
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

  private static void expect(JsonParser parser, JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " at " + parser.currentLocation() + ", got " + actual);
    }
  }
}
