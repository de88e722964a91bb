package io.wschat.adapter.redis.internal;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.function.Supplier;
import redis.clients.jedis.Connection;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.util.Pool;

/**
 * Runs one operation on the pool, and decides whether a failure deserves a second try.
 *
 * <p>After Redis restarts, every idle pooled connection is dead, and the first command on one fails at once with
 * a reset or end of stream. So on any connection failure the idle pool is cleared (its other connections shared
 * the same fate), the same clearing as {@link #dropIdle()} on a SnapStart restore. Then a {@link Replay#SAFE}
 * operation that failed that way is tried once more, on a fresh connection. A {@link Replay#CHECKED} one is not:
 * its connection was checked before its command was written ({@link FailingCallerFactory}), so a failure now came
 * after the server may have run it. Timeouts and refused connections are never retried: the server is gone or
 * stuck, and a retry would only double the wait. So one operation waits at most one connect timeout plus one
 * socket timeout, plus the pool's max wait when every connection is busy.
 */
public final class Attempts implements Retrying {
  private final Pool<Connection> pool;
  private final FailingCallerFactory factory;

  public Attempts(Pool<Connection> pool, FailingCallerFactory factory) {
    this.pool = pool;
    this.factory = factory;
  }

  /** Closes the idle connections; connections in use are closed when they come back broken. */
  @Override
  public void dropIdle() {
    pool.clear();
  }

  @Override
  public <T> T run(Replay replay, Supplier<T> body) {
    try {
      factory.beginAttempt(replay);
      return body.get();
    } catch (JedisConnectionException first) {
      pool.clear();
      if (replay != Replay.SAFE || !isStaleConnection(first)) {
        throw first;
      }
      try {
        factory.beginAttempt(replay);
        return body.get();
      } catch (RuntimeException second) {
        second.addSuppressed(first);
        throw second;
      }
    }
  }

  /** A dead socket fails fast with a reset, broken pipe or end of stream; a dead or stuck server does not. */
  static boolean isStaleConnection(Throwable failure) {
    if (failure instanceof SocketTimeoutException || failure instanceof ConnectException
        || failure instanceof UnknownHostException) {
      return false;
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      if (!isStaleConnection(suppressed)) {
        return false;
      }
    }
    return failure.getCause() == null || isStaleConnection(failure.getCause());
  }
}
