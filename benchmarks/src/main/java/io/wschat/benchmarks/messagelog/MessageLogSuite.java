package io.wschat.benchmarks.messagelog;

import io.wschat.benchmarks.LocalEngines;
import io.wschat.benchmarks.load.ChatServer;
import io.wschat.benchmarks.load.LocalChatProcess;
import io.wschat.benchmarks.load.LocalChatProcess.Store;
import io.wschat.benchmarks.load.LogOnOffTest;
import io.wschat.benchmarks.report.Figure;
import io.wschat.benchmarks.report.PerformanceReport.Section;
import io.wschat.engines.RedisServer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The message log's workloads (issue 14), per store, on the local chat as users run it (the runner jar in a JVM of
 * its own, clients in this one): send throughput with the log on against off, a history page's latency in a long
 * conversation, and a sync of many pending messages. Each store gets two fresh runners side by side, {@code
 * --retention P30D} (the default) and {@code --retention none}, and nothing else differs; the on/off rounds
 * alternate between them, then the log-on runner, warm, serves the history and sync workloads.
 */
public final class MessageLogSuite {
  /** What the log-on runner is given: the runner's default, written out so that the command shows it. */
  public static final String RETENTION_ON = "P30D";
  public static final String RETENTION_OFF = "none";

  public record Settings(List<Store> stores, LogOnOffTest.Settings onOff, LogOnOffTest.Settings onOffDynamoDb,
      HistoryTest.Settings history, SyncTest.Settings sync) {

    /**
     * About 6 minutes on 2 cores for the three stores, a third of it seeding DynamoDB Local's 10,000-message
     * conversation (one conversation's appends take turns).
     */
    public static Settings full(List<Store> stores) {
      return new Settings(stores,
          new LogOnOffTest.Settings(200, 12, 2, 4, Duration.ofSeconds(120)),
          // DynamoDB Local carries a fifth of what memory does: fewer messages per round, the same clients.
          new LogOnOffTest.Settings(200, 3, 2, 4, Duration.ofSeconds(120)),
          // Two writers, as a conversation has: more only race for its next position (on DynamoDB Local, eight
          // connections of one user were no faster than one or two).
          new HistoryTest.Settings(10_000, 2, 8, 50, 3, 50),
          new SyncTest.Settings(1_000, 8, 4, 3));
    }

    public static Settings smoke(List<Store> stores) {
      return new Settings(stores,
          new LogOnOffTest.Settings(20, 5, 1, 1, Duration.ofSeconds(30)),
          new LogOnOffTest.Settings(20, 5, 1, 1, Duration.ofSeconds(30)),
          new HistoryTest.Settings(300, 2, 4, 50, 1, 10),
          new SyncTest.Settings(150, 2, 4, 1));
    }
  }

  private MessageLogSuite() {}

  /** Runs the three workloads on each store, in order; {@code log} hears what starts. */
  public static List<Section> run(Path repository, Settings settings, Consumer<String> log) {
    List<LogOnOffTest.Result> onOff = new ArrayList<>();
    List<HistoryTest.Result> histories = new ArrayList<>();
    List<SyncTest.Result> syncs = new ArrayList<>();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    for (Store store : settings.stores()) {
      String name = store.name().toLowerCase(Locale.ROOT);
      LogOnOffTest.Settings onOffSettings = store == Store.DYNAMODB ? settings.onOffDynamoDb() : settings.onOff();
      // Each runner its own redis-server, as each has its own memory or DynamoDB Local: the same user names are
      // registered on both, and a registry shared by two gateways would post to the other one's connections.
      try (Engine onEngine = Engine.start(store); Engine offEngine = Engine.start(store)) {
        log.accept("message log, " + name + ": runners with --retention " + RETENTION_ON + " and " + RETENTION_OFF);
        try (ChatServer on = LocalChatProcess.factory(repository, store, onEngine.redisUrl(),
            Optional.of(RETENTION_ON)).start()) {
          try (ChatServer off = LocalChatProcess.factory(repository, store, offEngine.redisUrl(),
              Optional.of(RETENTION_OFF)).start()) {
            LogProbe.expect(on, http, name + "-on", true);
            LogProbe.expect(off, http, name + "-off", false);
            log.accept("message log, " + name + ": send throughput, log on against off, " + onOffSettings.clients()
                + " clients × " + onOffSettings.messagesPerRound() + " messages, " + onOffSettings.pairs()
                + " round(s) each after " + onOffSettings.warmupRounds() + " warm-up round(s)");
            onOff.add(new LogOnOffTest(onOffSettings).run(on, off, name));
          }
          log.accept("message log, " + name + ": history, " + Figure.format(settings.history().messages())
              + " messages in one conversation");
          histories.add(new HistoryTest(settings.history()).run(on, name, http));
          log.accept("message log, " + name + ": sync of " + Figure.format(settings.sync().pending())
              + " pending messages × " + settings.sync().repetitions());
          syncs.add(new SyncTest(settings.sync()).run(on, name, http));
        }
      }
    }
    return sections(onOff, histories, syncs);
  }

  private static List<Section> sections(List<LogOnOffTest.Result> onOff, List<HistoryTest.Result> histories,
      List<SyncTest.Result> syncs) {
    List<Figure> onOffFigures = new ArrayList<>();
    StringBuilder onOffNote = new StringBuilder();
    onOff.forEach(r -> {
      onOffFigures.addAll(r.figures());
      onOffNote.append(r.note());
    });
    List<Figure> historyFigures = new ArrayList<>();
    StringBuilder historyNote = new StringBuilder();
    histories.forEach(r -> {
      historyFigures.addAll(r.figures());
      historyNote.append(r.note());
    });
    List<Figure> syncFigures = new ArrayList<>();
    StringBuilder syncNote = new StringBuilder();
    syncs.forEach(r -> {
      syncFigures.addAll(r.figures());
      syncNote.append(r.note());
    });
    return List.of(
        new Section("Send throughput, message log on against off (closed loop, two runners side by side)",
            onOffFigures, onOffNote.toString()),
        new Section("A history page in a long conversation (one request at a time, over the WebSocket)",
            historyFigures, historyNote.toString()),
        new Section("Sync of pending messages after being offline", syncFigures, syncNote.toString()));
  }

  /** The engine a runner needs outside its own process: a redis-server for Redis, nothing otherwise. */
  private record Engine(Optional<RedisServer> redis) implements AutoCloseable {
    static Engine start(Store store) {
      return new Engine(store == Store.REDIS ? Optional.of(LocalEngines.redis()) : Optional.empty());
    }

    Optional<String> redisUrl() {
      return redis.map(RedisServer::url);
    }

    @Override
    public void close() {
      redis.ifPresent(RedisServer::close);
    }
  }
}
