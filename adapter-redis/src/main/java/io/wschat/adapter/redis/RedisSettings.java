package io.wschat.adapter.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import io.wschat.domain.port.ConnectionRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything {@link RedisConnectionRegistry#create(RedisSettings)} needs, and what {@link RedisMessageLog#create}
 * needs besides a clock and a retention. Build it with {@link #fromUrl(String)} and adjust with the
 * {@code with...} methods. The password is never printed: {@link #toString()} and {@link #redactedUrl()} show
 * {@code ***} in its place, and no parse error repeats the URL.
 *
 * @param tls            {@code rediss://}: TLS with the server's host name verified
 * @param user           the ACL user, or null for the {@code default} user
 * @param password       the password, or null when the server needs none
 * @param connectTimeout how long opening a TCP (and TLS) connection may take
 * @param socketTimeout  how long one command may wait for its answer
 * @param poolMaxWait    how long an operation may wait for a free pooled connection
 * @param poolMaxTotal   how many connections one adapter instance may open; one Lambda container needs only a few
 * @param keyPrefix      the start of every key, so several apps or stages can share one database
 * @param connectionTtl  how long a connection stays registered unless registered again or unregistered
 */
public record RedisSettings(
    boolean tls,
    String host,
    int port,
    String user,
    String password,
    int database,
    Duration connectTimeout,
    Duration socketTimeout,
    Duration poolMaxWait,
    int poolMaxTotal,
    String keyPrefix,
    Duration connectionTtl) {

  public static final int DEFAULT_PORT = 6379;
  /** Local or same-VPC Redis connects in about a millisecond; anything near this means it is gone. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(500);
  /** Every command here is O(connections of one user); a healthy server answers in well under a millisecond. */
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMillis(1000);
  public static final Duration DEFAULT_POOL_MAX_WAIT = Duration.ofMillis(1000);
  public static final int DEFAULT_POOL_MAX_TOTAL = 8;
  public static final String DEFAULT_KEY_PREFIX = "wschat:";
  /** {@link ConnectionRegistry#REGISTRATION_LIFETIME}. */
  public static final Duration DEFAULT_CONNECTION_TTL = ConnectionRegistry.REGISTRATION_LIFETIME;

  public RedisSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("Redis host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("Redis port must be 1..65535, got " + port);
    }
    if (database < 0) {
      throw new IllegalArgumentException("Redis database must be 0 or more, got " + database);
    }
    if (user != null && password == null) {
      throw new IllegalArgumentException("a Redis ACL user needs a password");
    }
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("socketTimeout", socketTimeout);
    requirePositive("poolMaxWait", poolMaxWait);
    requirePositive("connectionTtl", connectionTtl);
    if (poolMaxTotal < 1) {
      throw new IllegalArgumentException("Redis poolMaxTotal must be at least 1, got " + poolMaxTotal);
    }
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    if (keyPrefix.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("Redis key prefix must not contain whitespace");
    }
  }

  /**
   * Parses {@code redis://[[user]:password@]host[:port][/database]} or the same with {@code rediss://} for TLS.
   * User and password may be percent-encoded. Everything else takes its default.
   *
   * @throws IllegalArgumentException naming what is wrong, never repeating the URL
   */
  public static RedisSettings fromUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("Redis URL must not be blank; expected redis://[user:password@]host[:port][/db]"
          + " or rediss://...");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      // getReason() and getIndex() say what is wrong without the input, which may hold the password.
      throw new IllegalArgumentException("Redis URL is not a valid URI: " + e.getReason() + " at index " + e.getIndex());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw new IllegalArgumentException("Redis URL must start with redis:// or rediss://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("Redis URL must name a host, as in redis://host:6379");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("Redis URL must not have a query or fragment; timeouts are set separately");
    }
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();

    String user = null;
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("Redis URL user info must be ':password' or 'user:password'");
      }
      user = colon == 0 ? null : decode(userInfo.substring(0, colon), "user");
      password = decode(userInfo.substring(colon + 1), "password");
      if (password.isEmpty()) {
        throw new IllegalArgumentException("Redis URL has an empty password; leave out the user info instead");
      }
    }

    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    int database = 0;
    if (!path.isEmpty() && !path.equals("/")) {
      String digits = path.substring(1);
      if (!digits.matches("[0-9]{1,5}")) {
        throw new IllegalArgumentException("Redis URL path must be a database number, as in redis://host:6379/0");
      }
      database = Integer.parseInt(digits);
    }
    return new RedisSettings(scheme.equals("rediss"), host, port, user, password, database,
        DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT, DEFAULT_POOL_MAX_WAIT, DEFAULT_POOL_MAX_TOTAL,
        DEFAULT_KEY_PREFIX, DEFAULT_CONNECTION_TTL);
  }

  public RedisSettings withTimeouts(Duration connect, Duration socket) {
    return new RedisSettings(tls, host, port, user, password, database, connect, socket, poolMaxWait, poolMaxTotal,
        keyPrefix, connectionTtl);
  }

  public RedisSettings withPool(int maxTotal, Duration maxWait) {
    return new RedisSettings(tls, host, port, user, password, database, connectTimeout, socketTimeout, maxWait,
        maxTotal, keyPrefix, connectionTtl);
  }

  /** The same server with this password (for the URL's user, or the default user), from wherever it was kept. */
  public RedisSettings withPassword(String newPassword) {
    if (newPassword == null || newPassword.isEmpty()) {
      throw new IllegalArgumentException("Redis password must not be empty");
    }
    return new RedisSettings(tls, host, port, user, newPassword, database, connectTimeout, socketTimeout, poolMaxWait,
        poolMaxTotal, keyPrefix, connectionTtl);
  }

  public RedisSettings withKeyPrefix(String prefix) {
    return new RedisSettings(tls, host, port, user, password, database, connectTimeout, socketTimeout, poolMaxWait,
        poolMaxTotal, prefix, connectionTtl);
  }

  public RedisSettings withConnectionTtl(Duration ttl) {
    return new RedisSettings(tls, host, port, user, password, database, connectTimeout, socketTimeout, poolMaxWait,
        poolMaxTotal, keyPrefix, ttl);
  }

  /** The URL with the password replaced by {@code ***}: safe to log. */
  public String redactedUrl() {
    String credentials = password == null ? "" : (user == null ? "" : user) + ":***@";
    String hostPart = host.contains(":") ? "[" + host + "]" : host;
    return (tls ? "rediss" : "redis") + "://" + credentials + hostPart + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "RedisSettings[url=" + redactedUrl()
        + ", connectTimeout=" + connectTimeout.toMillis() + "ms"
        + ", socketTimeout=" + socketTimeout.toMillis() + "ms"
        + ", poolMaxWait=" + poolMaxWait.toMillis() + "ms"
        + ", poolMaxTotal=" + poolMaxTotal
        + ", keyPrefix=" + keyPrefix
        + ", connectionTtl=" + connectionTtl + "]";
  }

  private static String decode(String raw, String what) {
    try {
      // URLDecoder reads '+' as a space, which URIs do not; keep it a plus.
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // The decoder's own message quotes the input.
      throw new IllegalArgumentException("Redis URL " + what + " has a bad percent-escape");
    }
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.toMillis() < 1 || value.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Redis " + name + " must be at least 1 ms, got " + value);
    }
  }
}
