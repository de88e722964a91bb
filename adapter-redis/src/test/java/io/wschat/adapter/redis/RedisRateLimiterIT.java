package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.contract.RateLimiterContract;
import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.RateLimiter;
import io.wschat.domain.port.RateLimiter.Decision;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole limiter contract against a real Redis: every limiter a test asks for is a new instance over the same
 * server, as two Lambda instances would be. Plus what only Redis shows: the key's value and its TTL.
 */
class RedisRateLimiterIT extends RateLimiterContract {
  @RegisterExtension
  static final PooledServer REDIS = new PooledServer();

  @Override
  protected RateLimiter limiter(SendRate rate) {
    return new RedisRateLimiter(REDIS.pool(), RedisSettings.DEFAULT_KEY_PREFIX, rate);
  }

  @Test
  void a_bucket_is_one_string_of_microseconds_and_a_token_that_expires_soon_after_it_is_full_again() {
    RateLimiter limiter = limiter(SendRate.DEFAULT);
    UserId dave = user("dave");
    Instant now = Instant.now();
    for (int i = 0; i < 20; i++) {
      assertThat(limiter.acquire(dave, now)).isEqualTo(Decision.ALLOWED);
    }

    String key = RedisSettings.DEFAULT_KEY_PREFIX + "rate:{" + dave.value() + "}";
    // The time, then the last acquire's token, which lets a retried acquire find that it already ran.
    assertThat(REDIS.admin().get(key)).matches(SendRate.micros(now) + 2_000_000 + " [0-9a-f]+");
    // Full again 2 s after now; the key goes a second after that.
    assertThat(REDIS.admin().pttl(key)).isBetween(2_500L, 3_000L);
  }
}
