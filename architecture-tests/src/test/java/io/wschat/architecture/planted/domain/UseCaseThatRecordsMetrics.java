package io.wschat.architecture.planted.domain;

import io.wschat.architecture.planted.metrics.PlantedMetrics;

/** Plant: a use case counting its own outcomes, where the edge should. Fails only-the-edges-record-metrics. */
public final class UseCaseThatRecordsMetrics {
  public void handle(PlantedMetrics metrics) {
    metrics.count("MessagesSent");
  }
}
