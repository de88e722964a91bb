package io.wschat.domain.port;

import io.wschat.domain.model.UserId;
import java.time.Instant;

/** {@link RateLimiter#NONE}: allows every send and keeps nothing. */
final class DisabledRateLimiter implements RateLimiter {
  @Override
  public Decision acquire(UserId user, Instant now) {
    return Decision.ALLOWED;
  }

  @Override
  public String toString() {
    return "RateLimiter.NONE";
  }
}
