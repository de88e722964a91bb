package io.wschat.adapter.memory;

import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.RateLimiter;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A RateLimiter in this JVM's memory: each user's theoretical arrival time ({@link SendRate}) in a concurrent map,
 * changed atomically per user with {@code compute}, so senders of different users never wait for each other. A
 * bucket whose time has passed is full, the same as no bucket: every few thousand sends those are dropped, so the
 * map holds only users who sent within the last burst. Like the other in-memory adapters, for local runs and tests.
 */
public final class InMemoryRateLimiter implements RateLimiter {
  private static final int PRUNE_EVERY = 4_096;

  private final SendRate rate;
  private final ConcurrentHashMap<UserId, Long> tats = new ConcurrentHashMap<>();
  private final AtomicLong calls = new AtomicLong();

  public InMemoryRateLimiter(SendRate rate) {
    this.rate = Objects.requireNonNull(rate, "rate");
  }

  @Override
  public Decision acquire(UserId user, Instant now) {
    long micros = SendRate.micros(now);
    long[] step = new long[1];
    tats.compute(user, (u, tat) -> {
      step[0] = rate.step(tat == null ? 0 : tat, micros);
      return step[0] > 0 ? Long.valueOf(step[0]) : tat;
    });
    if (calls.incrementAndGet() % PRUNE_EVERY == 0) {
      // Removes an entry only if it still holds the value tested, so a concurrent send is never lost.
      tats.values().removeIf(tat -> tat <= micros);
    }
    return Decision.of(step[0]);
  }

  /** How many users have a bucket that is not full; for tests. */
  int buckets() {
    return tats.size();
  }
}
