package io.wschat.metrics;

import io.wschat.domain.contract.RateLimiterContract;
import io.wschat.domain.fake.SimpleRateLimiter;
import io.wschat.domain.model.SendRate;
import io.wschat.domain.port.RateLimiter;
import java.util.HashMap;
import java.util.Map;

/** A metered limiter keeps every promise of the limiter it measures. */
class ObservedRateLimiterTest extends RateLimiterContract {
  private final Map<SendRate, RateLimiter> limiters = new HashMap<>();

  @Override
  protected RateLimiter limiter(SendRate rate) {
    return limiters.computeIfAbsent(rate, r -> ObservedRateLimiter.of(new SimpleRateLimiter(r),
        StoreCalls.metered(new RecordingMetrics(), "memory")));
  }
}
