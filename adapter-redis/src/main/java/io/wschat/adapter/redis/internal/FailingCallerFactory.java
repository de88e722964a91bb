package io.wschat.adapter.redis.internal;

import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.PooledObjectFactory;
import redis.clients.jedis.Connection;

/**
 * Wraps Jedis's connection factory so that a failing operation does not also pay for a replacement connection.
 * commons-pool 2.13 opens a replacement inside {@code invalidateObject}, on the thread whose connection just broke;
 * against a stuck server that is a second connect and handshake wait on top of the first timeout. Here, once a
 * connection has been destroyed during an attempt, that attempt opens no new one: the next borrow will.
 */
public final class FailingCallerFactory implements PooledObjectFactory<Connection> {
  private final PooledObjectFactory<Connection> delegate;
  private final ThreadLocal<Boolean> destroyedInThisAttempt = ThreadLocal.withInitial(() -> false);

  public FailingCallerFactory(PooledObjectFactory<Connection> delegate) {
    this.delegate = delegate;
  }

  /** Called by {@link Attempts} before each attempt. */
  void beginAttempt() {
    destroyedInThisAttempt.set(false);
  }

  @Override
  public PooledObject<Connection> makeObject() throws Exception {
    if (destroyedInThisAttempt.get()) {
      throw new IllegalStateException("not replacing a broken Redis connection on the failing caller's thread");
    }
    return delegate.makeObject();
  }

  @Override
  public void destroyObject(PooledObject<Connection> p) throws Exception {
    destroyedInThisAttempt.set(true);
    delegate.destroyObject(p);
  }

  @Override
  public boolean validateObject(PooledObject<Connection> p) {
    return delegate.validateObject(p);
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
