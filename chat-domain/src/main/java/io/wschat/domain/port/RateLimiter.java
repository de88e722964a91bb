package io.wschat.domain.port;

import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Per-user send limits, shared by every process that serves the chat: each user has one bucket, and
 * {@link #acquire} takes one message from it or says how long until one is there. The rule is {@link SendRate}'s;
 * a limiter is built with one rate. Time is the caller's {@code now}, but a bucket never moves back in time, so a
 * caller whose clock lags cannot give a user more than the rate. An exception means the store failed.
 */
public interface RateLimiter {

  /** A limiter that allows everything: limits turned off. */
  RateLimiter NONE = new DisabledRateLimiter();

  /** Takes one message from {@code user}'s bucket at {@code now}, unless it is empty. */
  Decision acquire(UserId user, Instant now);

  /** Allowed, or refused with the time until the next message would be allowed. */
  sealed interface Decision {
    Decision ALLOWED = new Allowed();

    record Allowed() implements Decision {}

    record Refused(Duration retryAfter) implements Decision {
      public Refused {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative() || retryAfter.isZero()) {
          throw new IllegalArgumentException("a refusal waits for some time, got " + retryAfter);
        }
      }
    }

    /** The decision of one {@link SendRate#step}: a new state means allowed, a negative one a wait. */
    static Decision of(long step) {
      return step < 0 ? new Refused(SendRate.duration(-step)) : ALLOWED;
    }
  }
}
