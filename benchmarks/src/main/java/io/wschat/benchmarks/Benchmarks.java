package io.wschat.benchmarks;

import io.wschat.benchmarks.coldstart.ColdStart;
import io.wschat.benchmarks.coldstart.Jdks;
import io.wschat.benchmarks.jmh.DynamoDbRegistryBenchmark;
import io.wschat.benchmarks.jmh.HotPathBenchmark;
import io.wschat.benchmarks.jmh.JmhSuite;
import io.wschat.benchmarks.jmh.RedisReference;
import io.wschat.benchmarks.jmh.RedisRegistryBenchmark;
import io.wschat.benchmarks.load.BurstTest;
import io.wschat.benchmarks.load.ChatServer;
import io.wschat.benchmarks.load.LoadTest;
import io.wschat.benchmarks.load.LocalChatProcess;
import io.wschat.benchmarks.load.LocalChatProcess.Store;
import io.wschat.benchmarks.load.ServerlessOffline;
import io.wschat.benchmarks.messagelog.MessageLogSuite;
import io.wschat.benchmarks.report.Figure;
import io.wschat.benchmarks.report.Figure.Target;
import io.wschat.benchmarks.report.Machine;
import io.wschat.benchmarks.report.PerformanceReport;
import io.wschat.engines.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Jedis;

/**
 * Runs every benchmark of issues 9 and 14 once, in order, and writes docs/performance.md. From the repository root:
 * {@code java -jar benchmarks/target/wschat-benchmarks.jar}; {@code --smoke} runs a tiny version of each in
 * seconds (what CI does), {@code --out FILE} writes elsewhere, {@code --runs}, {@code --clients} and
 * {@code --messages} size the cold-start and load runs, {@code --bursts 200x25,1000x10} the burst workloads and
 * {@code --rounds} the rounds of the load and burst tests. {@code message-log} runs only the message log's
 * workloads and rewrites only their figures; {@code --stores memory,redis} limits those to some stores.
 */
public final class Benchmarks {

