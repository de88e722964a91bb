package io.wschat.localgateway;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.wschat.localgateway.internal.AccessLog;
import io.wschat.localgateway.internal.GatewaySettings;
import io.wschat.localgateway.internal.IdentitySource;
import io.wschat.localgateway.internal.Ids;
import io.wschat.localgateway.internal.LambdaFunction;
import io.wschat.localgateway.internal.RequestAuthorizer;
import io.wschat.localgateway.internal.Route;
import io.wschat.localgateway.internal.RouteSelector;
import io.wschat.localgateway.template.WebSocketApiTemplate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.slf4j.LoggerFactory;

/**
 * Configures a {@link LocalGateway}. Defaults match a fresh API Gateway WebSocket API on stage {@code local}. Beyond
 * what API Gateway serves, every gateway answers {@code GET /@local/metrics} to loopback clients with its counts of
 * PostToConnection requests and route-response frames ({@link LocalGateway#metricsUri()}), for benchmarks.
 */
public final class LocalGatewayBuilder {
  /** API Gateway's quota on message and PostToConnection payloads. */
  static final int MAX_MESSAGE_BYTES = 128 * 1024;

  /**
   * API Gateway's quota on one WebSocket frame: a longer message must come in several frames, and a larger frame
   * closes the connection with 1009; what is posted to a client goes out in frames of at most this size.
   */
  static final int MAX_FRAME_BYTES = 32 * 1024;

  /**
   * How many integrations run at once unless told otherwise. Every "Lambda container" lives in this one JVM, so
   * more threads than this only add context switches: with 1,000 clients a thread per busy connection ran no more
   * messages per second and had a p99 four times as long (docs/performance.md).
   */
  public static final int DEFAULT_CONCURRENCY = 64;

  /**
   * How many received messages one connection may have waiting or running before the gateway stops reading its
   * socket. A few hundred: a client far ahead of its integration waits in TCP instead of in the heap.
   */
  public static final int DEFAULT_INBOUND_QUEUE = 256;

  /**
   * How many bytes posted to one connection may wait for its client to read them; a PostToConnection beyond that
   * answers 429 LimitExceededException, as API Gateway does when the client-side buffer is full.
   */
  public static final long DEFAULT_OUTBOUND_BUFFER = 4L * 1024 * 1024;

  private String host = "127.0.0.1";
  private int port = 8080;
  private String stage = "local";
  private String apiId;
  private final Map<String, LambdaFunction> integrations = new LinkedHashMap<>();
  private final Set<String> routeResponses = new HashSet<>();
  private RequestAuthorizer authorizer;
  private String routeSelectionExpression = "$request.body.action";
  private Duration idleTimeout = Duration.ofMinutes(10);
  private Duration maxConnectionDuration = Duration.ofHours(2);
  private int concurrency = DEFAULT_CONCURRENCY;
  private int inboundQueue = DEFAULT_INBOUND_QUEUE;
  private long outboundBuffer = DEFAULT_OUTBOUND_BUFFER;
  private final Set<String> allowedOrigins = new HashSet<>();
  private WebSocketApiTemplate.Throttling throttling = WebSocketApiTemplate.Throttling.NONE;
  private Consumer<String> accessLog = System.out::println;
  private Consumer<RefusedOrigin> refusedOrigins = LocalGatewayBuilder::logRefusedOrigin;
  private final List<ContextHandler> mounts = new ArrayList<>();

  LocalGatewayBuilder() {}

  /** 0 picks a free port; read it back with {@link LocalGateway#port()}. */
  public LocalGatewayBuilder port(int port) {
    this.port = port;
    return this;
  }

  /** The address to bind, loopback by default. "0.0.0.0" exposes the gateway to the network. */
  public LocalGatewayBuilder host(String host) {
    this.host = host;
    return this;
  }

  /** Letters, digits, '-' or '_'; refused at once otherwise. */
  public LocalGatewayBuilder stage(String stage) {
    this.stage = GatewaySettings.checkStage(stage);
    return this;
  }

  /** Defaults to one derived from the stage, so it is the same on every start. */
  public LocalGatewayBuilder apiId(String apiId) {
    this.apiId = apiId;
    return this;
  }

  /** A route whose Lambda proxy integration is this handler. It is invoked concurrently, so must be thread-safe. */
  public LocalGatewayBuilder route(String routeKey, RequestHandler<?, ?> handler) {
    integrations.put(routeKey, LambdaFunction.of(handler));
    return this;
  }

  public LocalGatewayBuilder route(String routeKey, RequestStreamHandler handler) {
    integrations.put(routeKey, LambdaFunction.of(handler));
    return this;
  }

