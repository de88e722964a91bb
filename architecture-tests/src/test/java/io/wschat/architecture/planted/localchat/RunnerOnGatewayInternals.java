package io.wschat.architecture.planted.localchat;

import io.wschat.localgateway.internal.Ids;

/** Plant: local-chat reaching into the emulator's .internal package. Fails the internals-stay-in-their-module rule. */
public final class RunnerOnGatewayInternals {
  public String connectionId() {
    return Ids.next();
  }
}
