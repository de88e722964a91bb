package io.wschat.benchmarks.coldstart;

import io.wschat.benchmarks.EventJson;
import io.wschat.benchmarks.LocalEngines;
import io.wschat.benchmarks.coldstart.launcher.ColdStartLauncher;
import io.wschat.benchmarks.coldstart.launcher.ComponentProbe;
import io.wschat.benchmarks.coldstart.launcher.TrivialHandler;
import io.wschat.benchmarks.report.Figure;
import io.wschat.benchmarks.report.Figure.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cold starts, measured from outside: each run forks a fresh JVM with the flags of Lambda's java21 runtime, on a
 * class path of the Lambda jar and the runtime's jars only, which builds {@code ChatLambdaHandler} from environment
 * variables (DynamoDB Local, a loopback Management API) and handles $connect, registerUser and sendPrivateMessage.
 * A hello-world handler on the same JVM flags is the reference. Runs of the two alternate, so both see the same
 * machine.
 */
public final class ColdStart {
  /** Lambda's java21 runtime runs the JVM with C1 only; -Xshare:auto uses the JDK's class-data archive. */
  public static final List<String> LAMBDA_JVM_FLAGS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
  static final String HANDLER = "io.wschat.bootstrap.ChatLambdaHandler";
  private static final long RUN_LIMIT_SECONDS = 60;

  /**
   * {@code expectedPosts}: the PostToConnection calls one run must make. The current jar makes 1, the delivery
   * (its answers are route responses); a jar from before route responses made 3, and can be measured with 3.
   */
  public record Settings(int runs, Path lambdaJar, Path launcherDir, boolean profile, int expectedPosts) {
    public Settings(int runs, Path lambdaJar, Path launcherDir, boolean profile) {
      this(runs, lambdaJar, launcherDir, profile, 1);
    }
  }

  public record Result(List<Figure> figures, Map<String, Double> probe, ClassLoading classes, String classPath) {}

  /** Class-load counts per phase (JVM start to handler built, then the three events) and per origin. */
  public record ClassLoading(Map<String, Map<String, Integer>> byPhase) {}

  private record Stamps(double mainMs, double initMs, double firstMs, double allMs, String statuses) {}

  private final Settings settings;
  private final Path work;

