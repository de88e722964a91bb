package io.wschat.adapter.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import io.wschat.domain.port.ConnectionRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Everything {@link RedisConnectionRegistry#create(RedisSettings)} needs, and what {@link RedisMessageLog#create}
 * needs besides a clock and a retention. Build it with {@link #fromUrl(String)} and adjust with the
 * {@code with...} methods. The password is never printed: {@link #toString()} and {@link #redactedUrl()} show
 * {@code ***} in its place, and no parse error repeats the URL.
 *
 * @param tls            {@code rediss://}: TLS with the server's host name verified
 * @param cluster        {@code redis+cluster://}: a Redis Cluster (or ElastiCache Serverless), through Jedis's
 *                       cluster client, with every key under one hash tag (see {@link #clusterKeyPrefix()})
 * @param seeds          where to connect: the one server, or the cluster nodes to ask for the rest
 * @param user           the ACL user, or null for the {@code default} user
 * @param password       the password, or null when the server needs none
 * @param connectTimeout how long opening a TCP (and TLS) connection may take
 * @param socketTimeout  how long one command may wait for its answer
 * @param poolMaxWait    how long an operation may wait for a free pooled connection
 * @param poolMaxTotal   how many connections one adapter instance may open (per node on a cluster); one Lambda
 *                       container needs only a few
 * @param keyPrefix      the start of every key, so several apps or stages can share one database
 * @param connectionTtl  how long a connection stays registered unless registered again or unregistered
 */
public record RedisSettings(
    boolean tls,
    boolean cluster,
    List<Seed> seeds,
    String user,
    String password,
    int database,
    Duration connectTimeout,
    Duration socketTimeout,
    Duration poolMaxWait,
    int poolMaxTotal,
    String keyPrefix,
    Duration connectionTtl) {

  /** One {@code host:port} of the URL; an IPv6 host is kept without its brackets. */
  public record Seed(String host, int port) {
    public Seed {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("Redis host must not be blank");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("Redis port must be 1..65535, got " + port);
      }
    }

    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  public static final int DEFAULT_PORT = 6379;
  /** Local or same-VPC Redis connects in about a millisecond; anything near this means it is gone. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(500);
  /** Every command here is O(connections of one user); a healthy server answers in well under a millisecond. */
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMillis(1000);
  public static final Duration DEFAULT_POOL_MAX_WAIT = Duration.ofMillis(1000);
  public static final int DEFAULT_POOL_MAX_TOTAL = 8;
  public static final String DEFAULT_KEY_PREFIX = "wschat:";
  /** How {@link #fromUrl(String, String)} starts its message for a URL that holds a password of its own. */
  public static final String HOLDS_A_PASSWORD = "Redis URL holds a password, and another is given separately";
  /** {@link ConnectionRegistry#REGISTRATION_LIFETIME}. */
  public static final Duration DEFAULT_CONNECTION_TTL = ConnectionRegistry.REGISTRATION_LIFETIME;

  public RedisSettings {
    seeds = List.copyOf(seeds);
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("Redis URL must name a host, as in redis://host:6379");
    }
    if (seeds.size() > 1 && !cluster) {
      throw new IllegalArgumentException("Redis URL names several hosts; for a Redis Cluster write"
          + " redis+cluster://host1:port1,host2:port2 (or rediss+cluster://)");
    }
    if (database < 0) {
      throw new IllegalArgumentException("Redis database must be 0 or more, got " + database);
    }
    if (cluster && database != 0) {
      throw new IllegalArgumentException("Redis Cluster has only database 0; leave the path out of the URL");
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
   * Parses {@code redis://[[user]:password@]host[:port][/database]}, {@code rediss://} for TLS, and for a Redis
   * Cluster {@code redis+cluster://[[user]:password@]host[:port][,host[:port]...]} or {@code rediss+cluster://}:
   * one node is enough (the client asks it for the others), several let it start while one is down. User and
   * password may be percent-encoded. Everything else takes its default.
   *
   * @throws IllegalArgumentException naming what is wrong, never repeating the URL
   */
  public static RedisSettings fromUrl(String url) {
    return parse(url, null);
  }

  /**
   * As {@link #fromUrl(String)}, for a password kept elsewhere (a secret, a file): then {@code rediss://user@host}
   * names the ACL user whose password it is, and a URL that holds a password too is refused.
   *
   * @throws IllegalArgumentException naming what is wrong, never repeating the URL or the password
   */
  public static RedisSettings fromUrl(String url, String password) {
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("Redis password must not be empty");
    }
    return parse(url, password);
  }

  private static RedisSettings parse(String url, String separatePassword) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("Redis URL must not be blank; expected redis://[user:password@]host[:port][/db],"
          + " rediss://..., or redis+cluster://host:port[,host:port...]");
    }
    String text = url.strip();
    int schemeEnd = text.indexOf("://");
    String scheme = schemeEnd < 0 ? "" : text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    boolean cluster = scheme.endsWith("+cluster");
    String base = cluster ? scheme.substring(0, scheme.length() - "+cluster".length()) : scheme;
    if (!base.equals("redis") && !base.equals("rediss")) {
      throw new IllegalArgumentException("Redis URL must start with redis://, rediss://, redis+cluster:// or"
          + " rediss+cluster://");
    }
    String rest = text.substring(schemeEnd + 3);
    int pathStart = indexOfAny(rest, "/?#");
    String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? null : authority.substring(0, at);
    String hosts = authority.substring(at + 1);
    List<Seed> seeds = new ArrayList<>();
    for (String host : hosts.split(",", -1)) {
      // Each seed, with the rest of the URL, must be a URL java.net.URI accepts; its errors never quote the input.
      URI uri = parse(base + "://" + (userInfo == null ? "" : userInfo + "@") + host
          + (pathStart < 0 ? "" : rest.substring(pathStart)));
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("Redis URL must name a host, as in redis://host:6379");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException("Redis URL must not have a query or fragment; timeouts are set separately");
      }
      String name = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
          : uri.getHost();
      int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
      if (port > 65535) {
        throw new IllegalArgumentException("Redis URL port must be 1..65535, got " + port);
      }
      seeds.add(new Seed(name, port));
    }

    String user = null;
    String password = null;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      if (colon < 0 && separatePassword == null) {
        throw new IllegalArgumentException("Redis URL user info must be ':password' or 'user:password'");
      }
      if (colon >= 0 && separatePassword != null) {
        throw new IllegalArgumentException(HOLDS_A_PASSWORD);
      }
      user = colon == 0 ? null : decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user");
      if (colon >= 0) {
        password = decode(userInfo.substring(colon + 1), "password");
        if (password.isEmpty()) {
          throw new IllegalArgumentException("Redis URL has an empty password; leave out the user info instead");
        }
      }
    }
    if (separatePassword != null) {
      password = separatePassword;
    }

    String path = pathStart < 0 ? "" : rest.substring(pathStart);
    int database = 0;
    if (!path.isEmpty() && !path.equals("/")) {
      String digits = path.substring(1);
      if (!digits.matches("[0-9]{1,5}")) {
        throw new IllegalArgumentException("Redis URL path must be a database number, as in redis://host:6379/0");
      }
      database = Integer.parseInt(digits);
    }
    return new RedisSettings(base.equals("rediss"), cluster, seeds, user, password, database,
        DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT, DEFAULT_POOL_MAX_WAIT, DEFAULT_POOL_MAX_TOTAL,
        DEFAULT_KEY_PREFIX, DEFAULT_CONNECTION_TTL);
  }

  /** The first seed's host: the one server, or the first cluster node to ask. */
  public String host() {
    return seeds.get(0).host();
  }

  public int port() {
    return seeds.get(0).port();
  }

  /**
   * The key prefix as the adapters use it. On a cluster, every key must share one hash slot (docs/storage.md says
   * why and what it costs), so a prefix without a hash tag of its own is wrapped in one: {@code wschat:} becomes
   * {@code {wschat:}}. A prefix that already holds a {@code {tag}} is used as it is. On one server, unchanged.
   */
  public String clusterKeyPrefix() {
    return cluster ? tagged(keyPrefix) : keyPrefix;
  }

  /** {@code prefix} if it holds a hash tag as Redis reads one (the first non-empty {@code {...}}), else it wrapped. */
  static String tagged(String prefix) {
    int open = prefix.indexOf('{');
    int close = open < 0 ? -1 : prefix.indexOf('}', open + 1);
    return close > open + 1 ? prefix : "{" + prefix + "}";
  }

  public RedisSettings withTimeouts(Duration connect, Duration socket) {
    return new RedisSettings(tls, cluster, seeds, user, password, database, connect, socket, poolMaxWait, poolMaxTotal,
        keyPrefix, connectionTtl);
  }

  public RedisSettings withPool(int maxTotal, Duration maxWait) {
    return new RedisSettings(tls, cluster, seeds, user, password, database, connectTimeout, socketTimeout, maxWait,
        maxTotal, keyPrefix, connectionTtl);
  }

  /** The same server with this password (for the URL's user, or the default user), from wherever it was kept. */
  public RedisSettings withPassword(String newPassword) {
    if (newPassword == null || newPassword.isEmpty()) {
      throw new IllegalArgumentException("Redis password must not be empty");
    }
    return new RedisSettings(tls, cluster, seeds, user, newPassword, database, connectTimeout, socketTimeout,
        poolMaxWait, poolMaxTotal, keyPrefix, connectionTtl);
  }

  public RedisSettings withKeyPrefix(String prefix) {
    return new RedisSettings(tls, cluster, seeds, user, password, database, connectTimeout, socketTimeout, poolMaxWait,
        poolMaxTotal, prefix, connectionTtl);
  }

  public RedisSettings withConnectionTtl(Duration ttl) {
    return new RedisSettings(tls, cluster, seeds, user, password, database, connectTimeout, socketTimeout, poolMaxWait,
        poolMaxTotal, keyPrefix, ttl);
  }

  /** The URL with the password replaced by {@code ***}: safe to log. */
  public String redactedUrl() {
    String credentials = password == null ? "" : (user == null ? "" : user) + ":***@";
    String hosts = seeds.stream().map(Seed::toString).collect(Collectors.joining(","));
    return (tls ? "rediss" : "redis") + (cluster ? "+cluster" : "") + "://" + credentials + hosts
        + (cluster ? "" : "/" + database);
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

  private static URI parse(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      // getReason() and getIndex() say what is wrong without the input, which may hold the password.
      throw new IllegalArgumentException("Redis URL is not a valid URI: " + e.getReason() + " at index " + e.getIndex());
    }
  }

  private static int indexOfAny(String text, String chars) {
    for (int i = 0; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
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
