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
