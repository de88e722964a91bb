package io.wschat.domain.model;

import java.time.Duration;
import java.time.Instant;

/**
 * How fast one user may send: {@code perSecond} messages a second on average, and up to {@code burst} at once
 * after a pause. The decision is GCRA, the token bucket told as one number per user, the theoretical arrival time
 * ({@code tat}, in epoch microseconds): a send at {@code now} is allowed when {@code max(tat, now) + interval} lies
 * no more than {@code burst} intervals past {@code now}, and then becomes the new {@code tat}. A refused send changes
 * nothing. Every store applies this same rule with the numbers below; only where {@code tat} lives differs.
 */
public record SendRate(double perSecond, int burst) {
  public static final double DEFAULT_PER_SECOND = 10;
  public static final int DEFAULT_BURST = 20;
  public static final SendRate DEFAULT = new SendRate(DEFAULT_PER_SECOND, DEFAULT_BURST);
  /** At most a million a second: the interval must be at least one microsecond. */
  public static final double MAX_PER_SECOND = 1_000_000;
  /** At most a million at once, so that {@code burst × interval} stays far from overflow. */
  public static final int MAX_BURST = 1_000_000;

  public SendRate {
    if (!(perSecond > 0 && perSecond <= MAX_PER_SECOND)) { // NaN fails both
      throw new IllegalArgumentException("the send rate must be more than 0 and at most " + (long) MAX_PER_SECOND
          + " messages per second, got " + perSecond);
    }
    if (burst < 1 || burst > MAX_BURST) {
      throw new IllegalArgumentException("the burst must be from 1 to " + MAX_BURST + " messages, got " + burst);
    }
  }

  /** The time one message "costs": one second over the rate, in whole microseconds. */
  public long intervalMicros() {
    return Math.max(1, Math.round(1_000_000 / perSecond));
  }

  /** How far {@code tat} may run ahead of now after an allowed send: {@code burst} intervals. */
  public long capacityMicros() {
    return intervalMicros() * burst;
  }

  /**
   * One GCRA step at {@code now} on a bucket whose theoretical arrival time is {@code tat} (0 for a bucket never
   * used): the new {@code tat} if the send is allowed, or the negated wait in microseconds if it is refused. A
   * {@code tat} from a clock ahead of ours is kept, never moved back, so the state only grows.
   */
  public long step(long tat, long now) {
    long next = Math.max(tat, now) + intervalMicros();
    long over = next - now - capacityMicros();
    return over > 0 ? -over : next;
  }

  /** An instant as epoch microseconds, the unit every store keeps. */
  public static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** A wait of {@code micros} microseconds. */
  public static Duration duration(long micros) {
    return Duration.ofNanos(Math.multiplyExact(micros, 1_000L));
  }

  @Override
  public String toString() {
    return perSecond + "/s, burst " + burst;
  }
}
