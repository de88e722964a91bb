package io.wschat.adapter.memory;

import io.wschat.domain.contract.ConnectionRegistryContract;
import io.wschat.domain.port.ConnectionRegistry;

class InMemoryConnectionRegistryTest extends ConnectionRegistryContract {
  private final InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();

  @Override
  protected ConnectionRegistry registry() {
    return registry;
  }
}
