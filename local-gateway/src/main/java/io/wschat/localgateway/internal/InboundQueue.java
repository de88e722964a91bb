package io.wschat.localgateway.internal;

/**
 * One connection's received messages, bounded: while {@code capacity} of them wait or run, the socket is not read
 * (no WebSocket demand), so TCP pushes back on the client and nothing is dropped or held beyond the bound. Each
 * frame Jetty hands us consumes the one outstanding demand; a new one is made only when there is room again.
 * Once the connection is closed, no more is read; what is still queued runs, unless the client vanished without a
 * closing handshake: then it is discarded, as nobody is left to answer (its $disconnect runs next either way).
 */
final class InboundQueue {
  private final Runnable demand;
  private final SerialExecutor invocations;
  private final int capacity;
  private int queued; // received messages waiting or running; guarded by this
  private boolean demanding; // a demand is outstanding; guarded by this
  private boolean closing; // guarded by this
  private boolean closed; // guarded by this: no demand after the close, Jetty has nothing more to give

  InboundQueue(Runnable demand, SerialExecutor invocations, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the inbound queue must hold at least 1 message, got " + capacity);
    }
    this.demand = demand;
    this.invocations = invocations;
    this.capacity = capacity;
  }

  /** Asks for the first frame. */
  void start() {
    update(() -> { });
  }

  /** A message arrived: it runs after those before it; reading goes on only while the queue has room. */
  void received(Runnable message) {
    update(() -> {
      demanding = false;
      if (!closing) {
        queued++;
        invocations.execute(() -> run(message));
      }
    });
  }

  /** A control frame (ping, pong) arrived: it took the demand, so make another. */
  void control() {
    update(() -> demanding = false);
  }

  /**
   * The gateway is closing the connection: messages already queued still run, later ones are dropped, and reading
   * resumes whatever the queue holds, so that the client's close frame (and so $disconnect) is not held up.
   */
  void closing() {
    update(() -> closing = true);
  }

  /**
   * The connection is closed: nothing more is read. With {@code discard}, messages still waiting are dropped (one
   * already running finishes); answers how many were.
   */
  synchronized int closed(boolean discard) {
    closing = true;
    closed = true;
    int dropped = discard ? invocations.clear() : 0;
    queued -= dropped;
    return dropped;
  }

  private void run(Runnable message) {
    try {
      message.run();
    } finally {
      update(() -> queued--);
    }
  }

  /**
   * Applies a change to the state under the lock, then demands the next frame if the new state calls for one:
   * outside the lock, since Jetty may deliver that frame on this very thread.
   */
  private void update(Runnable change) {
    boolean demandNow;
    synchronized (this) {
      change.run();
      demandNow = next();
    }
    if (demandNow) {
      demand.run();
    }
  }

  /** Whether to demand now; if so, the demand counts as outstanding from here. Called holding the lock. */
  private boolean next() {
    if (closed || demanding || !closing && queued >= capacity) {
      return false;
    }
    demanding = true;
    return true;
  }
}
