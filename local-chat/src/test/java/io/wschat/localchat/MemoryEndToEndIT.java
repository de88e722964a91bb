package io.wschat.localchat;

import java.util.Optional;

/** The local chat end to end on the memory store, the runner's default. */
class MemoryEndToEndIT extends EndToEndContract {
  @Override
  protected LocalChat.Options onStore(LocalChat.Options options) {
    return options.withStore(LocalChat.Store.MEMORY, Optional.empty());
  }
}
