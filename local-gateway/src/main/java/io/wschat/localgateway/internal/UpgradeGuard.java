package io.wschat.localgateway.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.LoggerFactory;

/**
 * Checks WebSocket upgrades before the handshake starts.
 * <ul>
 *   <li>An upgrade whose {@code Origin} is neither a loopback page ({@code http} or {@code https} on
 *   {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, any port: the gateway's own page, a dev server of the
 *   same machine, as Vite's dev server allows by default), nor in the allow list, gets 403, so that a web site the
 *   developer happens to visit cannot open a socket to the local API. A request without {@code Origin} is no
 *   browser's (CLI, SDK, tests) and goes through, and so does {@code file://}, which no web site can send.
 *   {@code null} (sandboxed frames, which any site can make, and pages opened from files in Chromium) only when
 *   allow-listed. Each refused origin is reported once, with the allow-list entry that would let it in. API Gateway
 *   itself checks no Origin; this guards the local machine.</li>
 *   <li>An upgrade beyond the $connect route's throttling gets 429, as on API Gateway.</li>
 * </ul>
 */
public final class UpgradeGuard extends Handler.Wrapper {
  /** Where a refused origin is reported: the origin as sent, the status, the allow-list entry that would admit it. */
  @FunctionalInterface
  public interface RefusalListener {
    void refused(String origin, int status, Optional<String> allowedOrigin);
  }

  /** What some browsers send from a page opened from a file on this machine; no web site can send it. */
  private static final String LOCAL_FILE = "file://";

  /** A page served from this machine, as a browser spells its origin; the host is exact, so no look-alike passes. */
  private static final Pattern LOOPBACK =
      Pattern.compile("https?://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:\\d{1,5})?", Pattern.CASE_INSENSITIVE);

  /** An http(s) origin: scheme, host (a name or a bracketed IPv6 address), optional port; nothing else. */
  private static final Pattern WEB_ORIGIN =
      Pattern.compile("(https?)://([^/?#\\s:@\\[\\]]+|\\[[0-9a-f:.]+\\])(?::(\\d{1,5}))?", Pattern.CASE_INSENSITIVE);

  /** Reported origins are remembered so each is reported once; beyond this many, no more are, so memory stays bounded. */
  static final int MAX_REPORTED = 1_000;

  private static final int MAX_SHOWN_LENGTH = 200;

  private final Set<String> allowed;
  private final Gateway gateway;
  private final RefusalListener listener;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  public UpgradeGuard(Gateway gateway, Handler next) {
    super(next);
    this.gateway = gateway;
    this.listener = gateway.settings().refusedOrigins();
    this.allowed = gateway.settings().allowedOrigins().stream().map(UpgradeGuard::canonical)
        .collect(Collectors.toSet());
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!isUpgrade(request)) {
      return super.handle(request, response, callback);
    }
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin != null && !permitted(origin, request)) {
      report(origin);
      AwsErrors.write(response, callback, 403, "ForbiddenException", "Origin " + origin + " is not allowed");
      return true;
    }
    if (gateway.throttled("$connect")) {
      AwsErrors.write(response, callback, 429, "TooManyRequestsException", "Too Many Requests");
      return true;
    }
    return super.handle(request, response, callback);
  }

  private boolean permitted(String origin, Request request) {
    return LOCAL_FILE.equals(origin) || LOOPBACK.matcher(origin.strip()).matches()
        || allowed.contains(canonical(origin)) || sameOrigin(origin, request);
  }

  /** Tells the listener, the first time this origin is refused; before the 403 goes out, so a client sees it first. */
  private void report(String origin) {
    String key = canonical(shown(origin));
    if (reported.size() >= MAX_REPORTED || !reported.add(key)) {
      return;
    }
    try {
      listener.refused(shown(origin), 403, allowedOrigin(origin));
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(UpgradeGuard.class).warn("the refused-origin listener failed", e);
    }
  }

  /**
   * The allow-list entry that admits this origin: scheme and host in lower case, the port unless it is the
   * scheme's default ({@code http://evil.example:80} is {@code http://evil.example}); {@code null} as itself.
   * Empty for anything else, which no entry admits.
   */
  static Optional<String> allowedOrigin(String origin) {
    String value = origin.strip();
    if (value.equals("null")) {
      return Optional.of(value);
    }
    Matcher web = WEB_ORIGIN.matcher(value);
    if (!web.matches()) {
      return Optional.empty();
    }
    String scheme = web.group(1).toLowerCase(Locale.ROOT);
    String port = web.group(3);
    boolean defaultPort = port == null || Integer.parseInt(port) == (scheme.equals("https") ? 443 : 80);
    return Optional.of(scheme + "://" + web.group(2).toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
  }

  /** The header as it may be shown on a console: any client can send any bytes, so no control characters. */
  private static String shown(String origin) {
    String printable = origin.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= MAX_SHOWN_LENGTH ? printable : printable.substring(0, MAX_SHOWN_LENGTH) + "...";
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
