package io.wschat.domain.port;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.OutboundMessage;
import java.util.Map;
import java.util.Set;

/**
 * Delivers messages to other parties' connections. A transient failure (after any retries) is thrown as an
 * unchecked exception. What the caller of a use case should hear is not sent here: it is the use case's result.
 */
public interface MessageSender {

  /** What became of one send. */
  enum Delivery {
    /** Accepted for the connection: API Gateway took it into the client's buffer. */
    DELIVERED,
    /** The connection no longer exists, and never will again. */
    GONE,
    /**
     * Not delivered, but the connection is still there: its client cannot take more now (API Gateway still
     * answered 429 LimitExceededException after the retries, e.g. because the client-side buffer is full).
     */
    BUSY
  }

  Delivery send(ConnectionId connection, OutboundMessage message);

  /**
   * Sends one message to several connections. This default sends them one after another; adapters that can,
   * send them concurrently. Every connection is tried even if one fails; then the first failure is thrown, with
   * the others suppressed on it ({@link FanOut}).
   */
  default Map<ConnectionId, Delivery> sendAll(Set<ConnectionId> connections, OutboundMessage message) {
    return FanOut.apply(connections, connection -> send(connection, message), Runnable::run);
  }
}
