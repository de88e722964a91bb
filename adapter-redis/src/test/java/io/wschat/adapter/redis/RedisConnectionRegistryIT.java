package io.wschat.adapter.redis;

import io.wschat.engines.RedisServer;
import io.wschat.domain.contract.ConnectionRegistryContract;
import io.wschat.domain.port.ConnectionRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The whole port contract against a real Redis; ids are unique per test, so one server serves all of them. */
class RedisConnectionRegistryIT extends ConnectionRegistryContract {
  private static RedisServer server;
  private static RedisConnectionRegistry registry;

  @BeforeAll
  static void startRedis() {
    server = RedisServer.start();
    registry = RedisConnectionRegistry.create(RedisSettings.fromUrl(server.url()));
  }

  @AfterAll
  static void stopRedis() {
    if (registry != null) {
      registry.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected ConnectionRegistry registry() {
    return registry;
  }
}
