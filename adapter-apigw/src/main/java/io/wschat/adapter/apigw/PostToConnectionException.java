package io.wschat.adapter.apigw;

import io.wschat.domain.model.ConnectionId;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A PostToConnection that failed for a reason other than a gone or busy (429) connection: server errors past the
 * retries, a refused request (403: wrong IAM permission or endpoint), or no response at all. The message names the
 * connection and the HTTP status, never the payload, so it is safe to log.
 */
public sealed class PostToConnectionException extends RuntimeException permits PayloadTooLargeException {

  private final ConnectionId connection;
  private final OptionalInt statusCode;

  PostToConnectionException(ConnectionId connection, OptionalInt statusCode, String message, Throwable cause) {
    super(message, cause);
    this.connection = Objects.requireNonNull(connection, "connection");
    this.statusCode = Objects.requireNonNull(statusCode, "statusCode");
  }

  public ConnectionId connection() {
    return connection;
  }

  /** The HTTP status API Gateway answered with; empty when no answer came (timeout, refused connection). */
  public OptionalInt statusCode() {
    return statusCode;
  }
}
