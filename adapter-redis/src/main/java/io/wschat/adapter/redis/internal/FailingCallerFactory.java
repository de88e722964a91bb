package io.wschat.adapter.redis.internal;

import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.PooledObjectFactory;
import redis.clients.jedis.Connection;

/**
 * Wraps Jedis's connection factory for the two things an attempt ({@link Attempts}) needs from the pool.
 *
 * <p>A failing operation does not also pay for a replacement connection. commons-pool 2.13 opens a replacement
 * inside {@code invalidateObject}, on the thread whose connection just broke; against a stuck server that is a
 * second connect and handshake wait on top of the first timeout. Here, once a connection has broken during an
 * attempt, that attempt opens no new one: the next borrow will.
 *
 * <p>A {@link Replay#CHECKED} operation gets a connection known to be alive before its command is written: the
 * pool tests on borrow, and for such an attempt a connection that has served before answers a {@code PING} first
 * (a new one has just done its handshake). One that does not is destroyed and the pool takes the next, then a new
 * one: so the dead idle connections a restart left behind are dropped, and the command is never written into one.
 * Every other attempt passes the test without a round trip.
 */
public final class FailingCallerFactory implements PooledObjectFactory<Connection> {
  private final PooledObjectFactory<Connection> delegate;
  private final ThreadLocal<Attempt> attempt = ThreadLocal.withInitial(Attempt::new);

  /** What the current thread's attempt has seen; a pool borrow runs on the borrowing thread. */
  private static final class Attempt {
    boolean checked;
    boolean broken;
    boolean failedCheck;
  }

  public FailingCallerFactory(PooledObjectFactory<Connection> delegate) {
    this.delegate = delegate;
  }

  /** Called by {@link Attempts} before each attempt. */
  void beginAttempt(Replay replay) {
    Attempt current = attempt.get();
    current.checked = replay == Replay.CHECKED;
    current.broken = false;
    current.failedCheck = false;
  }

  @Override
  public PooledObject<Connection> makeObject() throws Exception {
    if (attempt.get().broken) {
      throw new IllegalStateException("not replacing a broken Redis connection on the failing caller's thread");
    }
    return delegate.makeObject();
  }

  @Override
  public void destroyObject(PooledObject<Connection> p) throws Exception {
    Attempt current = attempt.get();
    // A connection that failed its check broke before anything was written: the pool goes on to a fresh one.
    if (current.failedCheck) {
      current.failedCheck = false;
    } else {
      current.broken = true;
    }
    delegate.destroyObject(p);
  }

  @Override
  public boolean validateObject(PooledObject<Connection> p) {
    Attempt current = attempt.get();
    // allocate() has counted this borrow already: 1 is a connection that never served a command.
    if (!current.checked || p.getBorrowedCount() == 1) {
      return true;
    }
    boolean alive = alive(p.getObject());
    current.failedCheck = !alive;
    return alive;
  }

  /** One PING; a dead connection fails it at once (end of stream, reset), not after a timeout. */
  private static boolean alive(Connection connection) {
    try {
      return connection.isConnected() && !connection.isBroken() && connection.ping();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void activateObject(PooledObject<Connection> p) throws Exception {
    delegate.activateObject(p);
  }

  @Override
  public void passivateObject(PooledObject<Connection> p) throws Exception {
    delegate.passivateObject(p);
  }
}