  public ColdStart(Settings settings) {
    this.settings = settings;
    try {
      this.work = Files.createTempDirectory("wschat-coldstart");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Result run() {
    require(settings.lambdaJar(), "build it with ./mvnw -pl bootstrap -am package -DskipTests");
    LocalEngines.DynamoDbLocal dynamo = LocalEngines.dynamoDb();
    String table = dynamo.newTable("coldstart");
    String messagesTable = dynamo.newMessagesTable("coldstart");
    try (ManagementEndpoint management = ManagementEndpoint.start()) {
      Map<String, String> env = environment(table, messagesTable, dynamo, management);
      List<Stamps> chat = new ArrayList<>();
      List<Stamps> trivial = new ArrayList<>();
      List<Stamps> archived = new ArrayList<>();
      // An application class-data archive, dumped by one training run as a build could do and ship beside the jar
      // (JAVA_TOOL_OPTIONS=-XX:SharedArchiveFile=...): it is measured as an option, the deployed jar has none.
      Path archive = work.resolve("wschat.jsa");
      launch(chatClassPath(), HANDLER, env, events(settings.runs()), List.of("-XX:ArchiveClassesAtExit=" + archive));
      for (int run = 0; run < settings.runs(); run++) {
        int before = management.posts();
        chat.add(launch(chatClassPath(), HANDLER, env, events(run), List.of()));
        if (management.posts() - before != settings.expectedPosts()) {
          throw new IllegalStateException("cold start run " + run + " posted " + (management.posts() - before)
              + " frames to the Management API, expected " + settings.expectedPosts()
              + " (the message; registrationSuccess and messageSent are route responses)");
        }
        trivial.add(launch(trivialClassPath(), TrivialHandler.class.getName(), Map.of(), events(run), List.of()));
        archived.add(launch(chatClassPath(), HANDLER, env, events(settings.runs() + 1 + run),
            List.of("-XX:SharedArchiveFile=" + archive)));
      }
      Map<String, Double> probe = settings.profile() ? probe(env) : Map.of();
      ClassLoading classes = settings.profile() ? classLoading(env) : new ClassLoading(Map.of());
      List<Figure> figures = new ArrayList<>(figures(chat, trivial));
      figures.addAll(archivedFigures(archived, trivial));
      return new Result(figures, probe, classes, String.join(" ", LAMBDA_JVM_FLAGS));
    }
  }

  private List<Figure> figures(List<Stamps> chat, List<Stamps> trivial) {
    List<Double> ratioFirst = new ArrayList<>();
    List<Double> ratioAll = new ArrayList<>();
    for (int i = 0; i < chat.size(); i++) {
      ratioFirst.add(chat.get(i).firstMs() / trivial.get(i).firstMs());
      ratioAll.add(chat.get(i).allMs() / trivial.get(i).allMs());
    }
    return List.of(
        Figure.of("wschat: JVM start → main()", "ms", chat.stream().map(Stamps::mainMs).toList()),
        Figure.of("wschat: init (JVM start → ChatLambdaHandler built)", "ms", chat.stream().map(Stamps::initMs).toList()),
        Figure.of("wschat: JVM start → $connect handled", "ms", chat.stream().map(Stamps::firstMs).toList()),
        Figure.of("wschat: JVM start → sendPrivateMessage handled (3 events)", "ms",
            chat.stream().map(Stamps::allMs).toList()),
        Figure.of("hello world: JVM start → main()", "ms", trivial.stream().map(Stamps::mainMs).toList()),
        Figure.of("hello world: init", "ms", trivial.stream().map(Stamps::initMs).toList()),
        Figure.of("hello world: JVM start → first event handled", "ms", trivial.stream().map(Stamps::firstMs).toList()),
        Figure.of("hello world: JVM start → 3 events handled", "ms", trivial.stream().map(Stamps::allMs).toList()),
        Figure.of("ratio, time to first event (wschat / hello world)", "×", ratioFirst).target(Target.atMost(4)),
        Figure.of("ratio, time to 3 events (wschat / hello world)", "×", ratioAll).target(Target.atMost(4)));
  }

  private static List<Figure> archivedFigures(List<Stamps> archived, List<Stamps> trivial) {
    List<Double> ratio = new ArrayList<>();
    for (int i = 0; i < archived.size(); i++) {
      ratio.add(archived.get(i).firstMs() / trivial.get(i).firstMs());
    }
    return List.of(
        Figure.of("wschat with an AppCDS archive: JVM start → $connect handled", "ms",
            archived.stream().map(Stamps::firstMs).toList()),
        Figure.of("ratio with an AppCDS archive, time to first event (an option, not shipped)", "×", ratio));
  }

  private Map<String, String> environment(String table, String messagesTable, LocalEngines.DynamoDbLocal dynamo,
      ManagementEndpoint management) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CHAT_STORE", "dynamodb");
    env.put("CONNECTIONS_TABLE", table);
    env.put("MESSAGES_TABLE", messagesTable); // messages are kept, as the template deploys by default
    env.put("DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
    env.put("WEBSOCKET_CALLBACK_URL", management.callbackUrl().toString());
    env.put("AUTH_MODE", "none");
    env.put("LOG_LEVEL", "INFO");
    // What Lambda sets, so the handler takes its in-Lambda path (credentials from the environment, no probing).
    env.put("AWS_LAMBDA_FUNCTION_NAME", "wschat-coldstart");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.put("AWS_SESSION_TOKEN", "local");
    return env;
  }

  private List<Path> events(int run) {
    String connection = "ColdStart" + run + "Conn=";
    String user = "coldstart-" + run + "-" + ProcessHandle.current().pid();
    return List.of(
        write("connect-" + run, EventJson.connect(connection)),
        write("register-" + run, EventJson.message(connection, "registerUser",
            "{\"action\":\"registerUser\",\"userId\":\"" + user + "\"}")),
        write("send-" + run, EventJson.message(connection, "sendPrivateMessage",
            "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"" + user + "\",\"message\":\"cold start\"}")));
  }

  private Stamps launch(String classPath, String handler, Map<String, String> env, List<Path> events,
      List<String> extraFlags) {
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(LAMBDA_JVM_FLAGS);
    command.addAll(extraFlags);
    command.addAll(List.of("-cp", classPath, ColdStartLauncher.class.getName(), handler));
    events.forEach(e -> command.add(e.toString()));
    long start = micros();
    String output = exec(command, env);
    String line = output.lines().filter(l -> l.startsWith("COLDSTART ")).findFirst()
        .orElseThrow(() -> new IllegalStateException("the cold-start JVM printed no result:\n" + output));
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : line.substring("COLDSTART ".length()).split(" ")) {
      String[] kv = pair.split("=", 2);
      values.put(kv[0], kv[1]);
    }
    String statuses = values.get("statuses");
    if (!statuses.equals("200,200,200")) {
      throw new IllegalStateException("the cold-start JVM's events answered " + statuses + ":\n" + output);
    }
    return new Stamps(ms(start, values.get("main")), ms(start, values.get("constructed")),
        ms(start, values.get("event1")), ms(start, values.get("event3")), statuses);
  }

  /** Step by step costs, median of three fresh JVMs. */
  private Map<String, Double> probe(Map<String, String> env) {
    Map<String, List<Double>> samples = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      List<String> command = new ArrayList<>(List.of(java()));
      command.addAll(LAMBDA_JVM_FLAGS);
      command.addAll(List.of("-cp", chatClassPath(), ComponentProbe.class.getName(), events(100 + i).get(2).toString(),
          env.get("CONNECTIONS_TABLE"), env.get("DYNAMODB_ENDPOINT"), env.get("WEBSOCKET_CALLBACK_URL")));
      String output = exec(command, env);
      String line = output.lines().filter(l -> l.startsWith("PROBE")).findFirst()
          .orElseThrow(() -> new IllegalStateException("the probe printed nothing:\n" + output));
      for (String pair : line.substring("PROBE ".length()).split(" ")) {
        String[] kv = pair.split("=", 2);
        samples.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(Double.parseDouble(kv[1]) / 1000.0);
      }
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    samples.forEach((step, values) -> medians.put(step, Figure.of(step, "ms", values).median()));
    return medians;
  }

  /** One run with -Xlog:class+load, its lines split by the launcher's phase markers and counted by origin. */
  private ClassLoading classLoading(Map<String, String> env) {
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(LAMBDA_JVM_FLAGS);
    command.addAll(List.of("-Xlog:class+load=info:stdout", "-Dwschat.coldstart.phases=true",
        "-cp", chatClassPath(), ColdStartLauncher.class.getName(), HANDLER));
    events(200).forEach(e -> command.add(e.toString()));
    String output = exec(command, env);
    Map<String, Map<String, Integer>> byPhase = new LinkedHashMap<>();
    String phase = "JVM start → main()";
    for (String line : output.lines().toList()) {
      if (line.startsWith("PHASE ")) {
        phase = switch (line.substring(6)) {
          case "main" -> "main() → handler built";
          case "constructed" -> "$connect";
          case "event1" -> "registerUser";
          case "event2" -> "sendPrivateMessage";
          default -> "after";
        };
        continue;
      }
      int at = line.indexOf("[class,load] ");
      if (at < 0) {
        continue;
      }
      String rest = line.substring(at + "[class,load] ".length());
      String name = rest.split(" ", 2)[0];
      byPhase.computeIfAbsent(phase, p -> new LinkedHashMap<>()).merge(origin(name, rest), 1, Integer::sum);
    }
    return new ClassLoading(byPhase);
  }

  static String origin(String className, String line) {
    if (line.contains("shared objects file")) {
      return "JDK, from the CDS archive";
    }
    if (line.contains("jrt:/") || line.contains("__JVM_DefineClass__") || line.contains("__Lookup_defineClass__")
        || className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")) {
      return "JDK, not archived (incl. generated)";
    }
    if (className.startsWith("software.amazon.awssdk.")) {
      return "AWS SDK v2";
    }
    if (className.startsWith("com.fasterxml.jackson.")) {
      return "Jackson";
    }
    if (className.startsWith("com.amazonaws.lambda.thirdparty.") || className.startsWith("com.amazonaws.services.lambda.runtime.serialization")) {
      return "Lambda runtime serialization (its own Jackson)";
    }
    if (className.startsWith("com.amazonaws.services.lambda.")) {
      return "Lambda core and events";
    }
    if (className.startsWith("io.wschat.")) {
      return "wschat";
    }
    if (className.startsWith("redis.clients.") || className.startsWith("org.apache.commons.pool2.")) {
      return "Jedis and commons-pool";
    }
    if (className.startsWith("org.crac.")) {
      return "org.crac";
    }
    if (className.startsWith("com.nimbusds.")) {
      return "nimbus-jose-jwt";
    }
    if (className.startsWith("org.slf4j.")) {
      return "SLF4J";
    }
    return "other";
  }

  private String chatClassPath() {
    return settings.lambdaJar().toAbsolutePath() + java.io.File.pathSeparator + runtimeClassPath();
  }

  private String trivialClassPath() {
    return runtimeClassPath();
  }

  /** The launcher, and the Lambda runtime's own jars (core, serialization), as the runtime provides them. */
  private String runtimeClassPath() {
    require(settings.launcherDir(), "build the benchmarks module with ./mvnw -pl benchmarks package -DskipTests");
    try (Stream<Path> jars = Files.list(settings.launcherDir())) {
      List<String> entries = jars.filter(p -> p.toString().endsWith(".jar")).sorted()
          .map(p -> p.toAbsolutePath().toString()).toList();
      if (entries.stream().noneMatch(e -> e.endsWith("-launcher.jar"))) {
        throw new IllegalStateException("no launcher jar in " + settings.launcherDir());
      }
      return String.join(java.io.File.pathSeparator, entries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String exec(List<String> command, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("a cold-start JVM ran over " + RUN_LIMIT_SECONDS + " s: " + command);
      }
      String output = new String(out, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException("a cold-start JVM exited with " + process.exitValue() + ":\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private Path write(String name, String json) {
    try {
      Path file = work.resolve(name + ".json");
      Files.writeString(file, json);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void require(Path path, String hint) {
    if (!Files.exists(path)) {
      throw new IllegalStateException(path.toAbsolutePath() + " is missing; " + hint);
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static long micros() {
    Instant t = Instant.now();
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

  private static double ms(long startMicros, String stampMicros) {
    return (Long.parseLong(stampMicros) - startMicros) / 1000.0;
  }
}
