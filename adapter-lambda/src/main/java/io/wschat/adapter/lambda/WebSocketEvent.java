package io.wschat.adapter.lambda;

import java.util.Optional;

/**
 * The fields of an API Gateway WebSocket event that wschat uses, as {@link WebSocketEventJson} reads them; null
 * where the event has none. {@code authorizedUserId} is {@code requestContext.authorizer.userId}, which API Gateway
 * copies into every event of a connection that a REQUEST authorizer allowed.
 */
public record WebSocketEvent(String routeKey, String connectionId, String requestId, String domainName, String stage,
    String body, Optional<String> authorizedUserId) {

  public WebSocketEvent {
    authorizedUserId = authorizedUserId == null ? Optional.empty() : authorizedUserId;
  }
}
