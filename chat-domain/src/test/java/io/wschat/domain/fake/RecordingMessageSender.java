package io.wschat.domain.fake;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.port.MessageSender;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A MessageSender that records what it sends. Connections can be marked gone or busy, or made to fail. */
public final class RecordingMessageSender implements MessageSender {

  public record Sent(ConnectionId to, OutboundMessage message) {}

  private final List<Sent> sent = new ArrayList<>();
  private final Set<ConnectionId> gone = ConcurrentHashMap.newKeySet();
  private final Set<ConnectionId> failing = ConcurrentHashMap.newKeySet();
  private final Set<ConnectionId> busy = ConcurrentHashMap.newKeySet();

  @Override
  public synchronized Delivery send(ConnectionId connection, OutboundMessage message) {
    if (failing.contains(connection)) {
      throw new IllegalStateException("injected failure sending to " + connection);
    }
    if (gone.contains(connection)) {
      return Delivery.GONE;
    }
    if (busy.contains(connection)) {
      return Delivery.BUSY;
    }
    sent.add(new Sent(connection, message));
    return Delivery.DELIVERED;
  }

  public void markGone(ConnectionId connection) {
    gone.add(connection);
  }

  /** The connection stays, but refuses every message, as API Gateway does with 429 for a client that never reads. */
  public void markBusy(ConnectionId connection) {
    busy.add(connection);
  }

  public void failOn(ConnectionId connection) {
    failing.add(connection);
  }

  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  public synchronized List<OutboundMessage> sentTo(ConnectionId connection) {
    return sent.stream().filter(s -> s.to().equals(connection)).map(Sent::message).toList();
  }

  public synchronized void clear() {
    sent.clear();
  }
}
