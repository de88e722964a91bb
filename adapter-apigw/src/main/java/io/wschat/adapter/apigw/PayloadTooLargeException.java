package io.wschat.adapter.apigw;

import io.wschat.domain.model.ConnectionId;
import java.util.OptionalInt;

/** API Gateway refused a WebSocket message as too large (HTTP 413). */
public final class PayloadTooLargeException extends PostToConnectionException {

  PayloadTooLargeException(ConnectionId connection, OptionalInt statusCode, String detail, Throwable cause) {
    super(connection, statusCode, "message to connection " + connection + " is too large for API Gateway ("
        + detail + ")", cause);
  }
}
