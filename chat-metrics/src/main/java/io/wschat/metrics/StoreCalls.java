package io.wschat.metrics;

import java.util.function.Supplier;

/**
 * Times one store's calls and counts those that throw, as {@link Metric#STORE_LATENCY} and {@link
 * Metric#STORE_FAILURES} by store and operation. The decorators of the store ports share it.
 */
public final class StoreCalls {
  private final Metrics metrics;
  private final String store;

  /** {@code store}: {@code dynamodb}, {@code redis} or {@code memory}. */
  public StoreCalls(Metrics metrics, String store) {
    this.metrics = metrics;
    this.store = store;
  }

  <T> T call(String operation, Supplier<T> work) {
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

  void run(String operation, Runnable work) {
    call(operation, () -> {
      work.run();
      return null;
    });
  }
}
