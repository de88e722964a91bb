package io.wschat.localgateway;

import io.wschat.localgateway.internal.Gateway;
import io.wschat.localgateway.internal.GatewaySettings;
import io.wschat.localgateway.internal.ConnectHandshake;
import io.wschat.localgateway.internal.Diagnostics;
import io.wschat.localgateway.internal.AwsErrors;
import io.wschat.localgateway.internal.LambdaFunction;
import io.wschat.localgateway.internal.ManagementApi;
import io.wschat.localgateway.internal.UpgradeGuard;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A local API Gateway WebSocket API: clients connect to {@code ws://localhost:{port}/{stage}}, routes invoke
 * Lambda handlers in this JVM, and the Management API answers on the same port at
 * {@code http://localhost:{port}/{stage}/@connections/{connectionId}}.
 *
 * <pre>{@code
 * try (var gateway = LocalGateway.builder().port(0).route("$default", handler).build().start()) {
 *   URI uri = gateway.webSocketUri();
 * }
 * }</pre>
 */
public final class LocalGateway implements AutoCloseable {
  private final GatewaySettings settings;
  private final Server server;
  private final ServerConnector connector;
  private final Gateway gateway;

  LocalGateway(GatewaySettings settings, List<ContextHandler> mounts) {
    this.settings = settings;
    this.server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    // Management API requests carry header values that never repeat (signature, date, invocation id): Jetty's
    // header cache filled up and was cleared on almost every post, ~10% of the gateway's CPU under load.
    http.setHeaderCacheSize(0);
    this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    server.addConnector(connector);
    this.gateway = new Gateway(settings, connector::getLocalPort);

    var others = new ContextHandlerCollection(mounts.toArray(ContextHandler[]::new));
    var webSocket = WebSocketUpgradeHandler.from(server, container -> {
      container.setMaxTextMessageSize(settings.maxMessageBytes());
      container.setMaxBinaryMessageSize(settings.maxMessageBytes());
      // A larger frame closes with 1009, as on API Gateway. Jetty's auto-fragmenting would instead split incoming
      // frames too, so it is off, and Connection splits what goes out into frames of at most that size.
      container.setMaxFrameSize(settings.maxFrameBytes());
      container.setAutoFragment(false);
      // Our own timer enforces API Gateway's idle rule; Jetty's only catches sockets that stopped answering.
      container.setIdleTimeout(settings.idleTimeout().plus(Duration.ofSeconds(30)));
      container.addMapping("/" + settings.stage(), new ConnectHandshake(gateway));
    });
    webSocket.setHandler(new Handler.Sequence(new ManagementApi(gateway), gateway.diagnostics(), others));
    server.setHandler(new UpgradeGuard(gateway, webSocket));
    server.setErrorHandler(new AwsErrors());
    // No graceful wait: idle keep-alive HTTP connections (SDK clients) would hold every stop for the full
    // timeout. close() ends the WebSocket sessions itself first.
    server.setStopTimeout(0);
  }

  public static LocalGatewayBuilder builder() {
    return new LocalGatewayBuilder();
  }

  /** Starts listening; returns this, ready for clients. */
  public LocalGateway start() {
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("local gateway could not start on " + settings.host() + ":"
          + settings.port() + ": " + e.getMessage(), e);
    }
    return this;
  }

  /** The port actually bound, which differs from the configured one when that was 0. */
  public int port() {
    return connector.getLocalPort();
  }

  public String stage() {
    return settings.stage();
  }

  public String apiId() {
    return settings.apiId();
  }

  /** Where WebSocket clients connect. */
  public URI webSocketUri() {
    return URI.create("ws://localhost:" + port() + "/" + stage());
  }

  /** The Management API endpoint, for {@code endpointOverride} or {@code --endpoint-url}. */
  public URI managementEndpoint() {
    return URI.create("http://localhost:" + port() + "/" + stage());
  }

  /**
   * {@code http://localhost:{port}/@local/metrics}: JSON counts of the PostToConnection requests answered and the
   * route-response frames sent since the start, e.g. {@code {"postToConnection":2,"routeResponses":0}}. Not part of
   * API Gateway; it answers loopback clients only.
   */
  public URI metricsUri() {
    return URI.create("http://localhost:" + port() + Diagnostics.PATH);
  }

  /** The close code with which {@link #reload} ends the connections open at the time: 1012 Service Restart. */
  public static final int SERVICE_RESTART = 1012;

  /** How long {@link #reload} waits for invocations still running on the replaced handlers. */
  private static final long RELOAD_DRAIN_MILLIS = 30_000;

  /**
   * Puts new handler instances (each a {@code RequestHandler} or {@code RequestStreamHandler}) behind routes, and
   * behind the $connect authorizer if one is given, as a redeploy of their functions would, without a restart:
   * events from now on reach the new ones, invocations already running finish on the old ones (this waits for them),
   * then every connection open at the time is closed with {@value #SERVICE_RESTART} Service Restart, so that its
   * client reconnects to the new code (their $disconnect runs on the new handlers). Returns how many it closed.
   * Nothing changes if a route is unknown or a handler is not a Lambda handler.
   */
  public int reload(Map<String, ?> routeHandlers, Optional<?> authorizerHandler) {
    Map<LambdaFunction, LambdaFunction> replacements = new LinkedHashMap<>();
    routeHandlers.forEach((key, handler) -> {
      var route = settings.routes().get(key);
      if (route == null) {
        throw new IllegalArgumentException("no route " + key + " to reload; routes: " + settings.routes().keySet());
      }
      replacements.put(route.function(), LambdaFunction.of(handler));
    });
    authorizerHandler.ifPresent(handler -> replacements.put(settings.authorizer().orElseThrow(
        () -> new IllegalArgumentException("no $connect authorizer to reload")).function(),
        LambdaFunction.of(handler)));
    replacements.forEach((current, next) -> current.replaceWith(next, RELOAD_DRAIN_MILLIS));
    return gateway.closeOpen(SERVICE_RESTART, "Service Restart");
  }

  /** Closes every connection ($disconnect still runs) and stops the server. */
  @Override
  public void close() {
    try {
      gateway.closeAll(2_000);
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("local gateway did not stop cleanly", e);
    } finally {
      gateway.shutdown();
    }
  }
}
