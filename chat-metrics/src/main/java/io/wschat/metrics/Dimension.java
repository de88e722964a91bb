package io.wschat.metrics;

/**
 * The dimensions of wschat's metrics. Every metric has {@link #STAGE}, the API stage of the event; a few have one or
 * two more, and only values from small fixed sets (an error code, a store, an operation, a reason category), never
 * an id, a body or a token, so that the number of series stays small and nothing private reaches CloudWatch.
 */
public enum Dimension {
  STAGE("Stage"),
  /** The error code of a refused request (docs/protocol.md), such as {@code RATE_LIMITED}. */
  CODE("Code"),
  /** Where the chat's state lives: {@code dynamodb}, {@code redis} or {@code memory}. */
  STORE("Store"),
  /** A store call, as port.method: {@code registry.connectionsOf}, {@code log.append}, {@code limiter.acquire}. */
  OPERATION("Operation"),
  /** Why the authorizer refused a connection: the category of TokenVerifier's reason, such as {@code expired}. */
  REASON("Reason");

  private final String key;

  Dimension(String key) {
    this.key = key;
  }

  /** The name in EMF documents and CloudWatch (and, in snake case, in Prometheus labels). */
  public String key() {
    return key;
  }
}
