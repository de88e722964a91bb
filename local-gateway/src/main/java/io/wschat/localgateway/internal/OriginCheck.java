package io.wschat.localgateway.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses, with 403, a WebSocket upgrade whose {@code Origin} is neither the gateway's own (the page it serves,
 * same scheme, host and port as the request's {@code Host}) nor in the allow list, so that a web page the
 * developer happens to visit cannot open a socket to the local API. A request without {@code Origin} is no
 * browser's (CLI, SDK, tests) and goes through. API Gateway itself checks no Origin; this guards the local machine.
 */
public final class OriginCheck extends Handler.Wrapper {
  private final Set<String> allowed;

  public OriginCheck(Set<String> allowedOrigins, Handler next) {
    super(next);
    this.allowed = allowedOrigins.stream().map(OriginCheck::canonical).collect(java.util.stream.Collectors.toSet());
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin == null || !isUpgrade(request) || allowed.contains(canonical(origin)) || sameOrigin(origin, request)) {
      return super.handle(request, response, callback);
    }
    AwsErrors.write(response, callback, 403, "ForbiddenException", "Origin " + origin + " is not allowed");
    return true;
  }

  private static boolean isUpgrade(Request request) {
    String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
    return upgrade != null && upgrade.equalsIgnoreCase("websocket")
        || request.getHeaders().get(HttpHeader.SEC_WEBSOCKET_KEY) != null;
  }

  private static boolean sameOrigin(String origin, Request request) {
    String own = (request.isSecure() ? "https" : "http") + "://" + Request.getServerName(request) + ":"
        + Request.getServerPort(request);
    return canonical(origin).equals(canonical(own));
  }

  /** {@code scheme://host:port} in lower case with the default port spelled out; anything unparsable as is. */
  static String canonical(String origin) {
    try {
      URI uri = URI.create(origin.strip());
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    } catch (RuntimeException e) {
      return origin; // "null" (a sandboxed page or a file) or garbage: matches only itself in the allow list
    }
  }
}
