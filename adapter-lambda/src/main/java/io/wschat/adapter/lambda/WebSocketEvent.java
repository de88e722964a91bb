package io.wschat.adapter.lambda;

import java.util.Optional;

/**
 * The fields of an API Gateway WebSocket event that wschat uses, as {@link WebSocketEventJson} reads them; null
 * where the event has none. {@code authorizedUserId} is {@code requestContext.authorizer.userId}, which API Gateway
 * copies into every event of a connection that a REQUEST authorizer allowed. {@code subprotocols} is the client's
 * {@code Sec-WebSocket-Protocol} header, on $connect only (see {@link Subprotocols}).
 */
public record WebSocketEvent(String routeKey, String connectionId, String requestId, String domainName, String stage,
    String body, Optional<String> authorizedUserId, String subprotocols) {

  public WebSocketEvent {
    authorizedUserId = authorizedUserId == null ? Optional.empty() : authorizedUserId;
  }

  /** An event whose client offered no subprotocol. */
  public WebSocketEvent(String routeKey, String connectionId, String requestId, String domainName, String stage,
      String body, Optional<String> authorizedUserId) {
    this(routeKey, connectionId, requestId, domainName, stage, body, authorizedUserId, null);
  }
}
