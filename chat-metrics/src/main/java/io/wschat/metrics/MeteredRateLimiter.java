package io.wschat.metrics;

import io.wschat.domain.model.UserId;
import io.wschat.domain.port.RateLimiter;
import java.time.Instant;

/** A {@link RateLimiter} whose every call is timed, and counted when it fails ({@link StoreCalls}). */
public final class MeteredRateLimiter implements RateLimiter {
  private final RateLimiter limiter;
  private final StoreCalls calls;

  public MeteredRateLimiter(RateLimiter limiter, StoreCalls calls) {
    this.limiter = limiter;
    this.calls = calls;
  }

  /** {@link RateLimiter#NONE} stays itself: it touches no store. */
  public static RateLimiter of(RateLimiter limiter, StoreCalls calls) {
    return limiter == RateLimiter.NONE ? limiter : new MeteredRateLimiter(limiter, calls);
  }

  @Override
  public Decision acquire(UserId user, Instant now) {
    return calls.call("limiter.acquire", () -> limiter.acquire(user, now));
  }
}
