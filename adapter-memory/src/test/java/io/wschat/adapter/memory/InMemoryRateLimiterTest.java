package io.wschat.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.contract.RateLimiterContract;
import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.RateLimiter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest extends RateLimiterContract {
  // In memory the instance is the store: "two limiters on one store" are the same one.
  private final Map<SendRate, RateLimiter> limiters = new HashMap<>();

  @Override
  protected RateLimiter limiter(SendRate rate) {
    return limiters.computeIfAbsent(rate, InMemoryRateLimiter::new);
  }

  @Test
  void buckets_that_have_refilled_are_forgotten() {
    InMemoryRateLimiter limiter = new InMemoryRateLimiter(SendRate.DEFAULT);
    Instant start = Instant.parse("2026-12-01T10:00:00Z");
    for (int i = 0; i < 5_000; i++) {
      limiter.acquire(new UserId("user-" + i), start);
    }
    assertThat(limiter.buckets()).isEqualTo(5_000);

    Instant later = start.plusSeconds(60);
    for (int i = 0; i < 4_096; i++) {
      limiter.acquire(new UserId("again"), later);
    }

    assertThat(limiter.buckets()).as("only the user still sending").isEqualTo(1);
  }
}
