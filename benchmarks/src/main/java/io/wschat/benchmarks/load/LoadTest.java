package io.wschat.benchmarks.load;

import io.wschat.benchmarks.report.Figure;
import io.wschat.benchmarks.report.Figure.Target;
import io.wschat.localchat.LocalChat;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.nio.file.Path;

/**
 * N WebSocket clients on the local gateway ({@link LocalChat}, the real handler and Management API client behind
 * it), each registered as its own user, send private messages to random other users, in one of two modes:
 * <ul>
 *   <li>closed loop ({@code offeredRate} 0): each client keeps one message in flight and sends the next when the
 *       previous one is answered, so N is the concurrency and the figure is how much the system can carry;
 *   <li>open loop: a pacer sends at a fixed total rate, round robin over the clients, whatever the answers; a
 *       message is stamped with when it was due, so a system that falls behind shows it as latency.
 * </ul>
 * Every message carries its index and time, so the receiver measures the delivery latency and every message is
 * accounted for: lost (sent, never received) and duplicated (received twice) are counted, not guessed. Warm-up
 * rounds run first, the same way, and are not in the figures (their losses and duplicates are still reported).
 */
public final class LoadTest {
  public record Settings(int clients, int messagesPerRound, int rounds, Duration roundLimit, int warmupRounds,
      int offeredRate) {
    public Settings {
      if (clients < 2 || messagesPerRound < 1 || rounds < 1 || warmupRounds < 0 || offeredRate < 0) {
        throw new IllegalArgumentException("a load test needs 2+ clients, 1+ messages and rounds, and no negative"
            + " warm-up rounds or offered rate; got " + this);
      }
    }

    public Settings openLoop(int rate) {
      return new Settings(clients, messagesPerRound, rounds, roundLimit, warmupRounds, rate);
    }

    public String mode() {
      return offeredRate == 0 ? "closed loop" : "open loop at " + Figure.format(offeredRate) + " msg/s";
    }
  }

  public record Result(LocalChat.Store store, Settings settings, List<Round> rounds, List<Round> warmup) {
    public long lost() {
      return rounds.stream().mapToLong(Round::lost).sum();
    }

    public long duplicated() {
      return rounds.stream().mapToLong(Round::duplicated).sum();
    }

    public long failed() {
      return rounds.stream().mapToLong(Round::failed).sum();
    }

    public long errors() {
      return rounds.stream().mapToLong(Round::errors).sum();
    }

    public long delivered() {
      return rounds.stream().mapToLong(Round::delivered).sum();
    }

    public List<Figure> figures(boolean targets) {
      String label = store.name().toLowerCase() + ", " + settings.clients() + " clients, " + settings.mode();
      Figure throughput = Figure.of(label + ": delivered messages/s", "msg/s",
          rounds.stream().map(Round::throughput).toList());
      Figure p50 = Figure.of(label + ": delivery latency p50", "ms", rounds.stream().map(Round::p50).toList());
      Figure p95 = Figure.of(label + ": delivery latency p95", "ms", rounds.stream().map(Round::p95).toList());
      Figure p99 = Figure.of(label + ": delivery latency p99", "ms", rounds.stream().map(Round::p99).toList());
      Figure lost = Figure.of(label + ": lost + duplicated messages", "msgs",
          rounds.stream().map(r -> (double) (r.lost() + r.duplicated())).toList()).target(Target.atMost(0));
      Figure failed = Figure.of(label + ": failed (sender got an error frame)", "msgs",
          rounds.stream().map(r -> (double) r.failed()).toList());
      // The closed loop says how much the system carries; latency only means something at a rate set from outside,
      // and both targets only at the target's rate: an open loop at 1,000 msg/s can deliver no more than that.
      boolean atTargetRate = settings.offeredRate() >= 5_000;
      if (targets && (settings.offeredRate() == 0 || atTargetRate)) {
        throughput = throughput.target(Target.atLeast(5_000));
      }
      if (targets && atTargetRate) {
        p99 = p99.target(Target.atMost(50));
      }
      return List.of(throughput, p50, p95, p99, lost, failed);
    }
  }

