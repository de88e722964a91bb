package io.wschat.adapter.redis.internal;

/**
 * The Lua scripts behind the registry. Each runs atomically on one Redis, and each takes its clock from the
 * server's TIME, so every client agrees on what has expired. A member of a user's set counts while its score (an
 * expiry in epoch ms) is later than now; the connection's string key carries the same expiry as a TTL.
 */
public final class Scripts {
  private Scripts() {}

  private static final String NOW = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      """;

  /**
   * KEYS: connection key, new owner's set. ARGV: user id, connection id, TTL in ms, user-key prefix. The previous
   * owner's set is found through the connection key, so it cannot be declared in KEYS (see docs/storage.md).
   */
  public static final Script REGISTER = Script.of("register", NOW + """
      local ttl = tonumber(ARGV[3])
      local previous = redis.call('GET', KEYS[1])
      if previous and previous ~= ARGV[1] then
        redis.call('ZREM', ARGV[4] .. previous, ARGV[2])
      end
      redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
      redis.call('ZADD', KEYS[2], now + ttl, ARGV[2])
      redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
      local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
      redis.call('PEXPIREAT', KEYS[2], last[2])
      return 1
      """);

  /** KEYS: connection key. ARGV: connection id, user-key prefix. Answers the owner, or nil. */
  public static final Script UNREGISTER = Script.of("unregister", """
      local owner = redis.call('GET', KEYS[1])
      if not owner then
        return false
      end
      redis.call('DEL', KEYS[1])
      redis.call('ZREM', ARGV[2] .. owner, ARGV[1])
      return owner
      """);

  /** KEYS: the user's set. Drops expired members, then answers the rest. */
  public static final Script CONNECTIONS_OF = Script.of("connectionsOf", NOW + """
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
      return redis.call('ZRANGE', KEYS[1], 0, -1)
      """);
}
