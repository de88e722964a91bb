package io.wschat.adapter.redis;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for what Redis does in its own time (a key expiring) by polling it with a deadline, so that a test waits
 * exactly as long as it must: never a fixed sleep that a busy machine outlasts.
 */
final class Eventually {
  private static final long INTERVAL_NANOS = Duration.ofMillis(20).toNanos();

  private Eventually() {}

  /** Returns once {@code condition} holds; fails, naming {@code what}, if it still does not after {@code limit}. */
  static void await(String what, Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(what + ": not so within " + limit);
      }
      LockSupport.parkNanos(INTERVAL_NANOS); // the poll interval
    }
  }
}
