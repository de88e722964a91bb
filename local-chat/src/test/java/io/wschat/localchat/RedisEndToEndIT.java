package io.wschat.localchat;

import io.wschat.engines.RedisServer;
import java.util.Optional;

/** The local chat end to end on a real Redis: one server for the class, shared by its chats. */
class RedisEndToEndIT extends EndToEndContract {
  private final RedisServer redis = RedisServer.start();

  @Override
  protected LocalChat.Options onStore(LocalChat.Options options) {
    return options.withStore(LocalChat.Store.REDIS, Optional.of(redis.url()));
  }

  @Override
  protected void stopStore() {
    redis.close();
  }
}
