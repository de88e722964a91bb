package io.wschat.localgateway.internal;

import java.time.Instant;
import java.util.function.Consumer;

/** One JSON line per connection event, with the fields API Gateway's WebSocket access logs offer. */
public final class AccessLog {
  private final Consumer<String> sink;

  public AccessLog(Consumer<String> sink) {
    this.sink = sink;
  }

  void connect(String connectionId, String requestId, String sourceIp, int status) {
    sink.accept(line("CONNECT", "$connect", connectionId, requestId, sourceIp).put("status", status).toString());
  }

  /**
   * A connect behind a REQUEST authorizer: its status, latency and principal, or our reason for refusing, as
   * {@code $context.authorizer.*} offers them. Never an identity source's value: that is the client's credential.
   */
  void connect(String connectionId, String requestId, String sourceIp, int status, Authorization authorization,
      long authorizerLatencyMillis) {
    var line = line("CONNECT", "$connect", connectionId, requestId, sourceIp).put("status", status)
        .put("authorizerStatus", authorization.status()).put("authorizerLatency", authorizerLatencyMillis);
    if (authorization instanceof Authorization.Allowed allowed) {
      line.put("principalId", allowed.principalId());
    } else if (authorization instanceof Authorization.Refused refused) {
      line.put("authorizerError", refused.error());
    }
    sink.accept(line.toString());
  }

  void disconnect(String connectionId, String requestId, String sourceIp, int code, String reason) {
    sink.accept(line("DISCONNECT", "$disconnect", connectionId, requestId, sourceIp)
        .put("disconnectStatusCode", code).put("disconnectReason", reason).toString());
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode line(
      String eventType, String routeKey, String connectionId, String requestId, String sourceIp) {
    return Json.object()
        .put("requestTime", Instant.now().toString())
        .put("eventType", eventType)
        .put("routeKey", routeKey)
        .put("connectionId", connectionId)
        .put("requestId", requestId)
        .put("ip", sourceIp);
  }
}
