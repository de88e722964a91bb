package io.wschat.localgateway.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One client connection, from the accepted handshake to $disconnect. Its invocations run in order on
 * {@link #invocations()}. A REQUEST authorizer's answer, once the handshake has it, stays here, so that every
 * later event of the connection carries it as {@code requestContext.authorizer}. What it receives waits in a bounded
 * {@link InboundQueue}; what is posted to it waits in a bounded outbound buffer ({@link #offer}).
 */
final class Connection {
  /** What became of a frame offered to the connection. */
  enum Offer {
    /** Queued for the socket, behind the frames before it and before any close frame. */
    ACCEPTED,
    /** The client is not reading fast enough: its outbound buffer is full. */
    FULL,
    /** The connection is closing or closed: the frame would never arrive. */
    CLOSED
  }

  private final String id;
  private final long connectedAt;
  private final String sourceIp;
  private final String userAgent;
  private final SerialExecutor invocations;
  private final AtomicBoolean closing = new AtomicBoolean();
  /** Bytes handed to Jetty and not written yet. */
  private final AtomicLong unsent = new AtomicLong();
  private volatile ObjectNode authorizer;
  private volatile long lastActiveAt;
  private volatile Session session;
  private volatile InboundQueue inbound;
  private volatile long outboundCapacity;
  private volatile int maxFrameBytes = Integer.MAX_VALUE;
  private volatile ScheduledFuture<?> timer;

  Connection(String id, long connectedAt, String sourceIp, String userAgent, Executor pool) {
    this.id = id;
    this.connectedAt = connectedAt;
    this.lastActiveAt = connectedAt;
    this.sourceIp = sourceIp;
    this.userAgent = userAgent;
    this.invocations = new SerialExecutor(pool);
  }

  String id() { return id; }
  long connectedAt() { return connectedAt; }
  long lastActiveAt() { return lastActiveAt; }
  String sourceIp() { return sourceIp; }
  String userAgent() { return userAgent; }
  Executor invocations() { return invocations; }
  InboundQueue inbound() { return inbound; }
  Optional<ObjectNode> authorizer() { return Optional.ofNullable(authorizer); }

  /** Set once, during the handshake, before any event of the connection is built; never changed afterwards. */
  void authorized(ObjectNode authorizer) {
    this.authorizer = authorizer.deepCopy();
  }

  /**
   * The socket is open: reading starts, with at most {@code inboundMessages} received and not yet handled, at most
   * {@code outboundBytes} posted and not yet written, and frames sent of at most {@code maxFrameBytes}.
   */
  void opened(Session session, int inboundMessages, long outboundBytes, int maxFrameBytes) {
    this.session = session;
    this.outboundCapacity = outboundBytes;
    this.maxFrameBytes = maxFrameBytes;
    this.inbound = new InboundQueue(session::demand, invocations, inboundMessages);
  }

  void timer(ScheduledFuture<?> timer) {
    this.timer = timer;
    if (closing.get()) {
      timer.cancel(false);
    }
  }

  void touch() {
    lastActiveAt = System.currentTimeMillis();
  }

  /**
   * Queues a frame for the client unless its outbound buffer is full or the connection is closing. ACCEPTED means
   * the frame is ahead of any close frame, so a client that reads gets it. A buffer holding nothing takes any frame.
   */
  Offer offer(String text) {
    return offer(text.length(), callback -> sendText(text, callback));
  }

  Offer offer(ByteBuffer data) {
    return offer(data.remaining(), callback -> sendBinary(data, callback));
  }

  /**
   * One message in frames of at most maxFrameBytes of UTF-8, as API Gateway sends them. Called holding the lock, so
   * no other message's frames come between them.
   */
  private void sendText(String text, Callback written) {
    if (text.length() * 3L <= maxFrameBytes) {
      session.sendText(text, written);
      return;
    }
    int start = 0;
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      if (bytes + size > maxFrameBytes) {
        session.sendPartialText(text.substring(start, i), false, part(written));
        start = i;
        bytes = 0;
      }
      bytes += size;
      i += Character.charCount(codePoint);
    }
    session.sendPartialText(text.substring(start), true, written);
  }

  private void sendBinary(ByteBuffer data, Callback written) {
    while (data.remaining() > maxFrameBytes) {
      ByteBuffer frame = data.slice(data.position(), maxFrameBytes);
      data.position(data.position() + maxFrameBytes);
      session.sendPartialBinary(frame, false, part(written));
    }
    session.sendPartialBinary(data, true, written);
  }

  /** A frame before the last: its success means nothing yet, its failure fails the whole message. */
  private static Callback part(Callback message) {
    return Callback.from(() -> { }, message::fail);
  }

  private synchronized Offer offer(long size, java.util.function.Consumer<Callback> send) {
    if (closing.get() || session == null || !session.isOpen()) {
      return Offer.CLOSED;
    }
    long before = unsent.get();
    if (before > 0 && before + size > outboundCapacity) {
      return Offer.FULL;
    }
    unsent.addAndGet(size);
    var written = new Written(size);
    send.accept(written);
    // Jetty fails a frame at once when the session's output is already closed (the client's close came first).
    return written.failedAtOnce ? Offer.CLOSED : Offer.ACCEPTED;
  }

  /** Gives the frame's bytes back to the buffer when Jetty is done with it, written or not. */
  private final class Written implements Callback {
    private final long size;
    private volatile boolean done;
    private volatile boolean failedAtOnce;

    Written(long size) {
      this.size = size;
    }

    @Override
    public void succeed() {
      release();
    }

    @Override
    public void fail(Throwable cause) {
      failedAtOnce = true; // only read inside offer(); a later failure means the connection is closing anyway
      release();
    }

    private void release() {
      if (!done) {
        done = true;
        unsent.addAndGet(-size);
      }
    }
  }

  long unsentBytes() {
    return unsent.get();
  }

  /** Starts the closing handshake once; false if the connection was already closing. */
  synchronized boolean close(int code, String reason) {
    if (!closing.compareAndSet(false, true)) {
      return false;
    }
    session.close(code, reason, Callback.NOOP);
    InboundQueue queue = inbound;
    if (queue != null) {
      queue.closing();
    }
    return true;
  }

  boolean isOpen() {
    return !closing.get() && session != null && session.isOpen();
  }

  /**
   * Called once the socket is gone, whoever closed it; with {@code discardQueued}, received messages not yet routed
   * are dropped. Answers how many were.
   */
  int closed(boolean discardQueued) {
    closing.set(true);
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
    InboundQueue queue = inbound;
    return queue == null ? 0 : queue.closed(discardQueued);
  }
}
