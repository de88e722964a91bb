package io.wschat.architecture.planted.adapter.redis;

import io.wschat.architecture.planted.metrics.PlantedMetrics;

/** Plant: a store adapter recording its own metrics, where a decorator should. Fails only-the-edges-record-metrics. */
public final class AdapterThatRecordsMetrics {
  public void register(PlantedMetrics metrics) {
    metrics.count("StoreLatency");
  }
}