  public record Settings(boolean smoke, Path repository, Path out, int coldStartRuns, int clients, int messages,
      int rounds, int dynamoDbMessages, JmhSuite.Settings jmh, int redisBenchmarkRequests, int redisBenchmarkRounds,
      List<Integer> offeredRates, List<Burst> bursts, MessageLogSuite.Settings messageLog) {

    /** A burst workload: {@code clients} each send {@code messages} at once. */
    public record Burst(int clients, int messages) {
      static Burst parse(String text) {
        String[] parts = text.split("x");
        if (parts.length != 2) {
          throw new IllegalArgumentException("a burst is CLIENTSxMESSAGES, e.g. 200x25; got " + text);
        }
        return new Burst(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
      }
    }

    /**
     * The open-loop rates: the target's, and one this machine carries, to show the latency it gives then. The
     * bursts: the user's (200 × 25) and one with more connections (1,000 × 10).
     */
    public static Settings full(Path repository) {
      return new Settings(false, repository, repository.resolve("docs/performance.md"), 10, 1000, 10, 3, 2,
          JmhSuite.Settings.full(), 100_000, 3, List.of(5_000, 1_000), List.of(new Burst(200, 25), new Burst(1000, 10)),
          MessageLogSuite.Settings.full(ALL_STORES));
    }

    /**
     * Every harness at a tiny size. The message log's workloads run on memory and Redis only: on DynamoDB they
     * are the same code behind the same runner flag, and its two embedded DynamoDB Local runners took a third of the
     * smoke run's time; the load test still runs a DynamoDB runner, and the full run measures all three.
     */
    public static Settings smoke(Path repository, Path out) {
      return new Settings(true, repository, out, 1, 20, 5, 1, 5, JmhSuite.Settings.smoke(), 2_000, 1, List.of(400),
          List.of(new Burst(20, 5)), MessageLogSuite.Settings.smoke(List.of(Store.MEMORY, Store.REDIS)));
    }
  }

  /** The stores the message log's workloads run on, unless {@code --stores} names fewer. */
  static final List<Store> ALL_STORES = List.of(Store.MEMORY, Store.DYNAMODB, Store.REDIS);

  public record Outcome(List<PerformanceReport.Section> sections, Path report) {}

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    Path repository = Path.of("").toAbsolutePath();
    Settings settings = Settings.full(repository);
    boolean messageLogOnly = false;
    boolean coldStartOnly = false;
    List<Store> stores = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "message-log" -> messageLogOnly = true;
        case "cold-start" -> coldStartOnly = true;
        case "--stores" -> stores = java.util.Arrays.stream(args[++i].split(","))
            .map(name -> Store.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT))).toList();
        case "--smoke" -> settings = Settings.smoke(repository, repository.resolve("benchmarks/target/performance-smoke.md"));
        case "--out" -> settings = with(settings, Path.of(args[++i]), null, null, null);
        case "--runs" -> settings = with(settings, null, Integer.parseInt(args[++i]), null, null);
        case "--clients" -> settings = with(settings, null, null, Integer.parseInt(args[++i]), null);
        case "--messages" -> settings = with(settings, null, null, null, Integer.parseInt(args[++i]));
        case "--rounds" -> settings = withRounds(settings, Integer.parseInt(args[++i]));
        case "--bursts" -> settings = withBursts(settings,
            java.util.Arrays.stream(args[++i].split(",")).map(Settings.Burst::parse).toList());
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; known: message-log, cold-start, --smoke, --out FILE, --runs N, --clients N, --messages M, --rounds N,"
            + " --bursts 200x25,..., --stores memory,dynamodb,redis");
      }
    }
    if (stores != null) {
      settings = withStores(settings, stores);
    }
    // DynamoDB Local's workers are not daemons: without an exit a failed run would never end.
    try {
      Outcome outcome = messageLogOnly ? runMessageLog(settings) : coldStartOnly ? runColdStart(settings)
          : run(settings);
      System.out.println("wrote " + outcome.report());
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
  }

  private static Settings with(Settings s, Path out, Integer runs, Integer clients, Integer messages) {
    return new Settings(s.smoke(), s.repository(), out == null ? s.out() : out, runs == null ? s.coldStartRuns() : runs,
        clients == null ? s.clients() : clients, messages == null ? s.messages() : messages, s.rounds(),
        s.dynamoDbMessages(), s.jmh(), s.redisBenchmarkRequests(), s.redisBenchmarkRounds(), s.offeredRates(),
        s.bursts(), s.messageLog());
  }

  private static Settings withRounds(Settings s, int rounds) {
    return new Settings(s.smoke(), s.repository(), s.out(), s.coldStartRuns(), s.clients(), s.messages(), rounds,
        s.dynamoDbMessages(), s.jmh(), s.redisBenchmarkRequests(), s.redisBenchmarkRounds(), s.offeredRates(),
        s.bursts(), s.messageLog());
  }

  private static Settings withStores(Settings s, List<Store> stores) {
    MessageLogSuite.Settings m = s.messageLog();
    return new Settings(s.smoke(), s.repository(), s.out(), s.coldStartRuns(), s.clients(), s.messages(), s.rounds(),
        s.dynamoDbMessages(), s.jmh(), s.redisBenchmarkRequests(), s.redisBenchmarkRounds(), s.offeredRates(),
        s.bursts(), new MessageLogSuite.Settings(stores, m.onOff(), m.onOffDynamoDb(), m.history(), m.sync()));
  }

  private static Settings withBursts(Settings s, List<Settings.Burst> bursts) {
    return new Settings(s.smoke(), s.repository(), s.out(), s.coldStartRuns(), s.clients(), s.messages(), s.rounds(),
        s.dynamoDbMessages(), s.jmh(), s.redisBenchmarkRequests(), s.redisBenchmarkRounds(), s.offeredRates(),
        bursts, s.messageLog());
  }

  public static Outcome run(Settings settings) throws Exception {
    // First, so that a missing node fails the full run at once instead of after the cold starts.
    Optional<ChatServer.Factory> peer = Optional.empty();
    Optional<String> peerSkipped = Optional.empty();
    try {
      log("serverless-offline reference: npm ci into ~/.cache/wschat, once per machine and lock file");
      peer = Optional.of(ServerlessOffline.prepare(settings.repository()));
    } catch (ServerlessOffline.Unavailable e) {
      if (!settings.smoke()) {
        throw e;
      }
      peerSkipped = Optional.of(e.getMessage());
      log("NOTICE: smoke run without the serverless-offline reference: " + e.getMessage());
    }
    List<PerformanceReport.Section> coldSections = runColdStart(settings).sections();
    ZonedDateTime started = ZonedDateTime.now();
    String loadBefore = Machine.loadAverage();
    List<PerformanceReport.Section> sections = new ArrayList<>();

    log("JMH: hot path");
    Map<String, List<Double>> hot = JmhSuite.run(HotPathBenchmark.class, settings.jmh(), Map.of());
    sections.add(new PerformanceReport.Section("Hot path, in-process, one thread (JMH)", List.of(
        JmhSuite.figure("sendPrivateMessage events/s (JSON → response)", hot.get("sendPrivateMessage"))
            .target(Target.atLeast(100_000)),
        JmhSuite.figure("registerUser events/s (JSON → response)", hot.get("registerUser"))), ""));

    log("JMH: DynamoDB Local registry");
    LocalEngines.DynamoDbLocal dynamo = LocalEngines.dynamoDb();
    String table = dynamo.newTable("jmh");
    Map<String, List<Double>> ddb = JmhSuite.run(DynamoDbRegistryBenchmark.class, settings.jmh(), Map.of(
        DynamoDbRegistryBenchmark.ENDPOINT, dynamo.endpoint().toString(), DynamoDbRegistryBenchmark.TABLE, table));
    List<Figure> ddbFigures = new ArrayList<>();
    ddb.forEach((op, samples) -> ddbFigures.add(JmhSuite.figure("DynamoDbConnectionRegistry." + op, samples)));
    sections.add(new PerformanceReport.Section("Registry on DynamoDB Local, one thread (JMH)", ddbFigures,
        dynamo.description()));

    List<LoadTest.Result> loads = new ArrayList<>();
    Path repository = settings.repository();
    // Warm-up rounds until the JIT has compiled the delivery path: a Lambda container that has served a few
    // thousand events is warm too. DynamoDB Local, the slowest, gets one round of its fewer messages.
    int warmup = settings.smoke() ? 1 : 3;
    LoadTest.Settings closedLoop = new LoadTest.Settings(settings.clients(), settings.messages(), settings.rounds(),
        Duration.ofSeconds(settings.smoke() ? 30 : 120), warmup, 0);
    LoadTest load = new LoadTest(closedLoop);
    ChatServer.Factory memory = LocalChatProcess.factory(repository, Store.MEMORY, Optional.empty());
    List<BurstTest.Result> bursts = new ArrayList<>();
    for (Settings.Burst burst : settings.bursts()) {
      log("burst: " + burst.clients() + " clients × " + burst.messages() + " messages at once, " + settings.rounds()
          + " round(s) on fresh servers, wschat" + (peer.isPresent() ? " and serverless-offline taking turns" : ""));
      bursts.add(new BurstTest(new BurstTest.Settings(burst.clients(), burst.messages(), settings.rounds(),
          Duration.ofSeconds(settings.smoke() ? 30 : 180))).run(memory, peer, peerSkipped));
    }
    sections.add(PerformanceReport.bursts(bursts));
    log("load test: memory, " + settings.clients() + " clients × " + settings.messages() + " messages × "
        + settings.rounds() + " rounds, after " + warmup + " warm-up round(s)");
    loads.add(load.run(memory, "memory"));
    for (int rate : settings.offeredRates()) {
      log("load test: memory, open loop at " + rate + " msg/s");
      loads.add(new LoadTest(closedLoop.openLoop(rate)).run(memory, "memory"));
    }

    try (RedisServer redis = LocalEngines.redis()) {
      log("JMH: Redis registry, and redis-benchmark");
      Map<String, List<Double>> ours = JmhSuite.run(RedisRegistryBenchmark.class, settings.jmh(),
          Map.of(RedisRegistryBenchmark.URL, redis.url()));
      RedisReference reference = new RedisReference(redis.host(), redis.port());
      Map<String, List<Double>> theirs = reference.run(settings.redisBenchmarkRequests(),
          settings.redisBenchmarkRounds());
      sections.add(PerformanceReport.redis(ours, theirs, reference.commands(), redis.engine()));

      try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
        jedis.flushAll();
      }
      log("load test: redis");
      loads.add(load.run(LocalChatProcess.factory(repository, Store.REDIS, Optional.of(redis.url())), "redis"));
    }
    log("load test: dynamodb");
    LoadTest dynamoLoad = new LoadTest(new LoadTest.Settings(settings.clients(), settings.dynamoDbMessages(),
        settings.rounds(), Duration.ofSeconds(settings.smoke() ? 30 : 180), 1, 0));
    loads.add(dynamoLoad.run(LocalChatProcess.factory(repository, Store.DYNAMODB, Optional.empty()), "dynamodb"));
    sections.add(PerformanceReport.load(loads));

    String loadAfter = Machine.loadAverage();
    String text = PerformanceReport.render(settings, Machine.here(), started, loadBefore, loadAfter, sections);
    Files.createDirectories(settings.out().toAbsolutePath().getParent());
    Files.writeString(settings.out(), text);
    List<PerformanceReport.Section> all = new ArrayList<>(coldSections);
    all.addAll(sections);
    all.addAll(runMessageLog(settings).sections());
    return new Outcome(all, settings.out());
  }

  /** Only the cold start, on every JDK found; rewrites only its part of the report. */
  public static Outcome runColdStart(Settings settings) throws Exception {
    ZonedDateTime started = ZonedDateTime.now();
    String loadBefore = Machine.loadAverage();
    List<Jdks.Jdk> jdks = Jdks.found();
    log("cold start: " + settings.coldStartRuns() + " run(s) of each JVM, on "
        + jdks.stream().map(Jdks.Jdk::describe).toList());
    ColdStart.Result cold = new ColdStart(new ColdStart.Settings(settings.coldStartRuns(),
        settings.repository().resolve("bootstrap/target/wschat-lambda.jar"),
        settings.repository().resolve("benchmarks/target/coldstart"), !settings.smoke(), 1, jdks)).run();
    String text = PerformanceReport.renderColdStart(settings, Machine.here(), started, loadBefore,
        Machine.loadAverage(), cold);
    Files.createDirectories(settings.out().toAbsolutePath().getParent());
    Files.writeString(settings.out(), text);
    return new Outcome(PerformanceReport.coldStart(cold), settings.out());
  }

  /** Only the message log's workloads (issue 14); rewrites only their part of the report. */
  public static Outcome runMessageLog(Settings settings) throws Exception {
    ZonedDateTime started = ZonedDateTime.now();
    String loadBefore = Machine.loadAverage();
    List<PerformanceReport.Section> sections = MessageLogSuite.run(settings.repository(), settings.messageLog(),
        Benchmarks::log);
    String text = PerformanceReport.renderMessageLog(settings, Machine.here(), started, loadBefore,
        Machine.loadAverage(), sections);
    Files.createDirectories(settings.out().toAbsolutePath().getParent());
    Files.writeString(settings.out(), text);
    return new Outcome(sections, settings.out());
  }

  static void log(String line) {
    System.out.println("[wschat-benchmarks " + java.time.LocalTime.now().withNano(0) + "] " + line);
    System.out.flush();
  }
}
