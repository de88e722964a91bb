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
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import java.io.InputStream;

/**
 * Cold starts, measured from outside: each run forks a fresh JVM with the flags of Lambda's Java runtimes without
 * SnapStart, which builds a handler as the runtime does, from environment variables, and hands it events as JSON:
 * {@code ChatLambdaHandler} on DynamoDB Local and a loopback Management API with $connect, registerUser and
 * sendPrivateMessage, and {@code TokenAuthorizer} with a $connect carrying an RS256 token whose keys a loopback
 * JWKS URL serves. The function's code is loaded as the runtime loads it: from the task directory (the jar
 * extracted, as Lambda extracts a .zip) through a class loader of its own. A hello-world handler on the same JVM
 * and flags is the reference. Every JDK found is measured ({@link Jdks}); on JDK 25 and later also with an AOT
 * cache (JEP 483/514) that {@code io.wschat.bootstrap.snapstart.Training} wrote, loaded the runtime's way (the jar
 * in the task's lib/) and with the jar on the JVM's class path; before 25, with an AppCDS archive instead. Runs
 * of all variants alternate, so all see the same machine.
 */
public final class ColdStart {
  /** Lambda's Java runtimes run the JVM with C1 only unless SnapStart or provisioned concurrency is on. */
  public static final List<String> LAMBDA_JVM_FLAGS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
  static final String HANDLER = "io.wschat.bootstrap.ChatLambdaHandler";
  static final String AUTHORIZER = "io.wschat.bootstrap.TokenAuthorizer";
  static final String TRAINING = "io.wschat.bootstrap.snapstart.Training";
  /** The first JDK with JEP 514's one-step AOT cache (-XX:AOTCacheOutput). */
  static final int AOT_CACHE_FEATURE = 25;
  private static final long RUN_LIMIT_SECONDS = 60;

  /**
   * {@code expectedPosts}: the PostToConnection calls one run must make. The current jar makes 1, the delivery
   * (its answers are route responses); a jar from before route responses made 3, and can be measured with 3.
   */
  public record Settings(int runs, Path lambdaJar, Path launcherDir, boolean profile, int expectedPosts,
      List<Jdks.Jdk> jdks) {}

  /** The figures of one JDK, and what the note under them says (sizes, what was not measured and why). */
  public record OnJdk(Jdks.Jdk jdk, List<Figure> figures, String note) {}

  public record Result(List<OnJdk> jdks, Map<String, Double> probe, ClassLoading classes, String flags) {}

  /** Class-load counts per phase (JVM start to handler built, then the three events) and per origin. */
  public record ClassLoading(Map<String, Map<String, Integer>> byPhase) {}

  private record Stamps(double mainMs, double initMs, double firstMs, double allMs, String statuses) {}

