package io.wschat.architecture.planted.metrics;

import io.wschat.architecture.planted.adapter.redis.AdapterThatStartsRedis;

/** Plant: the metrics port reaching into an adapter. Fails the metrics-port-depends-only-on-the-domain rule. */
public final class MetricsThatKnowAnAdapter {
  public Object adapter() {
    return new AdapterThatStartsRedis();
  }
}
