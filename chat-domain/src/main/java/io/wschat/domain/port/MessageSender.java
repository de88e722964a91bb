package io.wschat.domain.port;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.OutboundMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Sends messages to connections. A transient failure (after any retries) is thrown as an unchecked exception. */
public interface MessageSender {

  /** What became of one send. GONE means the connection no longer exists, and never will again. */
  enum Delivery {
    DELIVERED,
    GONE
  }

  Delivery send(ConnectionId connection, OutboundMessage message);

  /**
   * Sends one message to several connections. This default sends them one after another; adapters that can,
   * send them concurrently. Every connection is tried even if one fails; then the first failure is thrown, with
   * the others suppressed on it.
   */
  default Map<ConnectionId, Delivery> sendAll(Set<ConnectionId> connections, OutboundMessage message) {
    Map<ConnectionId, Delivery> results = new LinkedHashMap<>();
    RuntimeException failure = null;
    for (ConnectionId connection : connections) {
      try {
        results.put(connection, send(connection, message));
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }
}
