package io.wschat.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every value recorded, in order: a fake for the decorators' tests. */
final class RecordingMetrics implements Metrics {
  record Value(Metric metric, double value, List<String> dimensions) {}

  final List<Value> values = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void record(Metric metric, double value, String... dimensionValues) {
    Metrics.check(metric, dimensionValues);
    values.add(new Value(metric, value, List.of(dimensionValues)));
  }
}
