package io.wschat.benchmarks.messagelog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wschat.benchmarks.load.ChatServer;
import io.wschat.benchmarks.report.Figure;
import io.wschat.benchmarks.report.Figure.Target;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A history page's latency in a long conversation. {@code messages} are sent through the product from one user's
 * connections to a user who stays offline (one conversation); then one connection of the sender, one request at a
 * time, asks for pages of {@code pageSize}: the newest page (no cursor) again and again, and walks of the whole
 * conversation, newest to oldest, each page asked for with the {@code nextCursor} of the one before. A latency is
 * from the request handed to the socket to the {@code history} frame's arrival, in the benchmark's process. One
 * walk and a few newest pages warm up first; each walk is checked: every message once, positions falling.
 */
final class HistoryTest {
  private static final Duration ANSWER_LIMIT = Duration.ofSeconds(30);

  record Settings(int messages, int senders, int window, int pageSize, int batches, int newestPerBatch) {}

  /** Per batch: the newest page's p50 and p99, every cursor page's, the deepest tenth's, and a walk's anomalies. */
  record Result(String store, Settings settings, double seedSeconds, int pagesPerWalk, List<Double> newestP50,
      List<Double> newestP99, List<Double> cursorP50, List<Double> cursorP99, List<Double> deepP50,
      List<Double> deepP99, List<Double> anomalies) {

    List<Figure> figures() {
      String label = store + ", " + Figure.format(settings.messages()) + " messages";
      return List.of(
          Figure.of(store + ": seeding, " + Figure.format(settings.messages()) + " sends to an offline user"
              + " (stored, delivered to no one)", "msg/s", List.of(settings.messages() / seedSeconds)),
          Figure.of(label + ", newest page (limit " + settings.pageSize() + "): p50", "ms", newestP50),
          Figure.of(label + ", newest page: p99", "ms", newestP99),
          Figure.of(label + ", every older page of a walk (before = nextCursor): p50", "ms", cursorP50),
          Figure.of(label + ", every older page of a walk: p99", "ms", cursorP99),
          Figure.of(label + ", the oldest tenth of the pages: p50", "ms", deepP50),
          Figure.of(label + ", the oldest tenth of the pages: p99", "ms", deepP99),
          Figure.of(label + ": messages missing, repeated or out of order in a walk", "msgs", anomalies)
              .target(Target.atMost(0)));
    }

    String note() {
      return "- " + store + ", history: " + Figure.format(settings.messages()) + " messages from "
          + settings.senders() + " connections of one user (" + settings.window() + " in flight each) in "
          + Figure.format(seedSeconds) + " s; then " + settings.batches() + " batch(es), each of "
          + settings.newestPerBatch() + " newest-page requests and one walk of " + pagesPerWalk + " pages, after one"
          + " warm-up walk\n";
    }
  }

  private final Settings settings;

  HistoryTest(Settings settings) {
    this.settings = settings;
  }

  Result run(ChatServer server, String store, HttpClient http) {
    String writer = store + "-history-writer";
    String reader = store + "-history-offline";
    List<ChatSocket> senders = new ArrayList<>();
    try {
      for (int i = 0; i < settings.senders(); i++) {
        senders.add(ChatSocket.registered(http, server.webSocketUri(), writer));
      }
      double seedSeconds = Seeder.send(senders, reader, settings.messages(), settings.window());
      ChatSocket client = senders.get(0);
      Latencies ignored = new Latencies();
      walk(client, reader, ignored, ignored, ignored); // warm-up, checked too
      for (int i = 0; i < settings.newestPerBatch() / 2; i++) {
        newest(client, reader, ignored);
      }
      List<Double> newestP50 = new ArrayList<>();
      List<Double> newestP99 = new ArrayList<>();
      List<Double> cursorP50 = new ArrayList<>();
      List<Double> cursorP99 = new ArrayList<>();
      List<Double> deepP50 = new ArrayList<>();
      List<Double> deepP99 = new ArrayList<>();
      List<Double> anomalies = new ArrayList<>();
      int pages = 0;
      for (int batch = 0; batch < settings.batches(); batch++) {
        Latencies newest = new Latencies();
        for (int i = 0; i < settings.newestPerBatch(); i++) {
          newest(client, reader, newest);
        }
        Latencies first = new Latencies();
        Latencies cursor = new Latencies();
        Latencies deep = new Latencies();
        anomalies.add((double) walk(client, reader, first, cursor, deep));
        pages = first.size() + cursor.size();
        newestP50.add(newest.percentileMillis(50));
        newestP99.add(newest.percentileMillis(99));
        cursorP50.add(cursor.percentileMillis(50));
        cursorP99.add(cursor.percentileMillis(99));
        deepP50.add(deep.percentileMillis(50));
        deepP99.add(deep.percentileMillis(99));
      }
      return new Result(store, settings, seedSeconds, pages, newestP50, newestP99, cursorP50, cursorP99, deepP50,
          deepP99, anomalies);
    } finally {
      senders.forEach(ChatSocket::close);
    }
  }

  private void newest(ChatSocket client, String with, Latencies latencies) {
    ObjectNode request = ChatSocket.request("getHistory").put("withUserId", with).put("limit", settings.pageSize());
    long sent = client.send(request);
    ChatSocket.Frame page = client.expect("history", ANSWER_LIMIT);
    latencies.add(page.nanos() - sent);
    if (page.json().path("messages").size() != Math.min(settings.pageSize(), settings.messages())) {
      throw new IllegalStateException("the newest page is not full: " + page.text());
    }
  }

  /**
   * Walks the conversation newest to oldest; the first page's latency goes to {@code first}, every later one's to
   * {@code cursor}, and those of the oldest tenth of the pages to {@code deep} as well. Answers the anomalies:
   * messages missing or repeated, and positions that do not fall.
   */
  private long walk(ChatSocket client, String with, Latencies first, Latencies cursor, Latencies deep) {
    int expectedPages = (settings.messages() + settings.pageSize() - 1) / settings.pageSize();
    int deepFrom = expectedPages - Math.max(1, expectedPages / 10);
    Set<String> ids = new HashSet<>();
    long seen = 0;
    long disorder = 0;
    long lastPosition = Long.MAX_VALUE;
    String before = null;
    int page = 0;
    do {
      ObjectNode request = ChatSocket.request("getHistory").put("withUserId", with).put("limit", settings.pageSize());
      if (before != null) {
        request.put("before", before);
      }
      long sent = client.send(request);
      ChatSocket.Frame frame = client.expect("history", ANSWER_LIMIT);
      long latency = frame.nanos() - sent;
      (page == 0 ? first : cursor).add(latency);
      if (page >= deepFrom) {
        deep.add(latency);
      }
      JsonNode json = frame.json();
      for (JsonNode message : json.path("messages")) {
        seen++;
        ids.add(message.path("messageId").asText());
        long position = message.path("position").asLong();
        if (position >= lastPosition) {
          disorder++;
        }
        lastPosition = position;
      }
      JsonNode next = json.path("nextCursor");
      before = next.isNull() || next.isMissingNode() ? null : next.asText();
      page++;
      if (page > expectedPages + 1) {
        throw new IllegalStateException("a walk of " + settings.messages() + " messages did not end after " + page
            + " pages");
      }
    } while (before != null);
    return Math.abs(settings.messages() - ids.size()) + (seen - ids.size()) + disorder;
  }
}
