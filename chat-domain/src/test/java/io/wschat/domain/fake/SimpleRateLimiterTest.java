package io.wschat.domain.fake;

import io.wschat.domain.contract.RateLimiterContract;
import io.wschat.domain.model.SendRate;
import io.wschat.domain.port.RateLimiter;
import java.util.HashMap;
import java.util.Map;

class SimpleRateLimiterTest extends RateLimiterContract {
  // One limiter per rate: in memory the instance is the store, so "two limiters on one store" are the same one.
  private final Map<SendRate, RateLimiter> limiters = new HashMap<>();

  @Override
  protected RateLimiter limiter(SendRate rate) {
    return limiters.computeIfAbsent(rate, SimpleRateLimiter::new);
  }
}
