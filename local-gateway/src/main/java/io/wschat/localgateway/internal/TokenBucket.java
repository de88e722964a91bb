package io.wschat.localgateway.internal;

/**
 * API Gateway's throttling: a bucket of at most {@code burst} tokens, refilled at {@code ratePerSecond}; each
 * request takes one, and a request that finds none is throttled. It starts full. A burst of 0 throttles everything.
 */
final class TokenBucket {
  private final double perNano;
  private final double capacity;
  private double tokens; // guarded by this
  private long refilledAt; // guarded by this

  TokenBucket(double ratePerSecond, int burst) {
    this.perNano = ratePerSecond / 1e9;
    this.capacity = burst;
    this.tokens = burst;
    this.refilledAt = System.nanoTime();
  }

  synchronized boolean tryTake() {
    long now = System.nanoTime();
    tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
    refilledAt = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
