package io.wschat.adapter.redis.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How long messages stay visible, and what that means for the scripts. Visibility is decided by the adapter's
 * clock, passed in as a cutoff, never by Redis's TTL: a message sent at or before {@code now - period} is expired.
 * Key expiry only deletes, later, what no read would show any more.
 */
public record Retention(Duration period) {

  public Retention {
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("message retention must be positive, got " + period);
    }
  }

  /**
   * The first three arguments of every script that reads messages: the cutoff as epoch second and nanos (exact,
   * for messages) and as epoch milliseconds rounded down (for index scores, which are whole milliseconds).
   */
  public List<String> cutoff(Instant now) {
    Instant cutoff = now.minus(period);
    return List.of(Long.toString(cutoff.getEpochSecond()), Integer.toString(cutoff.getNano()),
        Long.toString(cutoff.toEpochMilli()));
  }

  /**
   * How long an appended message's keys must live from now: its whole period, or longer for a message stamped
   * ahead of this clock. Relative, so a Redis whose clock disagrees with ours still keeps what we would show.
   */
  public long keyTtlMillis(Instant now, Instant sentAt) {
    return Math.max(period.toMillis(), Duration.between(now, sentAt.plus(period)).toMillis() + 1);
  }

  public long millis() {
    return period.toMillis();
  }
}
