package io.wschat.architecture.planted.adapter.redis;

import io.wschat.architecture.planted.engines.PlantedEngine;

/** Plant: an adapter's main code starting a local engine. Fails the deployed-code-starts-no-local-engine rule. */
public final class AdapterThatStartsRedis {
  public Object engine() {
    return PlantedEngine.start();
  }
}
