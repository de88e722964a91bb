package io.wschat.benchmarks.jmh;

import io.wschat.adapter.lambda.WireProtocol;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.port.MessageSender;

/** A sender that does all the real one does before the network (encode the frame) and keeps only a count. */
final class RecordingSender implements MessageSender {
  private final WireProtocol protocol;
  private long frames;
  private long bytes;

  RecordingSender(WireProtocol protocol) {
    this.protocol = protocol;
  }

  @Override
  public Delivery send(ConnectionId connection, OutboundMessage message) {
    bytes += protocol.encode(message).length;
    frames++;
    return Delivery.DELIVERED;
  }

  long frames() {
    return frames;
  }

  long bytes() {
    return bytes;
  }
}
