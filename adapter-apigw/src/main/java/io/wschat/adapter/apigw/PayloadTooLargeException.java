package io.wschat.adapter.apigw;

import io.wschat.domain.model.ConnectionId;
import java.util.OptionalInt;

/** API Gateway refuses WebSocket messages over {@value ApiGatewayMessageSender#MAX_PAYLOAD_BYTES} bytes (HTTP 413). */
public final class PayloadTooLargeException extends PostToConnectionException {

  PayloadTooLargeException(ConnectionId connection, OptionalInt statusCode, String detail, Throwable cause) {
    super(connection, statusCode, "message to connection " + connection + " is too large for API Gateway ("
        + detail + "; the limit is 128 KB = " + ApiGatewayMessageSender.MAX_PAYLOAD_BYTES + " bytes)", cause);
  }
}
