package io.wschat.localgateway.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One client connection, from the accepted handshake to $disconnect. Its invocations run in order on
 * {@link #invocations()}. A REQUEST authorizer's answer, once the handshake has it, stays here, so that every
 * later event of the connection carries it as {@code requestContext.authorizer}.
 */
final class Connection {
  private final String id;
  private final long connectedAt;
  private final String sourceIp;
  private final String userAgent;
  private final Executor invocations;
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile ObjectNode authorizer;
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
  Optional<ObjectNode> authorizer() { return Optional.ofNullable(authorizer); }

  /** Set once, during the handshake, before any event of the connection is built; never changed afterwards. */
  void authorized(ObjectNode authorizer) {
    this.authorizer = authorizer.deepCopy();
  }

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
