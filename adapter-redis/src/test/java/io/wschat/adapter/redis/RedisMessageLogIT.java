package io.wschat.adapter.redis;

import io.wschat.domain.contract.MessageLogContract;
import io.wschat.domain.port.MessageLog;
import io.wschat.engines.RedisServer;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The whole port contract against a real Redis; user ids are unique per test, so one server serves all of them. */
class RedisMessageLogIT extends MessageLogContract {
  private static RedisServer server;
  private static PooledRedis pool;

  @BeforeAll
  static void startRedis() {
    server = RedisServer.start();
    pool = PooledRedis.open(RedisSettings.fromUrl(server.url()));
  }

  @AfterAll
  static void stopRedis() {
    if (pool != null) {
      pool.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected MessageLog log(Clock clock, Duration retention) {
    // Each test's log reads its own clock; they share the pool, which closes once, above.
    return new RedisMessageLog(pool, RedisSettings.DEFAULT_KEY_PREFIX, clock, retention);
  }
}