  /** A route whose handler is named as Lambda names it: {@code com.example.Handler[::handleRequest]}. */
  public LocalGatewayBuilder route(String routeKey, String handlerClassName) {
    integrations.put(routeKey, LambdaFunction.ofHandlerString(handlerClassName,
        Thread.currentThread().getContextClassLoader()));
    return this;
  }

  /**
   * A Lambda REQUEST authorizer on $connect, as API Gateway runs it. Each identity source, in API Gateway's syntax
   * ({@code route.request.querystring.token}, {@code route.request.header.Auth}), must be present and non-empty,
   * or the handshake gets 401 without the authorizer running. The authorizer answers with an IAM policy for the
   * $connect method ARN ({@code arn:aws:execute-api:us-east-1:123456789012:{apiId}/{stage}/$connect}); an
   * exception whose message is {@code Unauthorized} gives 401, a denial or a missing principal 403, any other
   * exception 500. Once allowed, its context and principalId reach every event of the connection as
   * {@code requestContext.authorizer}. No identity sources means the authorizer runs on every connect.
   */
  public LocalGatewayBuilder authorizer(RequestHandler<?, ?> handler, List<String> identitySources) {
    return authorizer(LambdaFunction.of(handler), identitySources);
  }

  public LocalGatewayBuilder authorizer(RequestStreamHandler handler, List<String> identitySources) {
    return authorizer(LambdaFunction.of(handler), identitySources);
  }

  /** An authorizer whose handler is named as Lambda names it: {@code com.example.Authorizer[::handleRequest]}. */
  public LocalGatewayBuilder authorizer(String handlerClassName, List<String> identitySources) {
    return authorizer(LambdaFunction.ofHandlerString(handlerClassName,
        Thread.currentThread().getContextClassLoader()), identitySources);
  }

  private LocalGatewayBuilder authorizer(LambdaFunction function, List<String> identitySources) {
    this.authorizer = new RequestAuthorizer(function, identitySources.stream().map(IdentitySource::parse).toList());
    return this;
  }

  /**
   * Makes a route two-way, as a route response with key {@code $default} does: the integration's {@code body}, if
   * any, goes back to the caller as one frame, after the frames the invocation posted to it, whatever the status.
   * {@code $connect} and {@code $disconnect} cannot have one: API Gateway never sends them a body.
   */
  public LocalGatewayBuilder routeResponse(String routeKey) {
    if ("$connect".equals(routeKey) || "$disconnect".equals(routeKey)) {
      throw new IllegalArgumentException(routeKey + " cannot have a route response: API Gateway sends no body on "
          + routeKey + " (only $connect's status code decides the handshake)");
    }
    routeResponses.add(routeKey);
    return this;
  }

  /** Of the form {@code $request.body.<dotted.path>}; defaults to {@code $request.body.action}. */
  public LocalGatewayBuilder routeSelectionExpression(String expression) {
    this.routeSelectionExpression = expression;
    return this;
  }

  public LocalGatewayBuilder idleTimeout(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
    return this;
  }

  public LocalGatewayBuilder maxConnectionDuration(Duration maxConnectionDuration) {
    this.maxConnectionDuration = maxConnectionDuration;
    return this;
  }

  /**
   * How many integrations may run at the same time, like a function's reserved concurrency; the rest wait in
   * arrival order (Lambda would throttle them instead). One connection's messages still run one at a time.
   */
  public LocalGatewayBuilder concurrency(int concurrency) {
    this.concurrency = concurrency;
    return this;
  }

  /**
   * The most received messages one connection may have waiting or running; while it has that many, its socket is
   * not read (TCP back-pressure on the client) and nothing is dropped. {@value #DEFAULT_INBOUND_QUEUE} by default.
   */
  public LocalGatewayBuilder inboundQueue(int messages) {
    this.inboundQueue = messages;
    return this;
  }

  /**
   * The most bytes posted to one connection that may wait for its client to read them (4 MiB by default). A post
   * that does not fit answers 429 LimitExceededException; an empty buffer takes any post up to the 128 KB quota.
   */
  public LocalGatewayBuilder outboundBuffer(long bytes) {
    this.outboundBuffer = bytes;
    return this;
  }

