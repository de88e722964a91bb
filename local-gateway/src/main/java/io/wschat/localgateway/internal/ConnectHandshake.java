package io.wschat.localgateway.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Decides an upgrade the way API Gateway does: $connect runs during the handshake, and its status code is
 * the answer. A REQUEST authorizer, when the API has one, runs here first: $connect only runs once it allows.
 * This runs on a Jetty worker thread (our handlers are BLOCKING), never on a selector.
 */
public final class ConnectHandshake implements WebSocketCreator {
  private final Gateway gateway;

  public ConnectHandshake(Gateway gateway) {
    this.gateway = gateway;
  }

  /**
   * A handshake counts from its first byte, not from $connect's answer: closeAll() then waits for every handshake
   * under way, which either opens (and is closed with 1001) or is refused. Once closing, new ones are refused.
   */
  @Override
  public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
    if (!gateway.handshakeStarted()) {
      return reject(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503);
    }
    Object endpoint = null;
    try {
      endpoint = decide(request, response, callback);
      return endpoint;
    } finally {
      if (endpoint == null) {
        gateway.handshakeEnded();
      }
    }
  }

  private Object decide(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
    String userAgent = request.getHeaders().get(HttpHeader.USER_AGENT);
    var connection = new Connection(Ids.next(), System.currentTimeMillis(), Request.getRemoteAddr(request),
        userAgent == null ? "" : userAgent, gateway.pool());
    String requestId = Ids.next();
    Map<String, List<String>> headers = headers(request);
    var query = QueryString.of(Request.extractQueryParameters(request, StandardCharsets.UTF_8));
    var authorizer = gateway.authorizer();
    if (authorizer.isEmpty()) {
      Connected connected = connect(connection, headers, query, requestId);
      gateway.accessLog().connect(connection.id(), requestId, connection.sourceIp(), connected.status());
      return accept(connected, connection, response, callback);
    }
    long started = System.nanoTime();
    Authorization authorization = authorizer.get().authorize(gateway.events(), connection, headers, query, requestId);
    long latency = (System.nanoTime() - started) / 1_000_000;
    Connected connected = new Connected(authorization.status(), null);
    if (authorization instanceof Authorization.Allowed allowed) {
      connection.authorized(allowed.authorizer());
      connected = connect(connection, headers, query, requestId);
    }
    gateway.accessLog().connect(connection.id(), requestId, connection.sourceIp(), connected.status(), authorization,
        latency);
    return accept(connected, connection, response, callback);
  }

  /**
   * $connect's answer: its status, and the {@code Sec-WebSocket-Protocol} its integration response named, which API
   * Gateway answers the handshake with (and nothing when it named none: a browser that offered one then fails).
   */
  private record Connected(int status, String subprotocol) {}

  private Object accept(Connected connected, Connection connection, ServerUpgradeResponse response,
      Callback callback) {
    if (!accepted(connected.status())) {
      return reject(response, callback, connected.status());
    }
    if (connected.subprotocol() != null) {
      response.setAcceptedSubProtocol(connected.subprotocol());
    }
    // API Gateway negotiates no extension: with Jetty's permessage-deflate accepted, browsers compressed their
    // frames and a 16 KB message was closed with 1009 against the 32 KB frame quota.
    response.setExtensions(List.of());
    return endpoint(connection);
  }

  private GatewayEndpoint endpoint(Connection connection) {
    return new GatewayEndpoint(gateway, connection);
  }

  /** $connect's answer; an API without a $connect route accepts every connection. */
  private Connected connect(Connection connection, Map<String, List<String>> headers, QueryString query,
      String requestId) {
    return gateway.route("$connect").map(route -> {
      var event = gateway.events().connect(connection, headers, query, requestId);
      return Invocation.of(route.function(), event) instanceof Invocation.Returned r
          ? new Connected(r.statusCode(), r.header(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL.asString()).orElse(null))
          : new Connected(500, null);
    }).orElse(new Connected(200, null));
  }

  private static boolean accepted(int status) {
    return status >= 200 && status <= 299;
  }

  private static Object reject(ServerUpgradeResponse response, Callback callback, int status) {
    String reason = HttpStatus.getMessage(status);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    byte[] body = Json.object().put("message", reason).toString().getBytes(StandardCharsets.UTF_8);
    response.write(true, ByteBuffer.wrap(body), callback);
    return null;
  }

  /** The client's headers plus the ones API Gateway's edge adds. */
  private Map<String, List<String>> headers(Request request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
    }
    headers.putIfAbsent("X-Amzn-Trace-Id", List.of("Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
        + "-" + Ids.next().replaceAll("[^A-Za-z0-9]", "").toLowerCase()));
    headers.putIfAbsent("X-Forwarded-For", List.of(Request.getRemoteAddr(request)));
    headers.putIfAbsent("X-Forwarded-Port", List.of(String.valueOf(Request.getLocalPort(request))));
    headers.putIfAbsent("X-Forwarded-Proto", List.of(request.isSecure() ? "https" : "http"));
    return headers;
  }
}
