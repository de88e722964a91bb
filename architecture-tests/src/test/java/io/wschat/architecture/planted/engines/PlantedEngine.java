package io.wschat.architecture.planted.engines;

/** Stands for local-engines in the planted layout. */
public final class PlantedEngine {
  public static PlantedEngine start() {
    return new PlantedEngine();
  }
}
