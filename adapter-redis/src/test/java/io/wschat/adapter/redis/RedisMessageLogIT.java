package io.wschat.adapter.redis;

import io.wschat.domain.contract.MessageLogContract;
import io.wschat.domain.port.MessageLog;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole port contract against a real Redis; user ids are unique per test, so one server serves all of them. */
class RedisMessageLogIT extends MessageLogContract {
  @RegisterExtension
  static final PooledServer REDIS = new PooledServer();

  @Override
  protected MessageLog log(Clock clock, Duration retention) {
    // Each test's log reads its own clock; they share the pool, which the extension closes.
    return new RedisMessageLog(REDIS.pool(), RedisSettings.DEFAULT_KEY_PREFIX, clock, retention);
  }
}
