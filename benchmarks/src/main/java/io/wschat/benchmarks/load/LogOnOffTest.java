package io.wschat.benchmarks.load;

import io.wschat.benchmarks.report.Figure;
import io.wschat.benchmarks.report.Figure.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The closed-loop send workload of {@link LoadTest} on two runners of the same jar, side by side: one with the
 * message log on ({@code --retention P30D}, the default) and one with it off ({@code --retention none}), each with
 * its own fleet of clients. Both are warmed up first; then the measured rounds alternate between them in ABBA order
 * (on, off, off, on, ...), so that neither meets a busier machine more often, and the ratio compares rounds run
 * seconds apart. Only one of the two is sent to at a time; the other one idles.
 */
public final class LogOnOffTest {
  public record Settings(int clients, int messagesPerRound, int warmupRounds, int pairs, Duration roundLimit) {
    public Settings {
      if (clients < 2 || messagesPerRound < 1 || warmupRounds < 0 || pairs < 1) {
        throw new IllegalArgumentException("on/off needs 2+ clients, 1+ messages, 1+ pairs; got " + this);
      }
    }

    private int allRounds() {
      return warmupRounds + pairs;
    }
  }

  public record Result(String store, Settings settings, List<LoadTest.Round> on, List<LoadTest.Round> off,
      List<LoadTest.Round> warmup) {
    public List<Figure> figures() {
      String label = store + ", " + settings.clients() + " clients, closed loop";
      Figure on = throughput(label + ", log on (--retention P30D)", this.on);
      Figure off = throughput(label + ", log off (--retention none)", this.off);
      double offMedian = off.median();
      // Each on-round over the off-rounds' median, so that the median is the ratio of the medians.
      Figure ratio = Figure.of(store + ": send throughput, log on / log off", "×",
          on.samples().stream().map(s -> s / offMedian).toList());
      List<Double> lost = new ArrayList<>();
      for (int i = 0; i < settings.pairs(); i++) {
        LoadTest.Round a = this.on.get(i);
        LoadTest.Round b = this.off.get(i);
        lost.add((double) (a.lost() + a.duplicated() + b.lost() + b.duplicated()));
      }
      Figure lostFigure = Figure.of(label + ": lost + duplicated messages (on and off)", "msgs", lost)
          .target(Target.atMost(0));
      return List.of(on, off, ratio, lostFigure);
    }

    public String note() {
      long warmLost = warmup.stream().mapToLong(r -> r.lost() + r.duplicated()).sum();
      return "- " + store + ", log on against off: " + settings.clients() + " clients × " + settings.messagesPerRound()
          + " messages per round, " + settings.warmupRounds() + " warm-up round(s) on each runner (" + warmLost
          + " lost or duplicated in warm-up), then " + settings.pairs() + " round(s) on each, alternating; failed"
          + " with an error frame to the sender: " + failed(on) + " with the log on, " + failed(off) + " with it off"
          + " (per round: on " + on.stream().map(r -> Figure.format(r.throughput())).toList() + ", off "
          + off.stream().map(r -> Figure.format(r.throughput())).toList() + " msg/s)\n";
    }

    private static long failed(List<LoadTest.Round> rounds) {
      return rounds.stream().mapToLong(LoadTest.Round::failed).sum();
    }

    private static Figure throughput(String label, List<LoadTest.Round> rounds) {
      return Figure.of(label + ": delivered messages/s", "msg/s",
          rounds.stream().map(LoadTest.Round::throughput).toList());
    }
  }

  private final Settings settings;

  public LogOnOffTest(Settings settings) {
    this.settings = settings;
  }

  /** Runs on servers already started (and stops neither): {@code on} keeps messages, {@code off} does not. */
  public Result run(ChatServer on, ChatServer off, String store) {
    int all = settings.allRounds();
    Ledger onLedger = new Ledger(settings.clients(), settings.messagesPerRound(), all);
    Ledger offLedger = new Ledger(settings.clients(), settings.messagesPerRound(), all);
    List<LoadTest.Round> onRounds = new ArrayList<>();
    List<LoadTest.Round> offRounds = new ArrayList<>();
    List<LoadTest.Round> warmup = new ArrayList<>();
    try (Fleet onFleet = Fleet.connect(on.webSocketUri(), settings.clients(), onLedger, settings.roundLimit());
        Fleet offFleet = Fleet.connect(off.webSocketUri(), settings.clients(), offLedger, settings.roundLimit())) {
      for (int round = 0; round < all; round++) {
        boolean onFirst = round < settings.warmupRounds() || (round - settings.warmupRounds()) % 2 == 0;
        LoadTest.Round a = round(onFirst ? onFleet : offFleet, round);
        LoadTest.Round b = round(onFirst ? offFleet : onFleet, round);
        LoadTest.Round onRound = onFirst ? a : b;
        LoadTest.Round offRound = onFirst ? b : a;
        if (round < settings.warmupRounds()) {
          warmup.add(onRound);
          warmup.add(offRound);
        } else {
          onRounds.add(onRound);
          offRounds.add(offRound);
        }
      }
    }
    return new Result(store, settings, List.copyOf(onRounds), List.copyOf(offRounds), List.copyOf(warmup));
  }

  private LoadTest.Round round(Fleet fleet, int round) {
    return fleet.round(round, settings.messagesPerRound(), LoadClient.Pace.CLOSED_LOOP, 0);
  }
}
