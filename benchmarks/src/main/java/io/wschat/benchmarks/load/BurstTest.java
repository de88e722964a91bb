package io.wschat.benchmarks.load;

import io.wschat.benchmarks.report.Figure;
import io.wschat.benchmarks.report.Figure.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The workload of the user: N clients each send M private messages at once, to random other users, on a
 * server started a moment ago; then a second burst on the same, now warm, server. Each round starts every server
 * afresh (a new process), and the servers take turns going first, so that neither always meets a busier machine.
 */
public final class BurstTest {
  public record Settings(int clients, int messages, int rounds, Duration roundLimit) {
    public Settings {
      if (clients < 2 || messages < 1 || rounds < 1) {
        throw new IllegalArgumentException("a burst needs 2+ clients, 1+ messages and 1+ rounds; got " + this);
      }
    }

    String workload() {
      return String.format("%,d clients × %d messages", clients, messages);
    }
  }

  /** One server's rounds: the burst on the fresh server, the burst after it, and how long the start took. */
  public record Runs(List<LoadTest.Round> fresh, List<LoadTest.Round> warm, List<Double> startSeconds,
      List<Double> postsPerMessage) {}

  /** The runs by server name, wschat first; {@code skipped} says why the reference did not run, if it did not. */
  public record Result(Settings settings, Map<String, Runs> runs, Optional<String> skipped) {
    public List<Figure> figures() {
      String label = "burst " + settings.workload();
      List<Figure> figures = new ArrayList<>();
      runs.forEach((server, r) -> {
        boolean ours = server.equals("wschat");
        figures.add(Figure.of(label + ", " + server + ": start until it accepts connections", "s", r.startSeconds()));
        figures.add(throughput(label + ", fresh server, " + server, r.fresh()));
        figures.add(throughput(label + ", second burst, " + server, r.warm()));
        figures.add(Figure.of(label + ", fresh server, " + server + ": delivery latency p99", "ms",
            r.fresh().stream().map(LoadTest.Round::p99).toList()));
        Figure lost = Figure.of(label + ", " + server + ": lost + duplicated messages (both bursts)", "msgs",
            lostAndDuplicated(r));
        figures.add(ours ? lost.target(Target.atMost(0)) : lost);
        if (!r.postsPerMessage().isEmpty()) {
          figures.add(Figure.of(label + ", " + server + ": Management API calls per delivered message", "calls",
              r.postsPerMessage()).target(Target.atMost(1)));
        }
      });
      Runs ours = runs.get("wschat");
      Runs peer = runs.get("serverless-offline");
      if (peer != null) {
        figures.add(ratio(label + ", fresh server: wschat / serverless-offline", ours.fresh(), peer.fresh()));
        figures.add(ratio(label + ", second burst: wschat / serverless-offline", ours.warm(), peer.warm()));
      }
      return figures;
    }

    private static Figure throughput(String label, List<LoadTest.Round> rounds) {
      return Figure.of(label + ": delivered messages/s", "msg/s",
          rounds.stream().map(LoadTest.Round::throughput).toList());
    }

    private static List<Double> lostAndDuplicated(Runs r) {
      List<Double> counts = new ArrayList<>();
      for (int i = 0; i < r.fresh().size(); i++) {
        LoadTest.Round a = r.fresh().get(i);
        LoadTest.Round b = r.warm().get(i);
        counts.add((double) (a.lost() + a.duplicated() + b.lost() + b.duplicated()));
      }
      return counts;
    }

    /** Each of our rounds over the reference's median, so the median is the ratio of the medians. */
    private static Figure ratio(String label, List<LoadTest.Round> ours, List<LoadTest.Round> theirs) {
      double reference = Figure.of("reference", "msg/s", theirs.stream().map(LoadTest.Round::throughput).toList())
          .median();
      return Figure.of(label + ", delivered messages/s", "×",
          ours.stream().map(r -> r.throughput() / reference).toList()).target(Target.atLeast(3));
    }

    public String note() {
      StringBuilder note = new StringBuilder();
      runs.forEach((server, r) -> note.append("- burst ").append(settings.workload()).append(", ").append(server)
          .append(": ").append(settings.rounds()).append(" fresh server(s); per burst (fresh, second) sent/delivered/")
          .append("lost/duplicated/failed ").append(r.fresh().stream().map(BurstTest::counts).toList()).append(", ")
          .append(r.warm().stream().map(BurstTest::counts).toList()).append('\n'));
      skipped.ifPresent(why -> note.append("- burst ").append(settings.workload())
          .append(": serverless-offline not run: ").append(why).append('\n'));
      return note.toString();
    }
  }

  private final Settings settings;

  public BurstTest(Settings settings) {
    this.settings = settings;
  }

  /** Runs wschat and, when there is one, the reference, round by round, each on fresh servers. */
  public Result run(ChatServer.Factory wschat, Optional<ChatServer.Factory> reference, Optional<String> skipped) {
    Map<String, List<Round>> byServer = new LinkedHashMap<>();
    for (int round = 0; round < settings.rounds(); round++) {
      List<ChatServer.Factory> order = new ArrayList<>(List.of(wschat));
      if (reference.isPresent()) {
        order.add(round % 2 == 0 ? 1 : 0, reference.get());
      }
      for (ChatServer.Factory factory : order) {
        Round r = round(factory);
        byServer.computeIfAbsent(r.server(), k -> new ArrayList<>()).add(r);
      }
    }
    Map<String, Runs> runs = new LinkedHashMap<>();
    for (String server : List.of("wschat", "serverless-offline")) {
      List<Round> rounds = byServer.get(server);
      if (rounds != null) {
        runs.put(server, new Runs(rounds.stream().map(Round::fresh).toList(), rounds.stream().map(Round::warm).toList(),
            rounds.stream().map(Round::startSeconds).toList(),
            rounds.stream().filter(r -> r.postsPerMessage() >= 0).map(Round::postsPerMessage).toList()));
      }
    }
    return new Result(settings, runs, skipped);
  }

  private record Round(String server, LoadTest.Round fresh, LoadTest.Round warm, double startSeconds,
      double postsPerMessage) {}

  private Round round(ChatServer.Factory factory) {
    Ledger ledger = new Ledger(settings.clients(), settings.messages(), 2);
    try (ChatServer server = factory.start();
        Fleet fleet = Fleet.connect(server.webSocketUri(), settings.clients(), ledger, settings.roundLimit())) {
      OptionalLong before = server.postToConnection();
      LoadTest.Round fresh = fleet.round(0, settings.messages(), LoadClient.Pace.BURST, 0);
      LoadTest.Round warm = fleet.round(1, settings.messages(), LoadClient.Pace.BURST, 0);
      OptionalLong after = server.postToConnection();
      long delivered = fresh.delivered() + warm.delivered();
      double posts = before.isPresent() && after.isPresent() && delivered > 0
          ? (after.getAsLong() - before.getAsLong()) / (double) delivered : -1;
      return new Round(server.name(), fresh, warm, server.startSeconds(), posts);
    }
  }

  private static String counts(LoadTest.Round r) {
    return r.sent() + "/" + r.delivered() + "/" + r.lost() + "/" + r.duplicated() + "/" + r.failed();
  }
}
