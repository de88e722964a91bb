package io.wschat.metrics;

import java.util.function.Supplier;

/**
 * What runs around every call of a store port: {@link ObservedConnectionRegistry}, {@link ObservedMessageLog} and
 * {@link ObservedRateLimiter} hand it each call with the operation's name. {@link #metered} times the calls and
 * counts those that throw; bootstrap's watch for an unreachable store is another, and {@link #around} puts two
 * together, so one decorator per port serves both.
 */
public interface StoreCalls {

  /** Runs {@code work}, the store call named {@code operation}, and returns what it returns or throws what it throws. */
  <T> T call(String operation, Supplier<T> work);

  default void run(String operation, Runnable work) {
    call(operation, () -> {
      work.run();
      return null;
    });
  }

  /** Each call through this, then through {@code inner}, then to the store. */
  default StoreCalls around(StoreCalls inner) {
    StoreCalls outer = this;
    return new StoreCalls() {
      @Override
      public <T> T call(String operation, Supplier<T> work) {
        return outer.call(operation, () -> inner.call(operation, work));
      }
    };
  }

  /**
   * Times each call and counts those that throw, as {@link Metric#STORE_LATENCY} and {@link Metric#STORE_FAILURES}
   * by store and operation; {@code store}: {@code dynamodb}, {@code redis} or {@code memory}.
   */
  static StoreCalls metered(Metrics metrics, String store) {
    return new StoreCalls() {
      @Override
      public <T> T call(String operation, Supplier<T> work) {
        long start = System.nanoTime();
        try {
          return work.get();
        } catch (RuntimeException e) {
          metrics.count(Metric.STORE_FAILURES, store, operation);
          throw e;
        } finally {
          metrics.record(Metric.STORE_LATENCY, (System.nanoTime() - start) / 1e6, store, operation);
        }
      }
    };
  }
}
