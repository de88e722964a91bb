package io.wschat.domain.fake;

import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.RateLimiter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The plainest RateLimiter that passes the contract: one map under one lock. For tests of the use cases and the
 * edge, which must not depend on an adapter; {@code SimpleRateLimiterTest} holds it to the contract.
 */
public final class SimpleRateLimiter implements RateLimiter {
  private final SendRate rate;
  private final Map<UserId, Long> tats = new HashMap<>();

  public SimpleRateLimiter(SendRate rate) {
    this.rate = rate;
  }

  @Override
  public synchronized Decision acquire(UserId user, Instant now) {
    long step = rate.step(tats.getOrDefault(user, 0L), SendRate.micros(now));
    if (step > 0) {
      tats.put(user, step);
    }
    return Decision.of(step);
  }
}
