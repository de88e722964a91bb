package io.wschat.benchmarks.messagelog;

import com.fasterxml.jackson.databind.JsonNode;
import io.wschat.benchmarks.load.ChatServer;
import io.wschat.benchmarks.report.Figure;
import io.wschat.benchmarks.report.Figure.Target;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Catching up after being away. {@code senders} users, each online on one connection, send {@code pending}
 * messages in all to a user who is offline; then that user connects, registers and sends {@code sync}, and again
 * after each {@code syncComplete} that says {@code more}, until one says it does not. Timed from the first sync
 * handed to the socket to the arrival of the last {@code syncComplete}; the frames the user received are counted by
 * type, and so are the delivery receipts the senders got. Each repetition has users of its own, so every sync
 * starts from {@code pending} messages.
 */
final class SyncTest {
  private static final Duration FRAME_LIMIT = Duration.ofSeconds(60);

  record Settings(int pending, int senders, int window, int repetitions) {}

  record Result(String store, Settings settings, List<Double> millis, List<Double> privateFrames,
      List<Double> completeFrames, List<Double> receipts, List<Double> posts, List<Double> anomalies,
      List<Double> seedSeconds) {

    List<Figure> figures() {
      String label = store + ", " + Figure.format(settings.pending()) + " pending";
      List<Double> perSecond = new ArrayList<>();
      for (int i = 0; i < millis.size(); i++) {
        perSecond.add(privateFrames.get(i) / (millis.get(i) / 1000));
      }
      return List.of(
          Figure.of(label + ": first sync → last syncComplete", "ms", millis),
          Figure.of(label + ": messages synced per second", "msg/s", perSecond),
          Figure.of(label + ": privateMessage frames received", "frames", privateFrames),
          Figure.of(label + ": syncComplete frames received (= sync requests)", "frames", completeFrames),
          Figure.of(label + ": messageDelivered receipts to the senders", "frames", receipts),
          Figure.of(label + ": Management API calls (PostToConnection) during the sync", "calls", posts),
          Figure.of(label + ": messages missing, repeated or out of order", "msgs", anomalies)
              .target(Target.atMost(0)));
    }

    String note() {
      return "- " + store + ", sync: " + settings.repetitions() + " repetition(s), each " + Figure.format(settings.pending())
          + " messages from " + settings.senders() + " senders online on one connection each (seeded in "
          + seedSeconds.stream().map(s -> Figure.format(s) + " s").toList() + ")\n";
    }
  }

  private final Settings settings;

  SyncTest(Settings settings) {
    this.settings = settings;
  }

  Result run(ChatServer server, String store, HttpClient http) {
    List<Double> millis = new ArrayList<>();
    List<Double> privateFrames = new ArrayList<>();
    List<Double> completeFrames = new ArrayList<>();
    List<Double> receipts = new ArrayList<>();
    List<Double> posts = new ArrayList<>();
    List<Double> anomalies = new ArrayList<>();
    List<Double> seedSeconds = new ArrayList<>();
    for (int r = 0; r < settings.repetitions(); r++) {
      String target = store + "-sync" + r + "-away";
      List<ChatSocket> senders = new ArrayList<>();
      try {
        for (int k = 0; k < settings.senders(); k++) {
          senders.add(ChatSocket.registered(http, server.webSocketUri(), store + "-sync" + r + "-from" + k));
        }
        seedSeconds.add(Seeder.send(senders, target, settings.pending(), settings.window()));
        try (ChatSocket away = ChatSocket.registered(http, server.webSocketUri(), target)) {
          long postsBefore = server.postToConnection().orElseThrow();
          Outcome outcome = sync(away);
          receipts.add((double) receipts(senders));
          posts.add((double) (server.postToConnection().orElseThrow() - postsBefore));
          millis.add(outcome.nanos() / 1e6);
          privateFrames.add((double) outcome.privateFrames());
          completeFrames.add((double) outcome.completeFrames());
          anomalies.add((double) outcome.anomalies());
        }
      } finally {
        senders.forEach(ChatSocket::close);
      }
    }
    return new Result(store, settings, millis, privateFrames, completeFrames, receipts, posts, anomalies,
        seedSeconds);
  }

  private record Outcome(long nanos, int privateFrames, int completeFrames, long anomalies) {}

  private Outcome sync(ChatSocket away) {
    long start = away.send(ChatSocket.request("sync"));
    int privateFrames = 0;
    int completeFrames = 0;
    long delivered = 0;
    long other = 0;
    long disorder = 0;
    Set<String> ids = new HashSet<>();
    Map<String, Long> lastPosition = new HashMap<>();
    while (true) {
      ChatSocket.Frame frame = away.next(FRAME_LIMIT);
      JsonNode json = frame.json();
      switch (json.path("type").asText()) {
        case "privateMessage" -> {
          privateFrames++;
          ids.add(json.path("messageId").asText());
          long position = json.path("position").asLong();
          Long before = lastPosition.put(json.path("fromUserId").asText(), position);
          if (before != null && position <= before) {
            disorder++;
          }
        }
        case "syncComplete" -> {
          completeFrames++;
          delivered += json.path("delivered").asLong();
          if (!json.path("more").asBoolean()) {
            long anomalies = Math.abs(settings.pending() - ids.size()) + (privateFrames - ids.size()) + disorder
                + Math.abs(delivered - privateFrames) + other;
            return new Outcome(frame.nanos() - start, privateFrames, completeFrames, anomalies);
          }
          away.send(ChatSocket.request("sync"));
        }
        case "error", "socketError" -> throw new IllegalStateException("sync failed: " + frame.text());
        default -> other++;
      }
    }
  }

  /** The receipts the senders have received, waiting up to a few seconds for the last ones. */
  private long receipts(List<ChatSocket> senders) {
    long count = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (count < settings.pending() && System.nanoTime() < deadline) {
      for (ChatSocket sender : senders) {
        for (ChatSocket.Frame frame = sender.poll(); frame != null; frame = sender.poll()) {
          if (frame.type().equals("messageDelivered")) {
            count++;
          }
        }
      }
      if (count < settings.pending()) {
        sleep(10);
      }
    }
    return count;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
