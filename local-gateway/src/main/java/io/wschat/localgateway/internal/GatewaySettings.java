package io.wschat.localgateway.internal;

import io.wschat.localgateway.template.WebSocketApiTemplate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Everything the emulated API is configured with, checked once. */
public record GatewaySettings(
    String host,
    int port,
    String stage,
    String apiId,
    Map<String, Route> routes,
    Optional<RequestAuthorizer> authorizer,
    RouteSelector selector,
    Duration idleTimeout,
    Duration maxConnectionDuration,
    int maxMessageBytes,
    int concurrency,
    AccessLog accessLog,
    int inboundQueueMessages,
    long outboundBufferBytes,
    int maxFrameBytes,
    Set<String> allowedOrigins,
    UpgradeGuard.RefusalListener refusedOrigins,
    WebSocketApiTemplate.Throttling throttling) {

  public GatewaySettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    checkStage(stage);
    if (apiId == null || !apiId.matches("[a-z0-9]{10}")) {
      throw new IllegalArgumentException("apiId must be 10 lowercase letters or digits, got " + apiId);
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()
        || maxConnectionDuration.isNegative() || maxConnectionDuration.isZero()) {
      throw new IllegalArgumentException("idle timeout and maximum connection duration must be positive");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    if (inboundQueueMessages < 1) {
      throw new IllegalArgumentException("the inbound queue must hold at least 1 message, got " + inboundQueueMessages);
    }
    if (outboundBufferBytes < maxMessageBytes) {
      throw new IllegalArgumentException("the outbound buffer must hold at least one message of " + maxMessageBytes
          + " bytes, got " + outboundBufferBytes);
    }
    routes = Map.copyOf(routes);
    allowedOrigins = Set.copyOf(allowedOrigins);
    java.util.Objects.requireNonNull(refusedOrigins, "refusedOrigins");
    authorizer = authorizer == null ? Optional.empty() : authorizer;
  }

  /** The stage as API Gateway allows it in a URL path. */
  public static String checkStage(String stage) {
    if (stage == null || !stage.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("a stage is letters, digits, '-' or '_', got " + stage);
    }
    return stage;
  }
}
