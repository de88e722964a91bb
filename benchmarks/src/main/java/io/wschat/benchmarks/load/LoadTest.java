package io.wschat.benchmarks.load;

import io.wschat.benchmarks.report.Figure;
import io.wschat.benchmarks.report.Figure.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * N WebSocket clients in this process, on one server started fresh in a process of its own (the local chat exactly
 * as {@code ./run-local.sh} starts it: {@link LocalChatProcess}), each registered as its own user, send private
 * messages to random other users, in one of two modes:
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

  /**
   * {@code postsPerMessage}: PostToConnection calls the server answered during each round, over the messages
   * delivered in it; empty when the server does not count them.
   */
  public record Result(String store, Settings settings, List<Round> rounds, List<Round> warmup,
      List<Double> postsPerMessage) {
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
      String label = store + ", " + settings.clients() + " clients, " + settings.mode();
      Figure throughput = Figure.of(label + ": delivered messages/s", "msg/s",
          rounds.stream().map(Round::throughput).toList());
      Figure p50 = Figure.of(label + ": delivery latency p50", "ms", rounds.stream().map(Round::p50).toList());
      Figure p95 = Figure.of(label + ": delivery latency p95", "ms", rounds.stream().map(Round::p95).toList());
      Figure p99 = Figure.of(label + ": delivery latency p99", "ms", rounds.stream().map(Round::p99).toList());
      Figure lost = Figure.of(label + ": lost + duplicated messages", "msgs",
          rounds.stream().map(r -> (double) (r.lost() + r.duplicated())).toList()).target(Target.atMost(0));
      Figure failed = Figure.of(label + ": failed (sender got an error frame)", "msgs",
          rounds.stream().map(r -> (double) r.failed()).toList());
      // The closed loop says how much the system carries; latency only means something at a rate set from outside:
      // the p99 target at 1,000 msg/s (a load it carries) and at the throughput target's 5,000 msg/s.
      boolean atTargetRate = settings.offeredRate() >= 5_000;
      if (targets && (settings.offeredRate() == 0 || atTargetRate)) {
        throughput = throughput.target(Target.atLeast(5_000));
      }
      if (targets && (atTargetRate || settings.offeredRate() == 1_000)) {
        p99 = p99.target(Target.atMost(50));
      }
      List<Figure> figures = new ArrayList<>(List.of(throughput, p50, p95, p99, lost, failed));
      if (!postsPerMessage.isEmpty()) {
        Figure posts = Figure.of(label + ": Management API calls per delivered message", "calls", postsPerMessage);
        figures.add(targets && settings.offeredRate() == 0 ? posts.target(Target.atMost(1)) : posts);
      }
      return figures;
    }
  }

  public record Round(long sent, long delivered, long lost, long duplicated, long failed, long errors, double seconds,
      double throughput, double p50, double p95, double p99, double max) {}

  private final Settings settings;

  public LoadTest(Settings settings) {
    this.settings = settings;
  }

  /** Starts a fresh server, runs the warm-up rounds and the rounds on it, and stops it. */
  public Result run(ChatServer.Factory servers, String store) {
    int allRounds = settings.warmupRounds() + settings.rounds();
    Ledger ledger = new Ledger(settings.clients(), settings.messagesPerRound(), allRounds);
    LoadClient.Pace pace = settings.offeredRate() == 0 ? LoadClient.Pace.CLOSED_LOOP : LoadClient.Pace.OPEN_LOOP;
    List<Round> rounds = new ArrayList<>();
    List<Double> postsPerMessage = new ArrayList<>();
    try (ChatServer server = servers.start();
        Fleet fleet = Fleet.connect(server.webSocketUri(), settings.clients(), ledger, settings.roundLimit())) {
      for (int round = 0; round < allRounds; round++) {
        OptionalLong before = server.postToConnection();
        Round r = fleet.round(round, settings.messagesPerRound(), pace, settings.offeredRate());
        OptionalLong after = server.postToConnection();
        rounds.add(r);
        if (round >= settings.warmupRounds() && before.isPresent() && after.isPresent() && r.delivered() > 0) {
          postsPerMessage.add((after.getAsLong() - before.getAsLong()) / (double) r.delivered());
        }
      }
    }
    return new Result(store, settings, List.copyOf(rounds.subList(settings.warmupRounds(), allRounds)),
        List.copyOf(rounds.subList(0, settings.warmupRounds())), List.copyOf(postsPerMessage));
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
