package io.wschat.metrics;

import io.wschat.domain.contract.ConnectionRegistryContract;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.port.ConnectionRegistry;

/** A metered registry keeps every promise of the registry it measures. */
class ObservedConnectionRegistryTest extends ConnectionRegistryContract {
  private final ConnectionRegistry registry = new ObservedConnectionRegistry(new SimpleConnectionRegistry(),
      StoreCalls.metered(new RecordingMetrics(), "memory"));

  @Override
  protected ConnectionRegistry registry() {
    return registry;
  }
}
