package io.wschat.adapter.redis;

import io.wschat.engines.RedisServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.Jedis;

/**
 * A real Redis for one test class, with an adapter pool and an admin connection to look at the keys: started
 * before the class's first test, gone after its last. Register it with {@code @RegisterExtension static}.
 */
final class PooledServer implements BeforeAllCallback, AfterAllCallback {
  private RedisServer server;
  private PooledRedis pool;
  private Jedis admin;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = RedisServer.start();
    pool = PooledRedis.open(RedisSettings.fromUrl(server.url()));
    admin = new Jedis(server.host(), server.port());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    for (AutoCloseable open : new AutoCloseable[] {admin, pool, server}) {
      try {
        if (open != null) {
          open.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException("could not close " + open, e);
      }
    }
  }

  /** Shared by the class's logs; closed here, once. */
  PooledRedis pool() {
    return pool;
  }

  Jedis admin() {
    return admin;
  }
}
