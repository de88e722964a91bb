package io.wschat.localchat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code java -jar wschat-local.jar}: the local chat, until Ctrl-C. */
@Command(name = "wschat-local", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the wschat chat on one machine: a local emulator of API Gateway WebSocket APIs with the real"
        + " Lambda handler behind the routes of template.yaml, and a web chat page.")
public final class LocalChatCommand implements Callable<Integer> {
  private final LocalChat.Options defaults = LocalChat.Options.defaults();

  @Option(names = "--port", description = "The port for WebSocket, Management API and web page (default: ${DEFAULT-VALUE}).")
  int port = defaults.port();

  @Option(names = "--host", description = "The address to bind (default: ${DEFAULT-VALUE}, loopback only).")
  String host = defaults.host();

  @Option(names = "--stage", description = "The stage, the last part of the WebSocket URL (default: ${DEFAULT-VALUE}).")
  String stage = defaults.stage();

  @Option(names = "--store", description = "Where connections are kept: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})."
      + " dynamodb starts an embedded DynamoDB Local and creates the table.")
  LocalChat.Store store = defaults.store();

  @Option(names = "--redis-url", description = "With --store redis: redis://[user@]host:port. The password comes"
      + " from the environment variable REDIS_PASSWORD or --redis-password-file, so that ps does not show it.")
  String redisUrl;

  @Option(names = "--redis-password-file", description = "A file whose first line is the Redis password.")
  Path redisPasswordFile;

  /** Where REDIS_PASSWORD is read; tests replace it. */
  Map<String, String> environment = System.getenv();

  @Option(names = "--table", description = "With --store dynamodb: the table name (default: ${DEFAULT-VALUE}).")
  String table = defaults.table();

  @Option(names = "--template", description = "The SAM template whose routes, handler and variables to run (default: ${DEFAULT-VALUE}).")
  Path template = defaults.template();

  @Option(names = "--idle-timeout", description = "Close connections idle this long, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration idleTimeout = defaults.idleTimeout();

  @Option(names = "--max-duration", description = "Close connections after this long, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration maxDuration = defaults.maxDuration();

  @Option(names = "--auth", description = "none: anyone may register as anyone (default); jwt: the template's $connect"
      + " authorizer with a development secret; POST /local-auth/token?userId=alice (the page's Sign in) mints a token.")
  LocalChat.Auth auth = defaults.auth();

  @Option(names = "--concurrency", description = "How many events the handler may work on at once; the rest wait"
      + " in order (default: ${DEFAULT-VALUE}).")
  int concurrency = defaults.concurrency();

  @Option(names = "--retention", description = "How long messages are kept, ISO-8601 such as P30D or PT1H, or none to"
      + " keep none (default: ${DEFAULT-VALUE}).")
  String retention = defaults.retention();

  @Option(names = "--allowed-origin", paramLabel = "ORIGIN", description = "An origin such as https://chat.example.com"
      + " whose pages may open WebSockets here besides the runner's own page; repeatable. Upgrades from any other"
      + " Origin get 403; clients that send none (CLI, SDK) are let in.")
  List<String> allowedOrigins = new ArrayList<>(defaults.allowedOrigins());

  @Option(names = "--throttling", negatable = true, description = "Apply the template stage's route throttling"
      + " (DefaultRouteSettings, RouteSettings) as API Gateway does (default: ${DEFAULT-VALUE}); --no-throttling for"
      + " load tests.")
  boolean throttling = defaults.throttling();

  @Option(names = "--messages-per-second", description = "How many messages a second each user may send on average,"
      + " such as 10 or 0.5, or none for no limit (default: the template's, 10).")
  String messagesPerSecond;

  @Option(names = "--message-burst", description = "How many messages a user may send at once after a pause"
      + " (default: the template's, 20).")
  String messageBurst;

  @Option(names = "--log-level", description = "DEBUG, INFO, WARN or ERROR (default: ${DEFAULT-VALUE}).")
  String logLevel = defaults.logLevel();

  @Option(names = "--watch", description = "Run the handlers from the modules' target/classes (run from the"
      + " repository root) and reload them when those change, e.g. after ./mvnw -o -q compile -pl bootstrap:"
      + " open connections are closed with 1012 so clients reconnect; the memory store starts empty again.")
  boolean watch;

  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command as {@code main} runs it. A setting the chat refuses (a missing --redis-url, a template without an
   * authorizer, a port in use) ends with its message and exit code 2, not a stack trace.
   */
  static CommandLine commandLine() {
    return new CommandLine(new LocalChatCommand()).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, command, parsed) -> {
          if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            command.getErr().println("wschat-local: " + e.getMessage());
            return 2;
          }
          throw e;
        });
  }

  /**
   * Every "Lambda container" runs in this one JVM and posts through the SDK's URL-connection client, whose JDK
   * keep-alive cache holds only {@code http.maxConnections} (default 5) idle connections per host: with more events
   * at once, most PostToConnection calls opened a new TCP connection (over 1,000 in TIME-WAIT after one burst of
   * 5,000 messages). One idle connection per integration thread keeps them all reused. In Lambda a
   * container handles one event at a time, so this never matters there. The JDK reads it once, before the first
   * HTTP request; a value the user set wins.
   */
  private static void keepManagementApiConnections(int concurrency) {
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", Integer.toString(Math.max(5, concurrency)));
    }
  }

  /** The Redis URL with its password, however it was given: in memory only, never on the command line. */
  Optional<String> redisUrl() {
    return RedisPassword.effectiveUrl(Optional.ofNullable(redisUrl), Optional.ofNullable(redisPasswordFile),
        environment, spec.commandLine().getErr());
  }

  @Override
  public Integer call() throws InterruptedException {
    if (concurrency < 1) {
      throw new ParameterException(spec.commandLine(), "--concurrency must be at least 1, got " + concurrency);
    }
    keepManagementApiConnections(concurrency);
    List<Path> watched = watch ? HandlerReload.moduleClasses(Path.of("")) : List.of();
    LocalChat chat = LocalChat.start(new LocalChat.Options(host, port, stage, store, redisUrl(),
        table, template, idleTimeout, maxDuration, logLevel, auth, concurrency, retention, allowedOrigins,
        throttling, Optional.ofNullable(messagesPerSecond), Optional.ofNullable(messageBurst)), watched);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("wschat-local: stopping");
      chat.close();
      stopped.countDown();
    }, "wschat-local-shutdown"));
    System.out.println("wschat-local: the chat is running (store " + store.name().toLowerCase() + ", routes "
        + chat.routes() + ")");
    System.out.println("  web chat        " + chat.pageUri());
    System.out.println("  WebSocket       " + chat.webSocketUri());
    System.out.println("  Management API  " + chat.managementEndpoint() + "/@connections/{connectionId}");
    if (auth == LocalChat.Auth.JWT) {
      System.out.println("  sign in         POST " + chat.pageUri().resolve("local-auth/token") + "?userId=alice"
          + " (or the page's Sign in), then connect with ?token=...");
    }
    if (watch) {
      System.out.println("  watching        " + watched + ": recompile (./mvnw -o -q compile -pl <module>) to reload");
    }
    System.out.println("Press Ctrl-C to stop.");
    stopped.await();
    return 0;
  }
}
