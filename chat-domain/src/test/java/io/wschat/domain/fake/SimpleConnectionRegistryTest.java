package io.wschat.domain.fake;

import io.wschat.domain.contract.ConnectionRegistryContract;
import io.wschat.domain.port.ConnectionRegistry;

/** Keeps the contract itself honest: the plainest possible registry must pass it. */
class SimpleConnectionRegistryTest extends ConnectionRegistryContract {
  private final SimpleConnectionRegistry registry = new SimpleConnectionRegistry();

  @Override
  protected ConnectionRegistry registry() {
    return registry;
  }
}
