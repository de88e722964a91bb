package io.wschat.architecture.planted.localgateway;

import io.wschat.domain.model.UserId;

/** Plant: the emulator using a chat type. Fails the emulator-knows-nothing-of-wschat rule. */
public final class EmulatorThatKnowsTheChat {
  public String user() {
    return new UserId("alice").value();
  }
}
