package io.wschat.adapter.redis.internal;

import java.time.Duration;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Runs one operation through Jedis's cluster client, which follows MOVED and ASK itself, and renews its slot map
 * and tries again after connection failures, within its own deadline ({@link LazyClusterClient}). What it leaves
 * to the caller are the answers that mean "the command did not run, ask again shortly": {@code TRYAGAIN} (a
 * multi-key command, every script here included, while its slot's keys are half moved by a reshard) and
 * {@code CLUSTERDOWN} (a master is down and its replica not yet promoted). Those are retried here, with a growing
 * pause, until {@code bound} has passed since the operation began, whatever the operation's {@link Replay}.
 * Nothing else is: an error that may follow a write is the caller's to see. Jedis itself, though, repeats any
 * command whose connection broke, {@link Replay#CHECKED} ones too (docs/storage.md says what that can answer).
 */
public final class ClusterAttempts implements Retrying {
  private final Duration bound;
  private final Runnable dropIdle;

  public ClusterAttempts(Duration bound, Runnable dropIdle) {
    this.bound = bound;
    this.dropIdle = dropIdle;
  }

  @Override
  public <T> T run(Replay replay, Supplier<T> body) {
    long deadline = System.nanoTime() + bound.toNanos();
    long pauseMillis = 5;
    while (true) {
      try {
        return body.get();
      } catch (JedisDataException e) {
        if (!didNotRun(e) || System.nanoTime() + pauseMillis * 1_000_000 > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the Redis Cluster", e);
      }
      pauseMillis = Math.min(pauseMillis * 2, 100);
    }
  }

  @Override
  public void dropIdle() {
    dropIdle.run();
  }

  /** The server refused the command before it changed anything. */
  static boolean didNotRun(JedisDataException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return message.startsWith("TRYAGAIN") || message.startsWith("CLUSTERDOWN");
  }
}