  /** Where the function's classes come from. */
  private enum Loading {
    /** The jar extracted into a task directory, loaded by a class loader of its own, as Lambda runs a .zip. */
    TASK_DIRECTORY,
    /** The jar in the task's lib/, loaded by a class loader of its own: a container image on AWS's base image. */
    TASK_LIB_JAR,
    /** The jar on the JVM's class path, loaded by the application class loader. */
    CLASS_PATH
  }

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
    if (settings.jdks().isEmpty()) {
      throw new IllegalStateException("no JDK found to measure");
    }
    extractTask();
    LocalEngines.DynamoDbLocal dynamo = LocalEngines.dynamoDb();
    String table = dynamo.newTable("coldstart");
    String messagesTable = dynamo.newMessagesTable("coldstart");
    try (ManagementEndpoint management = ManagementEndpoint.start(); JwksEndpoint jwks = JwksEndpoint.start()) {
      Map<String, String> env = environment(table, messagesTable, dynamo, management);
      Map<String, String> authorizerEnv = authorizerEnvironment(jwks);
      List<OnJdk> results = new ArrayList<>();
      for (Jdks.Jdk jdk : settings.jdks()) {
        results.add(measure(jdk, env, authorizerEnv, jwks, management));
      }
      Map<String, Double> probe = settings.profile() ? probe(env) : Map.of();
      ClassLoading classes = settings.profile() ? classLoading(env) : new ClassLoading(Map.of());
      return new Result(results, probe, classes, String.join(" ", LAMBDA_JVM_FLAGS));
    }
  }

  private OnJdk measure(Jdks.Jdk jdk, Map<String, String> env, Map<String, String> authorizerEnv, JwksEndpoint jwks,
      ManagementEndpoint management) {
    boolean aot = jdk.feature() >= AOT_CACHE_FEATURE;
    Path cacheOfTask = work.resolve("wschat-task-" + jdk.feature() + ".aot");
    Path cacheOfClassPath = work.resolve("wschat-classpath-" + jdk.feature() + ".aot");
    Path archive = work.resolve("wschat-" + jdk.feature() + ".jsa");
    if (aot) {
      // The training run: the handlers' init and the SnapStart priming, on the class path the runs will have.
      train(jdk, Loading.TASK_LIB_JAR, cacheOfTask);
      train(jdk, Loading.CLASS_PATH, cacheOfClassPath);
    } else {
      // An application class-data archive, dumped by one run of the events as a build could do (an option).
      launch(jdk, Loading.CLASS_PATH, HANDLER, env, events(settings.runs()),
          List.of("-XX:ArchiveClassesAtExit=" + archive));
    }
    List<Stamps> chat = new ArrayList<>();
    List<Stamps> trivial = new ArrayList<>();
    List<Stamps> cachedTask = new ArrayList<>();
    List<Stamps> cachedClassPath = new ArrayList<>();
    List<Stamps> archived = new ArrayList<>();
    List<Stamps> authorizer = new ArrayList<>();
    List<Stamps> authorizerCached = new ArrayList<>();
    for (int run = 0; run < settings.runs(); run++) {
      int before = management.posts();
      chat.add(launch(jdk, Loading.TASK_DIRECTORY, HANDLER, env, events(run), List.of()));
      if (management.posts() - before != settings.expectedPosts()) {
        throw new IllegalStateException("cold start run " + run + " posted " + (management.posts() - before)
            + " frames to the Management API, expected " + settings.expectedPosts()
            + " (the message; registrationSuccess and messageSent are route responses)");
      }
      trivial.add(launchTrivial(jdk, events(run)));
      authorizer.add(launch(jdk, Loading.TASK_DIRECTORY, AUTHORIZER, authorizerEnv, List.of(write("authorize-" + run, jwks.eventJson(run))),
          List.of()));
      if (aot) {
        cachedTask.add(launch(jdk, Loading.TASK_LIB_JAR, HANDLER, env, events(1000 + run),
            List.of("-XX:AOTCache=" + cacheOfTask)));
        cachedClassPath.add(launch(jdk, Loading.CLASS_PATH, HANDLER, env, events(2000 + run),
            List.of("-XX:AOTCache=" + cacheOfClassPath)));
        authorizerCached.add(launch(jdk, Loading.TASK_LIB_JAR, AUTHORIZER, authorizerEnv,
            List.of(write("authorize-" + (1000 + run), jwks.eventJson(1000 + run))), List.of("-XX:AOTCache=" + cacheOfTask)));
      } else {
        archived.add(launch(jdk, Loading.CLASS_PATH, HANDLER, env, events(settings.runs() + 1 + run),
            List.of("-XX:SharedArchiveFile=" + archive)));
      }
    }
    List<Figure> figures = new ArrayList<>(figures(chat, trivial, !aot));
    StringBuilder note = new StringBuilder();
    note.append("The function loaded as Lambda's runtime loads a .zip: the jar extracted into a task directory, "
        + "through a class loader of its own. Lambda jar: ").append(megabytes(size(settings.lambdaJar())))
        .append(".");
    if (aot) {
      figures.addAll(ratioTo("wschat with the AOT cache, jar in the task's lib/ (a container image on AWS's base"
          + " image): JVM start → $connect handled", cachedTask, trivial, Target.atMost(4)));
      figures.addAll(ratioTo("wschat with the AOT cache, jar on the JVM class path (an image with its own entry"
          + " point): JVM start → $connect handled", cachedClassPath, trivial, Target.atMost(4)));
      note.append(" AOT cache, written by a training run of ").append(TRAINING).append(" with -XX:AOTCacheOutput: ")
          .append(megabytes(size(cacheOfTask))).append("; jar and cache in one .zip: ")
          .append(megabytes(zippedSize(settings.lambdaJar(), cacheOfTask)))
          .append(" (Lambda: 50 MB zipped for a direct upload, 250 MB unzipped; 10 GB for a container image).")
          .append(" The deployed .zip carries no cache: Lambda recommends against one on a managed runtime"
              + " (docs/deploy.md, Cold starts).");
    } else {
      figures.addAll(ratioTo("wschat with an AppCDS archive, jar on the JVM class path: JVM start → $connect handled",
          archived, trivial, null));
      note.append(" No AOT cache before JDK ").append(AOT_CACHE_FEATURE).append(" (JEP 514).");
    }
    figures.addAll(ratioTo("authorizer: JVM start → first token verified", authorizer, trivial, null));
    if (aot) {
      figures.addAll(ratioTo("authorizer with the AOT cache, jar in the task's lib/: JVM start → first token verified",
          authorizerCached, trivial, Target.atMost(3)));
    }
    return new OnJdk(jdk, figures, note.toString());
  }

  /** The run's times, then the ratio of each run's first event to the hello world of the same round. */
  private static List<Figure> ratioTo(String name, List<Stamps> runs, List<Stamps> trivial, Target target) {
    List<Double> ratio = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      ratio.add(runs.get(i).firstMs() / trivial.get(i).firstMs());
    }
    Figure ratioFigure = Figure.of("ratio: " + name.replaceFirst(": JVM start → .*", "") + " / hello world", "×",
        ratio);
    return List.of(Figure.of(name, "ms", runs.stream().map(Stamps::firstMs).toList()),
        target == null ? ratioFigure : ratioFigure.target(target));
  }

  private List<Figure> figures(List<Stamps> chat, List<Stamps> trivial, boolean targets) {
    List<Double> ratioFirst = new ArrayList<>();
    List<Double> ratioAll = new ArrayList<>();
    for (int i = 0; i < chat.size(); i++) {
      ratioFirst.add(chat.get(i).firstMs() / trivial.get(i).firstMs());
      ratioAll.add(chat.get(i).allMs() / trivial.get(i).allMs());
    }
    Figure first = Figure.of("ratio, time to first event (wschat / hello world)", "×", ratioFirst);
    Figure all = Figure.of("ratio, time to 3 events (wschat / hello world)", "×", ratioAll);
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
        targets ? first.target(Target.atMost(4)) : first,
        targets ? all.target(Target.atMost(4)) : all);
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

  private Stamps launch(Jdks.Jdk jdk, Loading loading, String handler, Map<String, String> env, List<Path> events,
      List<String> extraFlags) {
    List<String> command = command(jdk, loading, extraFlags);
    command.add(handler);
    events.forEach(e -> command.add(e.toString()));
    String expected = handler.equals(AUTHORIZER) ? "allow" : "200,200,200";
    return stamps(command, env, expected);
  }

  /** The reference: a handler with no library behind it, from the class path, on the same JVM and flags. */
  private Stamps launchTrivial(Jdks.Jdk jdk, List<Path> events) {
    List<String> command = new ArrayList<>(List.of(jdk.java()));
    command.addAll(LAMBDA_JVM_FLAGS);
    command.addAll(List.of("-cp", runtimeClassPath(), ColdStartLauncher.class.getName(),
        TrivialHandler.class.getName()));
    events.forEach(e -> command.add(e.toString()));
    return stamps(command, Map.of(), "200,200,200");
  }

  /** A training run that writes an AOT cache for {@code loading}'s class path (JEP 514, one step). */
  private void train(Jdks.Jdk jdk, Loading loading, Path cache) {
    List<String> command = command(jdk, loading, List.of("-XX:AOTCacheOutput=" + cache));
    command.add("--main=" + TRAINING);
    exec(command, Map.of());
    require(cache, "the training run on " + jdk.describe() + " wrote no AOT cache");
  }

  /** The JVM, the runtime's flags, the class path and the launcher, with the function loaded as {@code loading} says. */
  private List<String> command(Jdks.Jdk jdk, Loading loading, List<String> extraFlags) {
    List<String> command = new ArrayList<>(List.of(jdk.java()));
    // -Xshare:auto is the default anyway; JDK 25 refuses to take it together with the AOT cache flags.
    boolean aotCache = extraFlags.stream().anyMatch(flag -> flag.startsWith("-XX:AOTCache"));
    LAMBDA_JVM_FLAGS.stream().filter(flag -> !(aotCache && flag.startsWith("-Xshare"))).forEach(command::add);
    command.addAll(extraFlags);
    command.addAll(List.of("-cp", loading == Loading.CLASS_PATH ? chatClassPath() : runtimeClassPath(),
        ColdStartLauncher.class.getName()));
    switch (loading) {
      case TASK_DIRECTORY -> command.add("--task=" + work.resolve("task"));
      case TASK_LIB_JAR -> command.add("--task=" + work.resolve("image/lib/wschat-lambda.jar"));
      case CLASS_PATH -> { }
    }
    return command;
  }

  private Stamps stamps(List<String> command, Map<String, String> env, String expected) {
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
    if (!statuses.equals(expected)) {
      throw new IllegalStateException("the cold-start JVM's events answered " + statuses + ", expected " + expected
          + ":\n" + output);
    }
    String last = values.containsKey("event3") ? "event3" : "event1";
    return new Stamps(ms(start, values.get("main")), ms(start, values.get("constructed")),
        ms(start, values.get("event1")), ms(start, values.get(last)), statuses);
  }

  /**
   * The jar as Lambda runs a .zip (extracted into the task directory), and as a container image would hold it (in
   * the task's lib/).
   */
  private void extractTask() {
    Path task = work.resolve("task");
    try (JarFile jar = new JarFile(settings.lambdaJar().toFile())) {
      for (JarEntry entry : java.util.Collections.list(jar.entries())) {
        Path target = task.resolve(entry.getName()).normalize();
        if (!target.startsWith(task)) {
          throw new IllegalStateException("a jar entry outside the task directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          try (InputStream in = jar.getInputStream(entry)) {
            Files.copy(in, target);
          }
        }
      }
      Path lib = Files.createDirectories(work.resolve("image/lib"));
      Files.copy(settings.lambdaJar(), lib.resolve("wschat-lambda.jar"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The size of one .zip holding {@code files}, compressed as a deployment package is. */
  private long zippedSize(Path... files) {
    Path zip = work.resolve("package.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (Path file : files) {
        out.putNextEntry(new ZipEntry(file.getFileName().toString()));
        Files.copy(file, out);
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return size(zip);
  }

  private static String megabytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
  }

  private Map<String, String> authorizerEnvironment(JwksEndpoint jwks) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JWT_JWKS_URL", jwks.url().toString());
    env.put("JWT_ISSUER", JwksEndpoint.ISSUER);
    env.put("JWT_AUDIENCE", JwksEndpoint.AUDIENCE);
    env.put("LOG_LEVEL", "INFO");
    env.put("AWS_LAMBDA_FUNCTION_NAME", "wschat-coldstart-authorizer");
    env.put("AWS_REGION", "us-east-1");
    return env;
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
