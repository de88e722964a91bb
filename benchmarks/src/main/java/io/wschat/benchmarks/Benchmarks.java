package io.wschat.benchmarks;

import io.wschat.benchmarks.coldstart.ColdStart;
import io.wschat.benchmarks.jmh.DynamoDbRegistryBenchmark;
import io.wschat.benchmarks.jmh.HotPathBenchmark;
import io.wschat.benchmarks.jmh.JmhSuite;
import io.wschat.benchmarks.jmh.RedisReference;
import io.wschat.benchmarks.jmh.RedisRegistryBenchmark;
import io.wschat.benchmarks.load.LoadTest;
import io.wschat.benchmarks.report.Figure;
import io.wschat.benchmarks.report.Figure.Target;
import io.wschat.benchmarks.report.Machine;
import io.wschat.benchmarks.report.PerformanceReport;
import io.wschat.engines.RedisServer;
import io.wschat.localchat.LocalChat;
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
 * Runs every benchmark of issue 9 once, in order, and writes docs/performance.md. From the repository root:
 * {@code java -jar benchmarks/target/wschat-benchmarks.jar}; {@code --smoke} runs a tiny version of each in
 * seconds (what CI does), {@code --out FILE} writes elsewhere, {@code --runs}, {@code --clients} and
 * {@code --messages} size the cold-start and load runs.
 */
public final class Benchmarks {

  public record Settings(boolean smoke, Path repository, Path out, int coldStartRuns, int clients, int messages,
      int rounds, int dynamoDbMessages, JmhSuite.Settings jmh, int redisBenchmarkRequests, int redisBenchmarkRounds,
      List<Integer> offeredRates) {

    /** The open-loop rates: the target's, and one this machine carries, to show the latency it gives then. */
    public static Settings full(Path repository) {
      return new Settings(false, repository, repository.resolve("docs/performance.md"), 10, 1000, 10, 3, 2,
          JmhSuite.Settings.full(), 100_000, 3, List.of(5_000, 1_000));
    }

    public static Settings smoke(Path repository, Path out) {
      return new Settings(true, repository, out, 1, 20, 5, 1, 5, JmhSuite.Settings.smoke(), 2_000, 1, List.of(400));
    }
  }

  public record Outcome(List<PerformanceReport.Section> sections, Path report) {}

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    Path repository = Path.of("").toAbsolutePath();
    Settings settings = Settings.full(repository);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--smoke" -> settings = Settings.smoke(repository, repository.resolve("benchmarks/target/performance-smoke.md"));
        case "--out" -> settings = with(settings, Path.of(args[++i]), null, null, null);
        case "--runs" -> settings = with(settings, null, Integer.parseInt(args[++i]), null, null);
        case "--clients" -> settings = with(settings, null, null, Integer.parseInt(args[++i]), null);
        case "--messages" -> settings = with(settings, null, null, null, Integer.parseInt(args[++i]));
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; known: --smoke, --out FILE, --runs N, --clients N, --messages M");
      }
    }
    // DynamoDB Local's workers are not daemons: without an exit a failed run would never end.
    try {
      Outcome outcome = run(settings);
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
        s.dynamoDbMessages(), s.jmh(), s.redisBenchmarkRequests(), s.redisBenchmarkRounds(), s.offeredRates());
  }

  public static Outcome run(Settings settings) throws Exception {
    // The local gateway runs every "Lambda container" in this one JVM, and the SDK's URL-connection client keeps
    // only the JDK's default of 5 idle keep-alive connections per host: under 1,000 clients every other
    // PostToConnection would open a new TCP connection to the gateway (and time out). In Lambda one container
    // handles one event at a time, so this cap never matters there. Read once, before the first HTTP request.
    System.setProperty("http.maxConnections", System.getProperty("http.maxConnections", "256"));
    ZonedDateTime started = ZonedDateTime.now();
    String loadBefore = Machine.loadAverage();
    List<PerformanceReport.Section> sections = new ArrayList<>();

    log("cold start: " + settings.coldStartRuns() + " run(s) of each JVM");
    ColdStart.Result cold = new ColdStart(new ColdStart.Settings(settings.coldStartRuns(),
        settings.repository().resolve("bootstrap/target/wschat-lambda.jar"),
        settings.repository().resolve("benchmarks/target/coldstart"), !settings.smoke())).run();
    sections.add(PerformanceReport.coldStart(cold));

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
    Path template = settings.repository().resolve("template.yaml");
    // Warm-up rounds until the JIT has compiled the delivery path: a Lambda container that has served a few
    // thousand events is warm too. DynamoDB Local, the slowest, gets one round of its fewer messages.
    int warmup = settings.smoke() ? 1 : 3;
    LoadTest.Settings closedLoop = new LoadTest.Settings(settings.clients(), settings.messages(), settings.rounds(),
        Duration.ofSeconds(settings.smoke() ? 30 : 120), warmup, 0);
    LoadTest load = new LoadTest(closedLoop);
    log("load test: memory, " + settings.clients() + " clients × " + settings.messages() + " messages × "
        + settings.rounds() + " rounds, after " + warmup + " warm-up round(s)");
    loads.add(load.run(LocalChat.Store.MEMORY, Optional.empty(), template));
    for (int rate : settings.offeredRates()) {
      log("load test: memory, open loop at " + rate + " msg/s");
      loads.add(new LoadTest(closedLoop.openLoop(rate)).run(LocalChat.Store.MEMORY, Optional.empty(), template));
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
      loads.add(load.run(LocalChat.Store.REDIS, Optional.of(redis.url()), template));
    }
    log("load test: dynamodb");
    LoadTest dynamoLoad = new LoadTest(new LoadTest.Settings(settings.clients(), settings.dynamoDbMessages(),
        settings.rounds(), Duration.ofSeconds(settings.smoke() ? 30 : 180), 1, 0));
    loads.add(dynamoLoad.run(LocalChat.Store.DYNAMODB, Optional.empty(), template));
    sections.add(PerformanceReport.load(loads));

    String loadAfter = Machine.loadAverage();
    String text = PerformanceReport.render(settings, Machine.here(), started, loadBefore, loadAfter, sections, cold);
    Files.createDirectories(settings.out().toAbsolutePath().getParent());
    Files.writeString(settings.out(), text);
    return new Outcome(sections, settings.out());
  }

  static void log(String line) {
    System.out.println("[wschat-benchmarks] " + line);
    System.out.flush();
  }
}
