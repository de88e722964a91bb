package io.wschat.localchat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.wschat.bootstrap.ChatConfig;
import io.wschat.metrics.Metrics;
import io.wschat.bootstrap.auth.AuthorizerConfig;
import io.wschat.engines.DynamoDbServer;
import io.wschat.localgateway.LocalGateway;
import io.wschat.localgateway.LocalGatewayBuilder;
import io.wschat.localgateway.RefusedOrigin;
import io.wschat.localgateway.template.WebSocketApiTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The whole chat on one machine: the local gateway in front, the real Lambda handler behind every route the
 * template declares, the real Management API client posting back to the gateway, and a real store.
 */
public final class LocalChat implements AutoCloseable {

  public enum Store {
    MEMORY,
    DYNAMODB,
    REDIS
  }

  /** none: no authorizer, anyone may register as anyone; jwt: the template's $connect authorizer, local tokens. */
  public enum Auth {
    NONE,
    JWT
  }

  public record Options(String host, int port, String stage, Store store, Optional<String> redisUrl, String table,
      Path template, Duration idleTimeout, Duration maxDuration, String logLevel, Auth auth, int concurrency,
      String retention, List<String> allowedOrigins, boolean throttling, Optional<String> messagesPerSecond,
      Optional<String> messageBurst) {
    public Options {
      allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** The send limit: empty, the template's (MESSAGES_PER_SECOND and MESSAGE_BURST, 10/s and 20 by default). */
    public static Options defaults() {
      return new Options("127.0.0.1", 8080, "local", Store.MEMORY, Optional.empty(), "wschat-connections",
          Path.of("template.yaml"), Duration.ofMinutes(10), Duration.ofHours(2), "INFO", Auth.NONE,
          LocalGatewayBuilder.DEFAULT_CONCURRENCY, ChatConfig.DEFAULT_RETENTION.toString(), List.of(), true,
          Optional.empty(), Optional.empty());
    }

    /** Pages of these origins, besides the runner's own and loopback pages, may open WebSockets to it. */
    public Options withAllowedOrigins(List<String> newAllowedOrigins) {
      return new Options(host, port, stage, store, redisUrl, table, template, idleTimeout, maxDuration, logLevel,
          auth, concurrency, retention, newAllowedOrigins, throttling, messagesPerSecond, messageBurst);
    }

    /** Whether the template's stage route throttling applies locally (it does by default). */
    public Options withThrottling(boolean newThrottling) {
      return new Options(host, port, stage, store, redisUrl, table, template, idleTimeout, maxDuration, logLevel,
          auth, concurrency, retention, allowedOrigins, newThrottling, messagesPerSecond, messageBurst);
    }

    /** {@code perSecond} as MESSAGES_PER_SECOND ({@code none} for no limit), {@code burst} as MESSAGE_BURST. */
    public Options withSendRate(String perSecond, String burst) {
      return new Options(host, port, stage, store, redisUrl, table, template, idleTimeout, maxDuration, logLevel,
          auth, concurrency, retention, allowedOrigins, throttling, Optional.of(perSecond), Optional.of(burst));
    }

    public Options withPort(int newPort) {
      return new Options(host, newPort, stage, store, redisUrl, table, template, idleTimeout, maxDuration, logLevel,
          auth, concurrency, retention, allowedOrigins, throttling,
          messagesPerSecond, messageBurst);
    }

    public Options withStore(Store newStore, Optional<String> newRedisUrl) {
      return new Options(host, port, stage, newStore, newRedisUrl, table, template, idleTimeout, maxDuration, logLevel,
          auth, concurrency, retention, allowedOrigins, throttling,
          messagesPerSecond, messageBurst);
    }

    public Options withTemplate(Path newTemplate) {
      return new Options(host, port, stage, store, redisUrl, table, newTemplate, idleTimeout, maxDuration, logLevel,
          auth, concurrency, retention, allowedOrigins, throttling,
          messagesPerSecond, messageBurst);
    }

    public Options withIdleTimeout(Duration newIdleTimeout) {
      return new Options(host, port, stage, store, redisUrl, table, template, newIdleTimeout, maxDuration, logLevel,
          auth, concurrency, retention, allowedOrigins, throttling,
          messagesPerSecond, messageBurst);
    }

    public Options withConcurrency(int newConcurrency) {
      return new Options(host, port, stage, store, redisUrl, table, template, idleTimeout, maxDuration, logLevel,
          auth, newConcurrency, retention, allowedOrigins, throttling,
          messagesPerSecond, messageBurst);
    }

    public Options withRetention(String newRetention) {
      return new Options(host, port, stage, store, redisUrl, table, template, idleTimeout, maxDuration, logLevel,
          auth, concurrency, newRetention, allowedOrigins, throttling,
          messagesPerSecond, messageBurst);
    }

    public Options withAuth(Auth newAuth) {
      return new Options(host, port, stage, store, redisUrl, table, template, idleTimeout, maxDuration, logLevel,
          newAuth, concurrency, retention, allowedOrigins, throttling,
          messagesPerSecond, messageBurst);
    }
  }

  /** Settings no template carries, which only the runner can know: where things are on this machine. */
  private static final List<String> LOCAL_ONLY =
      List.of(ChatConfig.WEBSOCKET_CALLBACK_URL, ChatConfig.DYNAMODB_ENDPOINT, AuthorizerConfig.JWT_SECRET);

  private static final String PACKED_TEMPLATE = "/template/template.yaml";
  /** The messages table in the embedded DynamoDB Local; it lives and dies with the runner, so no option names it. */
  static final String MESSAGES_TABLE = "wschat-messages";

  private final LocalGateway gateway;
  private final Set<String> routes;
  private final List<AutoCloseable> resources;

  private LocalChat(LocalGateway gateway, Set<String> routes, List<AutoCloseable> resources) {
    this.gateway = gateway;
    this.routes = routes;
    this.resources = resources;
  }

  public static LocalChat start(Options options) {
    return start(options, Optional.empty(), List.of());
  }

  /**
   * As {@link #start(Options)}; with {@code --store dynamodb}, {@code dynamoDbEndpoint} is an existing DynamoDB
   * (Local) to use instead of the embedded one. The store is checked before this returns.
   */
  public static LocalChat start(Options options, Optional<URI> dynamoDbEndpoint) {
    return start(options, dynamoDbEndpoint, List.of());
  }

  /**
   * As {@link #start(Options, Optional)}; with {@code watchedClasses}, the watch mode: the template's handlers are
   * loaded from these class directories first (the modules' {@code target/classes}), and built anew from them, in a
   * fresh class loader, whenever a class file there changes ({@link HandlerReload}).
   */
  public static LocalChat start(Options options, Optional<URI> dynamoDbEndpoint, List<Path> watchedClasses) {
    WebSocketApiTemplate api = WebSocketApiTemplate.read(templateFile(options.template()));
    if (options.auth() == Auth.JWT && api.authorizer().isEmpty()) { // before the store starts
      throw noAuthorizer(options);
    }
    int port = options.port() == 0 ? freePort(options.host()) : options.port();
    URI callback = URI.create("http://" + hostForUrl(options.host()) + ":" + port + "/" + options.stage());
    List<AutoCloseable> resources = new ArrayList<>();
    Optional<DevelopmentTokens> tokens =
        options.auth() == Auth.JWT ? Optional.of(new DevelopmentTokens()) : Optional.empty();
    try {
      Map<String, String> local = localValues(options, dynamoDbEndpoint, callback, resources);
      tokens.ifPresent(t -> local.putAll(t.authorizerEnvironment()));
      LocalGatewayBuilder builder = LocalGateway.builder()
          .host(options.host())
          .port(port)
          .stage(options.stage())
          .routeSelectionExpression(api.routeSelectionExpression())
          .idleTimeout(options.idleTimeout())
          .maxConnectionDuration(options.maxDuration())
          .concurrency(options.concurrency())
          .classpathFiles("/", "web");
      options.allowedOrigins().forEach(builder::allowedOrigin);
      builder.onRefusedOrigin(LocalChat::refusedOrigin);
      if (options.throttling()) {
        builder.throttling(api.throttling()); // the stage's route throttling, as the template declares it
      }
      // Shared by every generation of handlers (watch mode), so the totals survive a reload.
      PrometheusMetrics metrics = new PrometheusMetrics(options.stage());
      builder.handler(PrometheusMetrics.PATH, metrics.handler());
      Function<ClassLoader, Handlers> build = loader -> Handlers.build(api, options, local, loader, metrics);
      Handlers handlers = build.apply(watchedClasses.isEmpty() ? LocalChat.class.getClassLoader()
          : new ChildFirstClassLoader(watchedClasses, LocalChat.class.getClassLoader()));
      resources.add(handlers);
      handlers.routes().forEach((key, handler) -> {
        if (handler instanceof RequestStreamHandler stream) {
          builder.route(key, stream);
        } else {
          builder.route(key, (RequestHandler<?, ?>) handler);
        }
      });
      // Two-way routes, as the template declares them: their answers come back as route responses.
      api.routeResponses().forEach(builder::routeResponse);
      if (handlers.authorizer().isPresent()) {
        List<String> identitySources = api.authorizer().orElseThrow().identitySources();
        if (handlers.authorizer().get() instanceof RequestStreamHandler stream) {
          builder.authorizer(stream, identitySources);
        } else {
          builder.authorizer((RequestHandler<?, ?>) handlers.authorizer().get(), identitySources);
        }
        builder.handler(DevelopmentTokens.PATH, tokens.orElseThrow().handler());
      }
      LocalGateway gateway = builder.build().start();
      if (!watchedClasses.isEmpty()) {
        resources.remove(handlers); // the reload owns the handlers in service from now on
        resources.add(HandlerReload.start(gateway, watchedClasses, build, handlers));
      }
      return new LocalChat(gateway, new TreeSet<>(api.routes().keySet()), resources);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  /**
   * A browser page of an origin not allowed was refused: one line (the gateway reports each origin once) saying
   * how to allow it, since the browser only shows "WebSocket closed". On stderr, with the runner's other warnings.
   */
  private static void refusedOrigin(RefusedOrigin refused) {
    System.err.println("wschat-local: refused a WebSocket from origin " + refused.origin() + " (" + refused.status()
        + "); " + refused.allowedOrigin().map(origin -> "to allow it, add --allowed-origin " + origin)
            .orElse("it is not an origin (scheme://host[:port]), so no --allowed-origin can allow it"));
  }

  /**
   * One generation of the template's handlers, built from one class loader: by route, the $connect authorizer (with
   * {@code --auth jwt}), and what to close when they leave service. Routes of one function share its instance.
   */
  record Handlers(Map<String, Object> routes, Optional<Object> authorizer, List<AutoCloseable> resources)
      implements AutoCloseable {
    static Handlers build(WebSocketApiTemplate api, Options options, Map<String, String> local, ClassLoader loader,
        Metrics metrics) {
      List<AutoCloseable> resources = new ArrayList<>();
      if (loader instanceof ChildFirstClassLoader own) {
        resources.add(own); // closed last, after the handlers it loaded
      }
      try {
        Map<String, Object> functions = new HashMap<>();
        Map<String, Object> routes = new LinkedHashMap<>();
        api.routes().forEach((key, function) -> routes.put(key, functions.computeIfAbsent(function.logicalId(),
            id -> instantiate(function, environment(function, local), loader, resources, metrics))));
        Optional<Object> authorizer = Optional.empty();
        if (options.auth() == Auth.JWT) {
          WebSocketApiTemplate.Function function = api.authorizer().orElseThrow(() -> noAuthorizer(options))
              .function();
          authorizer = Optional.of(functions.computeIfAbsent(function.logicalId(),
              id -> instantiate(function, environment(function, local), loader, resources, metrics)));
        }
        return new Handlers(routes, authorizer, resources);
      } catch (RuntimeException | LinkageError e) {
        closeAll(resources);
        throw e;
      }
    }

    @Override
    public void close() {
      closeAll(resources);
    }
  }

  private static IllegalArgumentException noAuthorizer(Options options) {
    return new IllegalArgumentException("--auth jwt needs a $connect authorizer, and " + options.template()
        + " declares none");
  }

  /**
   * The template to run: the given file, or, when the default {@code template.yaml} is not in the working
   * directory, the copy of the repository's template that the build packs into this jar.
   */
  private static Path templateFile(Path template) {
    if (Files.exists(template) || !template.equals(Options.defaults().template())) {
      return template;
    }
    try (InputStream packed = LocalChat.class.getResourceAsStream(PACKED_TEMPLATE)) {
      if (packed == null) {
        return template; // reading it reports the missing file
      }
      Path copy = Files.createTempFile("wschat-template", ".yaml");
      copy.toFile().deleteOnExit();
      Files.copy(packed, copy, StandardCopyOption.REPLACE_EXISTING);
      System.out.println("wschat-local: no template.yaml here; running the template packed in this jar");
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the packed template", e);
    }
  }

  /** The values the runner supplies, by variable name; which of them reach a function, the template decides. */
  private static Map<String, String> localValues(Options options, Optional<URI> dynamoDbEndpoint, URI callback,
      List<AutoCloseable> resources) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(ChatConfig.CHAT_STORE, options.store().name().toLowerCase(Locale.ROOT));
    values.put(ChatConfig.LOG_LEVEL, options.logLevel());
    values.put(ChatConfig.WEBSOCKET_CALLBACK_URL, callback.toString());
    values.put(ChatConfig.AUTH_MODE, options.auth().name().toLowerCase(Locale.ROOT));
    values.put(ChatConfig.MESSAGE_RETENTION, options.retention());
    options.messagesPerSecond().ifPresent(rate -> values.put(ChatConfig.MESSAGES_PER_SECOND, rate));
    options.messageBurst().ifPresent(burst -> values.put(ChatConfig.MESSAGE_BURST, burst));
    options.redisUrl().ifPresent(url -> values.put(ChatConfig.REDIS_URL, url));
    if (options.store() == Store.REDIS && options.redisUrl().isEmpty()) {
      throw new IllegalArgumentException("--store redis needs --redis-url redis://host:port");
    }
    if (options.store() == Store.REDIS) {
      StoreCheck.redis(options.redisUrl().orElseThrow());
    }
    if (options.store() == Store.DYNAMODB) {
      URI endpoint = dynamoDbEndpoint.orElseGet(() -> {
        DynamoDbServer dynamo = DynamoDbServer.inProcess();
        resources.add(dynamo);
        System.out.println("wschat-local: embedded DynamoDB Local at " + dynamo.endpoint()
            + " (gone when the runner stops; --dynamodb-endpoint URL uses an existing one)");
        return dynamo.endpoint();
      });
      StoreCheck.dynamoDbTables(endpoint, dynamoDbEndpoint.isPresent() ? "--dynamodb-endpoint" : "embedded",
          options.table(), MESSAGES_TABLE);
      values.put(ChatConfig.CONNECTIONS_TABLE, options.table());
      values.put(ChatConfig.MESSAGES_TABLE, MESSAGES_TABLE);
      values.put(ChatConfig.DYNAMODB_ENDPOINT, endpoint.toString());
    }
    return values;
  }

  /**
   * A function's environment: the names its template declares, valued by the runner where it has a value and
   * otherwise by the template (literals and parameter defaults); plus the local-only settings.
   */
  private static Map<String, String> environment(WebSocketApiTemplate.Function function, Map<String, String> local) {
    Map<String, String> environment = new LinkedHashMap<>();
    function.environment().forEach((name, templateValue) -> {
      String value = local.getOrDefault(name, templateValue.orElse(null));
      if (value != null) {
        environment.put(name, value);
      }
    });
    for (String name : LOCAL_ONLY) {
      if (local.containsKey(name)) {
        environment.put(name, local.get(name));
      }
    }
    return environment;
  }

  /**
   * Builds a handler the template names, from its environment: a (Map, Metrics) constructor, which records into
   * the runner's metrics, else a (Map) one, else a (ChatConfig) one. It is a {@link RequestHandler} or a
   * {@link RequestStreamHandler}, as the Lambda runtime requires.
   */
  private static Object instantiate(WebSocketApiTemplate.Function function, Map<String, String> environment,
      ClassLoader loader, List<AutoCloseable> resources, Metrics metrics) {
    try {
      Class<?> type = Class.forName(function.handlerClass(), true, loader);
      Object handler;
      try {
        handler = type.getConstructor(Map.class, Metrics.class).newInstance(Map.copyOf(environment), metrics);
      } catch (NoSuchMethodException withoutMetrics) {
        handler = instantiate(type, environment, loader);
      }
      if (handler instanceof AutoCloseable closeable) {
        resources.add(closeable);
      }
      if (!(handler instanceof RequestHandler<?, ?>) && !(handler instanceof RequestStreamHandler)) {
        throw new ClassCastException(type.getName() + " implements neither RequestHandler nor RequestStreamHandler");
      }
      return handler;
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new IllegalStateException("the template's handler " + function.handler() + " (function "
          + function.logicalId() + ") refused its settings: " + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("the template's handler " + function.handler() + " (function "
          + function.logicalId() + ") cannot be built here: " + e, e);
    }
  }

  /** A handler that takes no metrics: a (Map) constructor, else a (ChatConfig) one. */
  private static Object instantiate(Class<?> type, Map<String, String> environment, ClassLoader loader)
      throws ReflectiveOperationException {
    try {
      return type.getConstructor(Map.class).newInstance(Map.copyOf(environment));
    } catch (NoSuchMethodException e) {
      Class<?> config = Class.forName(ChatConfig.class.getName(), true, loader); // the loader's own copy
      return type.getConstructor(config).newInstance(config.getMethod("from", Map.class).invoke(null, environment));
    }
  }

  public int port() {
    return gateway.port();
  }

  public URI webSocketUri() {
    return gateway.webSocketUri();
  }

  public URI pageUri() {
    return URI.create("http://" + hostForUrl(gatewayHost()) + ":" + port() + "/");
  }

  public URI managementEndpoint() {
    return gateway.managementEndpoint();
  }

  /** The route keys served, as the template declares them. */
  public Set<String> routes() {
    return routes;
  }

  private String gatewayHost() {
    return gateway.webSocketUri().getHost();
  }

  @Override
  public void close() {
    gateway.close();
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        System.err.println("wschat-local: closing " + resources.get(i) + " failed: " + e);
      }
    }
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
