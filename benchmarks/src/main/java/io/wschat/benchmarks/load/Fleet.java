package io.wschat.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * N JDK WebSocket clients in this (the benchmark's) process, each registered as its own user on one server, and
 * the rounds they send. The server runs in a process of its own, so the two never share a JVM or a heap.
 */
final class Fleet implements AutoCloseable {
  private static final int CONCURRENT_HANDSHAKES = 64;

  private final ExecutorService callbacks = Executors.newFixedThreadPool(2, LoadTest.daemon("load-client"));
  private final List<LoadClient> clients = new ArrayList<>();
  private final Ledger ledger;
  private final Duration roundLimit;

  private Fleet(Ledger ledger, Duration roundLimit) {
    this.ledger = ledger;
    this.roundLimit = roundLimit;
  }

  /** Connects and registers {@code n} clients; the ledger has room for every round they will send. */
  static Fleet connect(URI uri, int n, Ledger ledger, Duration roundLimit) {
    Fleet fleet = new Fleet(ledger, roundLimit);
    try {
      HttpClient http = HttpClient.newBuilder().executor(fleet.callbacks).connectTimeout(Duration.ofSeconds(10))
          .build();
      Semaphore handshakes = new Semaphore(CONCURRENT_HANDSHAKES);
      List<CompletableFuture<LoadClient>> pending = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        handshakes.acquireUninterruptibly();
        LoadClient client = new LoadClient(i, n, ledger);
        pending.add(client.connect(http, uri).whenComplete((c, e) -> handshakes.release()));
      }
      for (CompletableFuture<LoadClient> future : pending) {
        fleet.clients.add(future.orTimeout(60, TimeUnit.SECONDS).join());
      }
      CompletableFuture.allOf(fleet.clients.stream().map(LoadClient::register).toArray(CompletableFuture[]::new))
          .orTimeout(120, TimeUnit.SECONDS).join();
      return fleet;
    } catch (RuntimeException e) {
      fleet.close();
      throw e;
    }
  }

  /**
   * One round: every client sends {@code messages} as {@code pace} says (an open loop at {@code offeredRate} msg/s
   * in total, round robin), then the round waits for its answers and deliveries, within the limit.
   */
  LoadTest.Round round(int round, int messages, LoadClient.Pace pace, int offeredRate) {
    ledger.startRound(round);
    long start = System.nanoTime();
    CompletableFuture<?>[] done = clients.stream().map(c -> c.startRound(round, messages, pace))
        .toArray(CompletableFuture[]::new);
    if (pace == LoadClient.Pace.OPEN_LOOP) {
      pace(messages, offeredRate, start, start + roundLimit.toNanos());
    }
    try {
      CompletableFuture.allOf(done).get(roundLimit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception timeoutOrFailure) {
      // whatever was not acknowledged in time counts below as sent but not delivered
    }
    ledger.awaitDeliveries(round, Duration.ofSeconds(5));
    return ledger.summary(round, start);
  }

  /** Message k is due at start + k / rate and goes to client k mod N, until all are sent or the limit passes. */
  private void pace(int messages, int rate, long start, long limit) {
    long total = (long) clients.size() * messages;
    double nanosPerMessage = 1e9 / rate;
    for (long k = 0; k < total; k++) {
      long due = start + (long) (k * nanosPerMessage);
      if (due > limit) {
        return;
      }
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      clients.get((int) (k % clients.size())).sendScheduled(due);
    }
  }

  @Override
  public void close() {
    clients.forEach(LoadClient::abort);
    callbacks.shutdownNow();
  }
}
