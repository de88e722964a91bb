package io.wschat.benchmarks.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every message of a load test by its index (round, sender, sequence): sent or not, how often received, and each
 * delivery's latency. Thread-safe; the receive path does two atomic increments and one array store.
 */
final class Ledger {
  private final int clients;
  private final int perRound;
  private final AtomicIntegerArray sent;
  private final AtomicIntegerArray received;
  private final AtomicIntegerArray failed;
  private final long[] latencyNanos;
  private final AtomicLong lastDelivery = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  Ledger(int clients, int perRound, int rounds) {
    this.clients = clients;
    this.perRound = perRound;
    int size = clients * perRound * rounds;
    this.sent = new AtomicIntegerArray(size);
    this.received = new AtomicIntegerArray(size);
    this.failed = new AtomicIntegerArray(size);
    this.latencyNanos = new long[size];
  }

  int index(int round, int sender, int seq) {
    return (round * clients + sender) * perRound + seq;
  }

  void startRound(int round) {
    lastDelivery.set(System.nanoTime());
    errors.set(0);
  }

  void sent(int index) {
    sent.incrementAndGet(index);
  }

  void error() {
    errors.incrementAndGet();
  }

  /** The sender was told with an error frame that this message could not be delivered: failed, not lost. */
  void failed(int index) {
    failed.incrementAndGet(index);
  }

  void received(int index, long sentAtNanos) {
    long now = System.nanoTime();
    if (received.getAndIncrement(index) == 0) {
      latencyNanos[index] = now - sentAtNanos;
    }
    lastDelivery.accumulateAndGet(now, Math::max);
  }

  /** Waits until every sent message of the round arrived, or {@code grace} passed without news. */
  void awaitDeliveries(int round, Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() < deadline && missing(round) > 0) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private long missing(int round) {
    long missing = 0;
    for (int i = index(round, 0, 0); i < index(round + 1, 0, 0); i++) {
      if (sent.get(i) > 0 && received.get(i) == 0 && failed.get(i) == 0) {
        missing++;
      }
    }
    return missing;
  }

  LoadTest.Round summary(int round, long startNanos) {
    long sentCount = 0;
    long delivered = 0;
    long lost = 0;
    long duplicated = 0;
    long failures = 0;
    int from = index(round, 0, 0);
    int to = index(round + 1, 0, 0);
    long[] latencies = new long[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      int s = sent.get(i);
      int r = received.get(i);
      sentCount += s;
      if (r > 0) {
        delivered++;
        latencies[n++] = latencyNanos[i];
      }
      if (s > 0 && r == 0 && failed.get(i) > 0) {
        failures++;
      } else if (s > 0 && r == 0) {
        lost++;
      }
      if (r > 1) {
        duplicated += r - 1;
      }
    }
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    double seconds = Math.max(1e-9, (lastDelivery.get() - startNanos) / 1e9);
    return new LoadTest.Round(sentCount, delivered, lost, duplicated, failures, errors.get(), seconds, delivered / seconds,
        percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), percentile(sorted, 100));
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
  }
}
