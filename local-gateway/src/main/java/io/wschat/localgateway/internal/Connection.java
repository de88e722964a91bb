package io.wschat.localgateway.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One client connection, from the accepted handshake to $disconnect. Its invocations run in order on
 * {@link #invocations()}. A REQUEST authorizer's context, once supported, belongs here too, so that every
 * later event of the connection can carry it.
 */
final class Connection {
  private final String id;
  private final long connectedAt;
  private final String sourceIp;
  private final String userAgent;
  private final Executor invocations;
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile long lastActiveAt;
  private volatile Session session;
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

  void opened(Session session) {
    this.session = session;
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

  void send(String text, Callback callback) {
    session.sendText(text, callback);
  }

  void sendBinary(java.nio.ByteBuffer data, Callback callback) {
    session.sendBinary(data, callback);
  }

  /** Starts the closing handshake once; false if the connection was already closing. */
  boolean close(int code, String reason) {
    if (!closing.compareAndSet(false, true)) {
      return false;
    }
    session.close(code, reason, Callback.NOOP);
    return true;
  }

  boolean isOpen() {
    return !closing.get() && session != null && session.isOpen();
  }

  /** Called once the socket is gone, whoever closed it. */
  void closed() {
    closing.set(true);
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
  }
}
