package io.wschat.adapter.redis.internal;

import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.PooledObjectFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.exceptions.JedisConnectionException;

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
 * (a new one has just done its handshake). When one fails it, the pool destroys it and takes the next idle one,
 * then a new one; the idle ones left are dropped without a {@code PING}, as {@link Attempts} drops them after any
 * connection failure: what killed one (a restart) killed them all. So the command is never written into a dead
 * socket, and costs one failed {@code PING} more than on a live one. A {@code PING} that timed out or was refused
 * means the server is stuck or gone: then no connection is opened either, and the operation fails within the one
 * socket timeout. Every other attempt passes the test without a round trip.
 */
public final class FailingCallerFactory implements PooledObjectFactory<Connection> {
  private final PooledObjectFactory<Connection> delegate;
  private final ThreadLocal<Attempt> attempt = ThreadLocal.withInitial(Attempt::new);

  /** What the current thread's attempt has seen; a pool borrow runs on the borrowing thread. */
  private static final class Attempt {
    /** The operation is {@link Replay#CHECKED}. */
    boolean checked;
    /** A connection broke: open no new one on this thread. */
    boolean broken;
    /** A connection failed its check: fail the other idle ones without a PING. */
    boolean dropping;
    /** The next destroy is of a connection that failed its check, before anything was written. */
    boolean failedCheck;
    /** Why the check failed when the server is stuck or gone: the reason this attempt opens no connection. */
    JedisConnectionException stuck;
  }

  public FailingCallerFactory(PooledObjectFactory<Connection> delegate) {
    this.delegate = delegate;
  }

  /** Called by {@link Attempts} before each attempt. */
  void beginAttempt(Replay replay) {
    Attempt current = attempt.get();
    current.checked = replay == Replay.CHECKED;
    current.broken = false;
    current.dropping = false;
    current.failedCheck = false;
    current.stuck = null;
  }

  @Override
  public PooledObject<Connection> makeObject() throws Exception {
    Attempt current = attempt.get();
    if (current.stuck != null) {
      throw new JedisConnectionException("a pooled connection failed its PING: " + current.stuck.getMessage(),
          current.stuck);
    }
    if (current.broken) {
      throw new IllegalStateException("not replacing a broken Redis connection on the failing caller's thread");
    }
    return delegate.makeObject();
  }

  @Override
  public void destroyObject(PooledObject<Connection> p) throws Exception {
    Attempt current = attempt.get();
    // A connection that failed its check broke before anything was written: the pool goes on to the next one.
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
    if (!current.dropping) {
      JedisConnectionException failure = ping(p.getObject());
      if (failure == null) {
        return true;
      }
      current.dropping = true;
      if (!Attempts.isStaleConnection(failure)) {
        current.stuck = failure;
      }
    }
    current.failedCheck = true;
    return false;
  }

  /** One PING: null when it answered. A dead connection fails at once (end of stream, reset), not after a timeout. */
  private static JedisConnectionException ping(Connection connection) {
    try {
      if (connection.isConnected() && !connection.isBroken() && connection.ping()) {
        return null;
      }
      return new JedisConnectionException("the pooled connection is closed");
    } catch (JedisConnectionException e) {
      return e;
    } catch (RuntimeException e) {
      return new JedisConnectionException(e);
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