  public record Round(long sent, long delivered, long lost, long duplicated, long failed, long errors, double seconds,
      double throughput, double p50, double p95, double p99, double max) {}

  private static final int CONCURRENT_HANDSHAKES = 64;

  private final Settings settings;

  public LoadTest(Settings settings) {
    this.settings = settings;
  }

  public Result run(LocalChat.Store store, Optional<String> redisUrl, Path template) {
    // No authorizer: minting a token per simulated user would measure the authorizer, not messaging.
    LocalChat.Options options = LocalChat.Options.defaults().withPort(0).withStore(store, redisUrl)
        .withTemplate(template).withAuth(LocalChat.Auth.NONE);
    ExecutorService callbacks = Executors.newFixedThreadPool(2, daemon("load-client"));
    HttpClient http = HttpClient.newBuilder().executor(callbacks).connectTimeout(Duration.ofSeconds(10)).build();
    int allRounds = settings.warmupRounds() + settings.rounds();
    Ledger ledger = new Ledger(settings.clients(), settings.messagesPerRound(), allRounds);
    List<LoadClient> clients = new ArrayList<>();
    try (LocalChat chat = LocalChat.start(options)) {
      connect(http, chat.webSocketUri(), ledger, clients);
      List<Round> rounds = new ArrayList<>();
      for (int round = 0; round < allRounds; round++) {
        rounds.add(round(round, clients, ledger));
      }
      clients.forEach(LoadClient::abort);
      return new Result(store, settings, List.copyOf(rounds.subList(settings.warmupRounds(), allRounds)),
          List.copyOf(rounds.subList(0, settings.warmupRounds())));
    } finally {
      clients.forEach(LoadClient::abort);
      callbacks.shutdownNow();
    }
  }

  private void connect(HttpClient http, URI uri, Ledger ledger, List<LoadClient> clients) {
    Semaphore handshakes = new Semaphore(CONCURRENT_HANDSHAKES);
    List<CompletableFuture<LoadClient>> pending = new ArrayList<>();
    for (int i = 0; i < settings.clients(); i++) {
      handshakes.acquireUninterruptibly();
      LoadClient client = new LoadClient(i, settings.clients(), ledger);
      pending.add(client.connect(http, uri).whenComplete((c, e) -> handshakes.release()));
    }
    for (CompletableFuture<LoadClient> future : pending) {
      clients.add(future.orTimeout(60, TimeUnit.SECONDS).join());
    }
    CompletableFuture.allOf(clients.stream().map(LoadClient::register).toArray(CompletableFuture[]::new))
        .orTimeout(120, TimeUnit.SECONDS).join();
  }

  private Round round(int round, List<LoadClient> clients, Ledger ledger) {
    ledger.startRound(round);
    long start = System.nanoTime();
    boolean closedLoop = settings.offeredRate() == 0;
    CompletableFuture<?>[] done = clients.stream()
        .map(c -> c.startRound(round, settings.messagesPerRound(), closedLoop))
        .toArray(CompletableFuture[]::new);
    if (!closedLoop) {
      pace(clients, start, start + settings.roundLimit().toNanos());
    }
    try {
      CompletableFuture.allOf(done).get(settings.roundLimit().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception timeoutOrFailure) {
      // whatever was not acknowledged in time counts below as sent but not delivered
    }
    ledger.awaitDeliveries(round, Duration.ofSeconds(5));
    return ledger.summary(round, start);
  }

  /** Message k is due at start + k / rate and goes to client k mod N, until all are sent or the limit passes. */
  private void pace(List<LoadClient> clients, long start, long limit) {
    long total = (long) clients.size() * settings.messagesPerRound();
    double nanosPerMessage = 1e9 / settings.offeredRate();
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

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
