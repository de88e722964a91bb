package io.wschat.localchat;

import io.wschat.adapter.lambda.Subprotocols;
import io.wschat.bootstrap.ChatConfig;
import io.wschat.bootstrap.ConfigurationException;
import io.wschat.localgateway.LocalGateway;
import io.wschat.localgateway.template.TemplateException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code java -jar wschat-local.jar}: the local chat, until Ctrl-C. */
@Command(name = "wschat-local", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the wschat chat on one machine: a local emulator of API Gateway WebSocket APIs with the real"
        + " Lambda handler behind the routes of template.yaml, and a web chat page.")
public final class LocalChatCommand implements Callable<Integer> {
  private final LocalChat.Options defaults = LocalChat.Options.defaults();

  @Option(names = "--port", description = "The port for WebSocket, Management API and web page, 0 to 65535; 0 picks"
      + " a free one, which the start-up lines show (default: ${DEFAULT-VALUE}).")
  int port = defaults.port();

  @Option(names = "--host", description = "The address to bind (default: ${DEFAULT-VALUE}, loopback only).")
  String host = defaults.host();

  @Option(names = "--stage", description = "The stage, the last part of the WebSocket URL (default: ${DEFAULT-VALUE}).")
  String stage = defaults.stage();

  @Option(names = "--store", description = "Where connections are kept: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})."
      + " dynamodb starts an embedded DynamoDB Local and creates the table.")
  LocalChat.Store store = defaults.store();

  @Option(names = "--redis-url", description = "With --store redis: redis://[user@]host:port, or for a Redis Cluster"
      + " redis+cluster://host:port[,host:port...] (one node is enough). The password comes from the environment"
      + " variable REDIS_PASSWORD or --redis-password-file, so that ps does not show it.")
  String redisUrl;

  @Option(names = "--redis-password-file", description = "A file whose first line is the Redis password.")
  Path redisPasswordFile;

  /** Where REDIS_PASSWORD is read; tests replace it. */
  Map<String, String> environment = System.getenv();

  @Option(names = "--table", description = "With --store dynamodb: the table name (default: ${DEFAULT-VALUE}).")
  String table = defaults.table();

  @Option(names = "--dynamodb-endpoint", paramLabel = "URL", description = "With --store dynamodb: an existing"
      + " DynamoDB (Local) such as http://localhost:8000 instead of the embedded one; the tables are created there,"
      + " with a line saying so, only when missing.")
  URI dynamoDbEndpoint;

  @Option(names = "--template", description = "The SAM template whose routes, handler and variables to run (default: ${DEFAULT-VALUE}).")
  Path template = defaults.template();

  @Option(names = "--idle-timeout", converter = DurationConverter.class,
      description = "Close connections idle this long: " + DurationConverter.SYNTAX + " (default: ${DEFAULT-VALUE}).")
  Duration idleTimeout = defaults.idleTimeout();

  @Option(names = "--max-duration", converter = DurationConverter.class,
      description = "Close connections after this long: " + DurationConverter.SYNTAX + " (default: ${DEFAULT-VALUE}).")
  Duration maxDuration = defaults.maxDuration();

  @Option(names = "--auth", description = "none: anyone may register as anyone (default); jwt: the template's $connect"
      + " authorizer with a development secret; POST /local-auth/token?userId=alice (the page's Sign in) mints a token.")
  LocalChat.Auth auth = defaults.auth();

  @Option(names = "--concurrency", description = "How many events the handler may work on at once; the rest wait"
      + " in order (default: ${DEFAULT-VALUE}).")
  int concurrency = defaults.concurrency();

  /** As the handler reads it from MESSAGE_RETENTION: ISO-8601, or none; the converter turns 30d into P30D. */
  @Option(names = "--retention", converter = DurationConverter.Retention.class, description = "How long messages"
      + " are kept: " + DurationConverter.SYNTAX + ", or none to keep none (default: ${DEFAULT-VALUE}).")
  String retention = defaults.retention();

  @Option(names = "--allowed-origin", paramLabel = "ORIGIN", description = "An origin such as https://chat.example.com"
      + " whose pages may open WebSockets here; repeatable. The runner's own page and loopback pages (http or https"
      + " on localhost, 127.0.0.1 or [::1], any port) may without it. Upgrades from any other Origin get 403, with a"
      + " line naming the flag that allows it; null (a page opened from a file, a sandboxed frame) only when given."
      + " Clients that send none (CLI, SDK) are let in.")
  List<String> allowedOrigins = new ArrayList<>(defaults.allowedOrigins());

  // A plain flag, not picocli's negatable --[no-]throttling: with a default of true, picocli reads --no-throttling
  // as "the default" and --throttling as its negation, so the switch load tests use did nothing.
  @Option(names = "--no-throttling", description = "Do not apply the template stage's route throttling"
      + " (DefaultRouteSettings, RouteSettings), which applies by default as API Gateway does; for load tests.")
  boolean noThrottling = !defaults.throttling();

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

