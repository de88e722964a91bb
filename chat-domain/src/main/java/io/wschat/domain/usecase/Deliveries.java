package io.wschat.domain.usecase;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageSender;
import io.wschat.domain.port.MessageSender.Delivery;
import java.util.Map;
import java.util.Set;

/**
 * Sends to other parties' connections and forgets those found gone: the one place that decides what "gone" means.
 * Only DELIVERED counts as delivered; a BUSY connection is neither counted nor forgotten.
 */
final class Deliveries {
  private final ConnectionRegistry registry;
  private final MessageSender sender;

  Deliveries(ConnectionRegistry registry, MessageSender sender) {
    this.registry = registry;
    this.sender = sender;
  }

  /** Sends {@code message} to every live connection of {@code user}; answers how many received it. */
  int toUser(UserId user, OutboundMessage message) {
    return toConnections(registry.connectionsOf(user), message);
  }

  int toConnections(Set<ConnectionId> connections, OutboundMessage message) {
    if (connections.isEmpty()) {
      return 0;
    }
    int delivered = 0;
    for (Map.Entry<ConnectionId, Delivery> result : sender.sendAll(connections, message).entrySet()) {
      if (result.getValue() == Delivery.DELIVERED) {
        delivered++;
      } else if (result.getValue() == Delivery.GONE) {
        registry.unregister(result.getKey());
      }
    }
    return delivered;
  }

  /** Sends to one connection; false if not delivered, and then the connection forgotten if it is gone. */
  boolean toConnection(ConnectionId connection, OutboundMessage message) {
    Delivery delivery = sender.send(connection, message);
    if (delivery == Delivery.GONE) {
      registry.unregister(connection);
    }
    return delivery == Delivery.DELIVERED;
  }
}
