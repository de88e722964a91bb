package io.wschat.architecture.planted.engines;

import io.wschat.domain.port.ConnectionRegistry;

/** Plant: local-engines reaching for a chat type. Fails the engines-know-nothing-of-wschat rule. */
public final class EngineThatKnowsTheRegistry {
  public String lifetime() {
    return ConnectionRegistry.REGISTRATION_LIFETIME.toString();
  }
}
