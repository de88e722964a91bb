package io.wschat.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/**
 * API Gateway WebSocket events as the JSON API Gateway sends to the function, for the benchmarks' handlers: the
 * fields of a real CONNECT or MESSAGE event, fresh request ids each time. The adapters' tests have richer
 * fixtures in their test-jars; the harness is main code and builds its own, so no test code ships in its jar.
 */
public final class EventJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API = "a1b2c3d4e5";
  private static final String DOMAIN = API + ".execute-api.eu-west-1.amazonaws.com";

  private EventJson() {}

  public static String connect(String connectionId) {
    ObjectNode event = JSON.createObjectNode();
    ObjectNode headers = event.putObject("headers");
    headers.put("Host", DOMAIN);
    headers.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    headers.put("Sec-WebSocket-Version", "13");
    headers.put("X-Forwarded-For", "203.0.113.10");
    headers.put("X-Forwarded-Port", "443");
    headers.put("X-Forwarded-Proto", "https");
    ObjectNode multi = event.putObject("multiValueHeaders");
    headers.fields().forEachRemaining(field -> multi.putArray(field.getKey()).add(field.getValue()));
    requestContext(event, connectionId, "$connect", "CONNECT");
    event.put("isBase64Encoded", false);
    return write(event);
  }

  /** A MESSAGE event on {@code routeKey} (as API Gateway selected it) with {@code body} as the client sent it. */
  public static String message(String connectionId, String routeKey, String body) {
    ObjectNode event = JSON.createObjectNode();
    requestContext(event, connectionId, routeKey, "MESSAGE").put("messageId", id());
    event.put("body", body);
    event.put("isBase64Encoded", false);
    return write(event);
  }

  private static ObjectNode requestContext(ObjectNode event, String connectionId, String routeKey, String type) {
    long now = Instant.now().toEpochMilli();
    String requestId = id();
    ObjectNode context = event.putObject("requestContext");
    context.put("routeKey", routeKey);
    context.put("eventType", type);
    context.put("extendedRequestId", requestId);
    context.put("messageDirection", "IN");
    context.put("stage", "prod");
    context.put("connectedAt", now);
    context.put("requestTimeEpoch", now);
    context.putObject("identity").put("sourceIp", "203.0.113.10");
    context.put("requestId", requestId);
    context.put("domainName", DOMAIN);
    context.put("connectionId", connectionId);
    context.put("apiId", API);
    return context;
  }

  // API Gateway's ids look like "BzJ-xE1gjoEF4Eg=": 15 characters and a '='.
  private static String id() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 15) + "=";
  }

  private static String write(ObjectNode event) {
    try {
      return JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
