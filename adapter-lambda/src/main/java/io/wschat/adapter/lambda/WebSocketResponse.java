package io.wschat.adapter.lambda;

import java.util.Map;

/**
 * The integration response: API Gateway reads {@code statusCode}, and on a two-way route sends {@code body} (null:
 * none) to the caller as one frame. On {@code $connect} a status other than 2xx refuses the connection, and a
 * {@code Sec-WebSocket-Protocol} in {@code headers} is the subprotocol API Gateway answers the handshake with.
 */
public record WebSocketResponse(int statusCode, String body, Map<String, String> headers) {
  public WebSocketResponse {
    headers = Map.copyOf(headers);
  }

  public WebSocketResponse(int statusCode, String body) {
    this(statusCode, body, Map.of());
  }

  public static WebSocketResponse status(int statusCode) {
    return new WebSocketResponse(statusCode, null);
  }
}
