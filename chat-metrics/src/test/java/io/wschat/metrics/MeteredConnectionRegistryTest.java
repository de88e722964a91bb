package io.wschat.metrics;

import io.wschat.domain.contract.ConnectionRegistryContract;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.port.ConnectionRegistry;

/** A metered registry keeps every promise of the registry it measures. */
class MeteredConnectionRegistryTest extends ConnectionRegistryContract {
  private final ConnectionRegistry registry = new MeteredConnectionRegistry(new SimpleConnectionRegistry(),
      new StoreCalls(new RecordingMetrics(), "memory"));

  @Override
  protected ConnectionRegistry registry() {
    return registry;
  }
}
