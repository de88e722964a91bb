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
 * Checks WebSocket upgrades before the handshake starts.
 * <ul>
 *   <li>An upgrade whose {@code Origin} is neither the gateway's own (the page it serves, same scheme, host and port
 *   as the request's {@code Host}) nor in the allow list gets 403, so that a web page the developer happens to
 *   visit cannot open a socket to the local API. A request without {@code Origin} is no browser's (CLI, SDK,
 *   tests) and goes through, and so does {@code file://}, a page opened from a local file. {@code null} (sandboxed
 *   frames, which any site can make) only when allow-listed. API Gateway itself checks no Origin; this guards the
 *   local machine.</li>
 *   <li>An upgrade beyond the $connect route's throttling gets 429, as on API Gateway.</li>
 * </ul>
 */
public final class UpgradeGuard extends Handler.Wrapper {
  /** What Chromium sends from a page opened from a file on this machine; no web site can send it. */
  private static final String LOCAL_FILE = "file://";

  private final Set<String> allowed;
  private final Gateway gateway;

  public UpgradeGuard(Gateway gateway, Handler next) {
    super(next);
    this.gateway = gateway;
    this.allowed = gateway.settings().allowedOrigins().stream().map(UpgradeGuard::canonical)
        .collect(java.util.stream.Collectors.toSet());
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!isUpgrade(request)) {
      return super.handle(request, response, callback);
    }
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin != null && !LOCAL_FILE.equals(origin) && !allowed.contains(canonical(origin))
        && !sameOrigin(origin, request)) {
      AwsErrors.write(response, callback, 403, "ForbiddenException", "Origin " + origin + " is not allowed");
      return true;
    }
    if (gateway.throttled("$connect")) {
      AwsErrors.write(response, callback, 429, "TooManyRequestsException", "Too Many Requests");
      return true;
    }
    return super.handle(request, response, callback);
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