  private static final List<String> LOG_LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");
  private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command as {@code main} runs it. A setting the chat refuses (a missing --redis-url, a template without an
   * authorizer, a port in use) ends with its message and exit code 2, not a stack trace.
   */
  static CommandLine commandLine() {
    return new CommandLine(new LocalChatCommand()).setCaseInsensitiveEnumValuesAllowed(true)
        .setDefaultValueProvider(LocalChatCommand::writtenDefault)
        .setParameterExceptionHandler(LocalChatCommand::oneLine)
        .setExecutionExceptionHandler((e, command, parsed) -> {
          if (e instanceof TemplateException) {
            // A YAML parser's message spans lines (a snippet, a caret); one line, naming the flag, is enough here.
            String message = e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
            command.getErr().println("wschat-local: --template: " + message);
            return 2;
          }
          if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
              || e instanceof UncheckedIOException) {
            command.getErr().println("wschat-local: " + e.getMessage());
            return 2;
          }
          throw e;
        });
  }

  /**
   * The defaults of the duration options as users write them ({@code 30d}, not {@code PT720H}), for the help; parsed
   * back by the options' own converters, so the values are still {@link LocalChat.Options#defaults()}.
   */
  private static String writtenDefault(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    LocalChat.Options defaults = LocalChat.Options.defaults();
    return switch (option.longestName()) {
      case "--idle-timeout" -> DurationConverter.format(defaults.idleTimeout());
      case "--max-duration" -> DurationConverter.format(defaults.maxDuration());
      case "--retention" -> DurationConverter.Retention.shown(defaults.retention());
      default -> null;
    };
  }

  /** A bad option: the problem and its hint on one line, then where to read more; not the whole usage. */
  private static int oneLine(ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    StringBuilder line = new StringBuilder("wschat-local: ").append(e.getMessage());
    if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
      line.append(" (did you mean ").append(String.join(" or ", unmatched.getSuggestions())).append("?)");
    }
    err.println(line);
    err.println("Try 'wschat-local --help' for more.");
    return 2;
  }

  /**
   * Refuses settings that cannot work, or that would be ignored without a word, before anything starts: no line is
   * printed and nothing is started for a command line that is refused. Each refusal names the flag.
   */
  private void checkOptions() {
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be 0..65535 (0 picks a free port), got " + port);
    }
    checkGatewaySetting("--stage", () -> LocalGateway.builder().stage(stage));
    allowedOrigins.forEach(origin -> checkGatewaySetting("--allowed-origin",
        () -> LocalGateway.builder().allowedOrigin(origin)));
    if (concurrency < 1) {
      throw new ParameterException(spec.commandLine(), "--concurrency must be at least 1, got " + concurrency);
    }
    if (store != LocalChat.Store.REDIS && (redisUrl != null || redisPasswordFile != null)) {
      throw new ParameterException(spec.commandLine(), (redisUrl != null ? "--redis-url" : "--redis-password-file")
          + " is for --store redis, and the store is " + store.name().toLowerCase(Locale.ROOT)
          + "; add --store redis or leave it out");
    }
    if (store != LocalChat.Store.DYNAMODB && dynamoDbEndpoint != null) {
      throw new ParameterException(spec.commandLine(), "--dynamodb-endpoint is for --store dynamodb, and the store is "
          + store.name().toLowerCase(Locale.ROOT) + "; add --store dynamodb or leave it out");
    }
    if (dynamoDbEndpoint != null && (dynamoDbEndpoint.getScheme() == null || dynamoDbEndpoint.getHost() == null)) {
      throw new ParameterException(spec.commandLine(), "--dynamodb-endpoint must look like http://localhost:8000, got "
          + dynamoDbEndpoint);
    }
    if (!LOG_LEVELS.contains(logLevel.toUpperCase(Locale.ROOT))) {
      throw new ParameterException(spec.commandLine(), "--log-level must be one of " + String.join(", ", LOG_LEVELS)
          + ", got " + logLevel);
    }
    if (!template.equals(defaults.template()) && !Files.isRegularFile(template)) {
      throw new ParameterException(spec.commandLine(), "--template " + template + ": no such file (run from the"
          + " repository, or leave --template out to run the template packed in the jar)");
    }
    checkSendRate();
    checkAddress();
  }

  /** A setting the gateway checks when it is given: its refusal, naming the flag. */
  private void checkGatewaySetting(String flag, Runnable setting) {
    try {
      setting.run();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), flag + ": " + e.getMessage());
    }
  }

  /**
   * The send limit flags become the handler's MESSAGES_PER_SECOND and MESSAGE_BURST, so the handler's own
   * configuration checks them, here before anything starts; its refusal names the flag instead of the variable.
   */
  private void checkSendRate() {
    Map<String, String> flags = new LinkedHashMap<>();
    Map<String, String> variables = new HashMap<>(Map.of(ChatConfig.CHAT_STORE, "memory"));
    if (messagesPerSecond != null) {
      flags.put(ChatConfig.MESSAGES_PER_SECOND, "--messages-per-second");
      variables.put(ChatConfig.MESSAGES_PER_SECOND, messagesPerSecond);
    }
    if (messageBurst != null) {
      flags.put(ChatConfig.MESSAGE_BURST, "--message-burst");
      variables.put(ChatConfig.MESSAGE_BURST, messageBurst);
    }
    try {
      ChatConfig.from(variables);
    } catch (ConfigurationException e) {
      String message = e.getMessage();
      for (Map.Entry<String, String> flag : flags.entrySet()) {
        if (message.startsWith(flag.getKey() + "=")) {
          message = flag.getValue() + " " + message.substring(flag.getKey().length() + 1);
        }
      }
      throw new ParameterException(spec.commandLine(), message);
    }
  }

  /**
   * The address can be listened on: the host is one of this machine's, and the port (unless 0) is free and allowed,
   * rather than Jetty failing to bind once the store and the handlers have started.
   */
  private void checkAddress() {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new ParameterException(spec.commandLine(), "--host " + host + ": no such host");
    }
    try (ServerSocket anyPort = new ServerSocket(0, 1, address)) {
      anyPort.getLocalPort(); // bound: the host is this machine's
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "--host " + host + ": cannot listen there ("
          + e.getMessage() + "); leave --host out for loopback, or 0.0.0.0 for every interface");
    }
    if (port != 0) {
      try (ServerSocket thePort = new ServerSocket(port, 1, address)) {
        thePort.getLocalPort(); // bound: the port is free
      } catch (IOException e) {
        throw new ParameterException(spec.commandLine(), "--port " + port + " on " + host + ": cannot listen there ("
            + e.getMessage() + "); another program may have it: pick another port, or --port 0 for any free one");
      }
    }
  }

  /**
   * The runner's own logging is slf4j-simple, which Jetty and the AWS SDK log through too; it reads its level once,
   * when the first logger is made, which is after this. A level set with -D on the java command line wins.
   */
  private void applyLogLevel() {
    if (System.getProperty(SIMPLE_LOGGER_LEVEL) == null) {
      System.setProperty(SIMPLE_LOGGER_LEVEL, logLevel.toLowerCase(Locale.ROOT));
    }
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

  /** The chat's options as the command line gives them. */
  LocalChat.Options options() {
    return new LocalChat.Options(host, port, stage, store, redisUrl(), table, template, idleTimeout, maxDuration,
        logLevel.toUpperCase(Locale.ROOT), auth, concurrency, retention, allowedOrigins, !noThrottling,
        Optional.ofNullable(messagesPerSecond), Optional.ofNullable(messageBurst));
  }

  /**
   * How to connect with a token, the way docs/deploy.md advises: in the {@code wschat.token.<JWT>} subprotocol
   * (Sec-WebSocket-Protocol), next to {@code wschat}, which keeps it out of URLs and so out of every log of them.
   */
  static List<String> signInLines(LocalChat chat) {
    String tokenUrl = chat.pageUri().resolve(DevelopmentTokens.PATH) + "?userId=alice";
    return List.of(
        "  sign in         POST " + tokenUrl + " (or the page's Sign in) answers {\"token\":\"<JWT>\"}",
        "  connect         with the token in the subprotocol " + Subprotocols.TOKEN_PREFIX + "<JWT>, not in the URL:",
        "                  TOKEN=$(curl -s -X POST '" + tokenUrl + "' | jq -r .token)",
        "                  npx --yes wscat -c " + chat.webSocketUri() + " -s " + Subprotocols.NAME + " -s \""
            + Subprotocols.TOKEN_PREFIX + "$TOKEN\"");
  }

  @Override
  public Integer call() throws InterruptedException {
    checkOptions();
    applyLogLevel();
    keepManagementApiConnections(concurrency);
    List<Path> watched = watch ? HandlerReload.moduleClasses(Path.of("")) : List.of();
    LocalChat chat = LocalChat.start(options(), Optional.ofNullable(dynamoDbEndpoint), watched);
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println("wschat-local: stopping");
      chat.close();
      stopped.countDown();
    }, "wschat-local-shutdown"));
    out.println("wschat-local: the chat is running (store " + store.name().toLowerCase(Locale.ROOT) + ", routes "
        + chat.routes() + ")");
    out.println("  web chat        " + chat.pageUri());
    out.println("  WebSocket       " + chat.webSocketUri());
    out.println("  Management API  " + chat.managementEndpoint() + "/@connections/{connectionId}");
    if (auth == LocalChat.Auth.JWT) {
      signInLines(chat).forEach(out::println);
    }
    if (watch) {
      out.println("  watching        " + watched + ": recompile (./mvnw -o -q compile -pl <module>) to reload");
    }
    out.println("Press Ctrl-C to stop.");
    stopped.await();
    return 0;
  }
}
