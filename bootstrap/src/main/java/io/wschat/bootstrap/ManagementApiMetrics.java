package io.wschat.bootstrap;

import io.wschat.adapter.apigw.PostListener;
import io.wschat.metrics.Metric;
import io.wschat.metrics.Metrics;

/** How each PostToConnection ended, as metrics: its latency, and the gone, throttled and failed calls. */
final class ManagementApiMetrics implements PostListener {
  private final Metrics metrics;

  ManagementApiMetrics(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void posted(Outcome outcome, long nanos) {
    metrics.record(Metric.MANAGEMENT_API_LATENCY, nanos / 1e6);
    switch (outcome) {
      case DELIVERED -> { }
      case GONE -> metrics.count(Metric.DELIVERIES_GONE);
      case THROTTLED -> metrics.count(Metric.MANAGEMENT_API_THROTTLED);
      case FAILED -> metrics.count(Metric.MANAGEMENT_API_FAILED);
    }
  }
}
