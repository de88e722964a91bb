package io.wschat.metrics;

/**
 * Records wschat's metrics: the port the edges (the inbound adapter, the authorizer, the decorators around the
 * store and the Management API) report to. Use cases never see it; metrics are derived from their results. The
 * Lambda build writes CloudWatch EMF (adapter-emf), the local runner feeds a Prometheus registry. Implementations
 * are thread-safe: the fan-out records from its own threads.
 */
public interface Metrics {

  /** Records nothing: for tests and callers that measure nothing. */
  Metrics NONE = new Metrics() {
    @Override
    public void record(Metric metric, double value, String... dimensionValues) {}
  };

  /**
   * One value of {@code metric}, with the values of its {@link Metric#dimensions()} in their order ({@link
   * Dimension#STAGE} aside, which {@link #flush} or the implementation supplies).
   */
  void record(Metric metric, double value, String... dimensionValues);

  /** Adds 1 to a count. */
  default void count(Metric metric, String... dimensionValues) {
    record(metric, 1, dimensionValues);
  }

  /**
   * Writes what this invocation recorded, with {@code stage} as the {@link Dimension#STAGE} of every value: called
   * once at the end of each invocation, inside it. An implementation that keeps running totals does nothing here.
   */
  default void flush(String stage) {}

  /** Fails unless {@code values} are one per extra dimension of {@code metric}: a wrong call is a bug, found in tests. */
  static void check(Metric metric, String... values) {
    if (values.length != metric.dimensions().size()) {
      throw new IllegalArgumentException(metric.metricName() + " takes the dimensions " + metric.dimensions()
          + ", got " + values.length + " value(s)");
    }
  }
}
