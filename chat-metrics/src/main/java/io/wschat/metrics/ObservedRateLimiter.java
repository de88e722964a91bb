package io.wschat.metrics;

import io.wschat.domain.model.UserId;
import io.wschat.domain.port.RateLimiter;
import java.time.Instant;

/** A {@link RateLimiter} whose every call goes through {@link StoreCalls}, with the operation's name. */
public final class ObservedRateLimiter implements RateLimiter {
  private final RateLimiter limiter;
  private final StoreCalls calls;

  public ObservedRateLimiter(RateLimiter limiter, StoreCalls calls) {
    this.limiter = limiter;
    this.calls = calls;
  }

  /** {@link RateLimiter#NONE} stays itself: it touches no store. */
  public static RateLimiter of(RateLimiter limiter, StoreCalls calls) {
    return limiter == RateLimiter.NONE ? limiter : new ObservedRateLimiter(limiter, calls);
  }

  @Override
  public Decision acquire(UserId user, Instant now) {
    return calls.call("limiter.acquire", () -> limiter.acquire(user, now));
  }
}
