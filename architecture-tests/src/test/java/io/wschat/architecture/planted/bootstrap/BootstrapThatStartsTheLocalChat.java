package io.wschat.architecture.planted.bootstrap;

import io.wschat.architecture.planted.localchat.RunnerOnGatewayInternals;

/** Plant: bootstrap knowing local-chat. Fails nothing-depends-on-local-chat and local-chat-sits-on-top. */
public final class BootstrapThatStartsTheLocalChat {
  public Object runner() {
    return new RunnerOnGatewayInternals();
  }
}
