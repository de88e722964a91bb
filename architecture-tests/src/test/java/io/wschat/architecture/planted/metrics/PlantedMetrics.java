package io.wschat.architecture.planted.metrics;

/** Stands for the metrics port in the planted layout. */
public interface PlantedMetrics {
  void count(String metric);
}