  /**
   * An origin, such as {@code https://chat.example.com}, whose pages may open WebSockets here. Pages of the
   * gateway's own origin and of any loopback origin ({@code http} or {@code https} on {@code localhost},
   * {@code 127.0.0.1} or {@code [::1]}, any port: a dev server on this machine, as Vite's allows) may by default;
   * upgrades from any other {@code Origin} get 403. Requests without one (not from a browser) are let through.
   * {@code null}, what sandboxed frames of any site send, and Chromium for a page opened from a file, is refused
   * unless given here. May be called several times.
   */
  public LocalGatewayBuilder allowedOrigin(String origin) {
    if (origin == null || !origin.matches("(?i)https?://[^/?#\\s]+") && !origin.equals("null")) {
      throw new IllegalArgumentException("an origin is scheme://host[:port], such as https://chat.example.com,"
          + " with no path (or null, what sandboxed frames send); got " + origin);
    }
    allowedOrigins.add(origin);
    return this;
  }

  /**
   * Called once per origin (its first refusal; at most 1,000 origins) when a browser's WebSocket upgrade is refused
   * for its {@code Origin}, before the 403 goes out, on a server thread: so that a tool built on the gateway can
   * tell its user which of its own settings would allow it. By default, a WARN line through slf4j.
   */
  public LocalGatewayBuilder onRefusedOrigin(Consumer<RefusedOrigin> listener) {
    this.refusedOrigins = java.util.Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * The stage's route throttling, as API Gateway applies it: a token bucket per route (its own limit, or the
   * stage's default route limit). A message beyond it is not routed; its client gets the error frame
   * {@code {"message":"Too Many Requests","connectionId":...,"requestId":...}}. A $connect beyond it is refused
   * with 429. None by default; {@link WebSocketApiTemplate#throttling()} reads it from a template.
   */
  public LocalGatewayBuilder throttling(WebSocketApiTemplate.Throttling throttling) {
    this.throttling = java.util.Objects.requireNonNull(throttling, "throttling");
    return this;
  }

  /** Where the one-line-per-connection-event access log goes; stdout by default. */
  public LocalGatewayBuilder accessLog(Consumer<String> sink) {
    this.accessLog = sink;
    return this;
  }

  /** Serves the files of a directory under a path, e.g. a web client at "/". */
  public LocalGatewayBuilder staticFiles(String path, Path directory) {
    var files = new ResourceHandler();
    files.setBaseResource(ResourceFactory.of(files).newResource(directory));
    files.setWelcomeFiles(List.of("index.html"));
    return handler(path, files);
  }

  /** Serves class path resources under a path, e.g. a web client packaged in the jar. */
  public LocalGatewayBuilder classpathFiles(String path, String resourceDirectory) {
    var files = new ResourceHandler();
    var base = ResourceFactory.of(files).newClassLoaderResource(resourceDirectory);
    if (base == null) {
      throw new IllegalArgumentException("no class path resource " + resourceDirectory);
    }
    files.setBaseResource(base);
    files.setWelcomeFiles(List.of("index.html"));
    return handler(path, files);
  }

  /** Any other Jetty handler under a path; the stage's WebSocket and Management API paths take precedence. */
  public LocalGatewayBuilder handler(String path, Handler handler) {
    var context = new ContextHandler(handler, path);
    context.setAllowNullPathInContext(true); // "/api" itself reaches the handler, not a redirect to "/api/"
    mounts.add(context);
    return this;
  }

  public LocalGateway build() {
    Map<String, Route> routes = new LinkedHashMap<>();
    integrations.forEach((key, function) -> routes.put(key, new Route(key, function, routeResponses.contains(key))));
    if (!integrations.keySet().containsAll(routeResponses)) {
      throw new IllegalArgumentException("route responses for routes that do not exist: " + routeResponses);
    }
    Consumer<RefusedOrigin> listener = refusedOrigins;
    var settings = new GatewaySettings(host, port, stage, apiId == null ? Ids.apiId(stage) : apiId, routes,
        Optional.ofNullable(authorizer), RouteSelector.parse(routeSelectionExpression), idleTimeout,
        maxConnectionDuration, MAX_MESSAGE_BYTES, concurrency, new AccessLog(accessLog), inboundQueue, outboundBuffer,
        MAX_FRAME_BYTES, allowedOrigins, (origin, status, allowed) -> listener.accept(
            new RefusedOrigin(origin, status, allowed)), throttling);
    return new LocalGateway(settings, List.copyOf(mounts));
  }

  private static void logRefusedOrigin(RefusedOrigin refused) {
    LoggerFactory.getLogger(LocalGateway.class).warn("Refused a WebSocket upgrade from origin {} ({}); {}",
        refused.origin(), refused.status(), refused.allowedOrigin()
            .map(origin -> "allowedOrigin(\"" + origin + "\") would allow it").orElse("it is no origin"));
  }
}
