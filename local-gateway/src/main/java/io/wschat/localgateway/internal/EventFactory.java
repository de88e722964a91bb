package io.wschat.localgateway.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Builds events the way API Gateway sends them to a Lambda proxy integration. Written as JSON rather than
 * through the events class, because real events carry fields that class lacks (disconnectStatusCode).
 */
final class EventFactory {
  /** Where the emulated API pretends to live, in method ARNs; fixed, so authorizers may check them. */
  static final String REGION = "us-east-1";
  static final String ACCOUNT_ID = "123456789012";

  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  private final String stage;
  private final String apiId;
  private final IntSupplier port;

  EventFactory(String stage, String apiId, IntSupplier port) {
    this.stage = stage;
    this.apiId = apiId;
    this.port = port;
  }

  String domainName() {
    return "localhost:" + port.getAsInt();
  }

  ObjectNode connect(Connection c, Map<String, List<String>> headers, QueryString query, String requestId) {
    ObjectNode event = Json.object();
    putHeaders(event, headers);
    if (!query.isEmpty()) {
      event.set("queryStringParameters", Json.MAPPER.valueToTree(query.single()));
      event.set("multiValueQueryStringParameters", Json.MAPPER.valueToTree(query.multi()));
    }
    event.set("requestContext", requestContext(c, "$connect", "CONNECT", requestId));
    return event.put("isBase64Encoded", false);
  }

  /** What API Gateway authorizes: {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect}. */
  String connectMethodArn() {
    return "arn:aws:execute-api:" + REGION + ":" + ACCOUNT_ID + ":" + apiId + "/" + stage + "/$connect";
  }

  /** A REQUEST authorizer's input: the $connect request, with its query maps and stage variables always present. */
  ObjectNode authorizer(Connection c, Map<String, List<String>> headers, QueryString query, String methodArn,
      String requestId) {
    ObjectNode event = Json.object().put("type", "REQUEST").put("methodArn", methodArn);
    putHeaders(event, headers);
    event.set("queryStringParameters", Json.MAPPER.valueToTree(query.single()));
    event.set("multiValueQueryStringParameters", Json.MAPPER.valueToTree(query.multi()));
    event.putObject("stageVariables");
    event.set("requestContext", requestContext(c, "$connect", "CONNECT", requestId));
    return event;
  }

  ObjectNode message(Connection c, String routeKey, String body, String requestId) {
    ObjectNode context = requestContext(c, routeKey, "MESSAGE", requestId).put("messageId", Ids.next());
    ObjectNode event = Json.object();
    event.set("requestContext", context);
    return event.put("body", body).put("isBase64Encoded", false);
  }

  ObjectNode disconnect(Connection c, int statusCode, String reason, String requestId) {
    ObjectNode event = Json.object();
    // What API Gateway really sends on $disconnect: the client's headers are long gone.
    putHeaders(event, Map.of("Host", List.of(domainName()), "x-api-key", List.of(""),
        "X-Forwarded-For", List.of(""), "x-restapi", List.of("")));
    ObjectNode context = requestContext(c, "$disconnect", "DISCONNECT", requestId)
        .put("disconnectStatusCode", statusCode)
        .put("disconnectReason", reason == null ? "" : reason);
    event.set("requestContext", context);
    return event.put("isBase64Encoded", false);
  }

  private ObjectNode requestContext(Connection c, String routeKey, String eventType, String requestId) {
    long now = System.currentTimeMillis();
    ObjectNode context = Json.object()
        .put("routeKey", routeKey)
        .put("eventType", eventType)
        .put("extendedRequestId", requestId)
        .put("requestTime", REQUEST_TIME.format(Instant.ofEpochMilli(now)))
        .put("messageDirection", "IN")
        .put("stage", stage)
        .put("connectedAt", c.connectedAt())
        .put("requestTimeEpoch", now);
    context.putObject("identity").put("userAgent", c.userAgent()).put("sourceIp", c.sourceIp());
    c.authorizer().ifPresent(authorizer -> context.set("authorizer", authorizer.deepCopy()));
    return context.put("requestId", requestId)
        .put("domainName", domainName())
        .put("connectionId", c.id())
        .put("apiId", apiId);
  }

  private static void putHeaders(ObjectNode event, Map<String, List<String>> headers) {
    ObjectNode single = event.putObject("headers");
    ObjectNode multi = event.putObject("multiValueHeaders");
    headers.forEach((name, values) -> {
      single.put(name, values.get(values.size() - 1));
      values.forEach(multi.putArray(name)::add);
    });
  }
}
