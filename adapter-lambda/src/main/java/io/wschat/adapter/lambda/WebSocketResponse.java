package io.wschat.adapter.lambda;

/**
 * The integration response: API Gateway reads {@code statusCode}, and on a two-way route sends {@code body} (null:
 * none) to the caller as one frame. On {@code $connect} a status other than 2xx refuses the connection.
 */
public record WebSocketResponse(int statusCode, String body) {
  public static WebSocketResponse status(int statusCode) {
    return new WebSocketResponse(statusCode, null);
  }
}
