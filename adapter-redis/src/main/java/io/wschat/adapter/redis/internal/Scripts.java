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
   * KEYS: connection key, new owner's set, and on a cluster the previous owner's set once known. ARGV: user id,
   * connection id, TTL in ms, user-key prefix, {@code 1} when every key must be declared (a cluster). The previous
   * owner is found through the connection key: on one server the script reaches their set by name; on a cluster,
   * where a script may touch only declared keys, it answers that owner's name without writing anything, and the
   * caller runs it again with their set as KEYS[3]. Answers 1 when done.
   */
  public static final Script REGISTER = Script.of("register", NOW + """
      local ttl = tonumber(ARGV[3])
      local previous = redis.call('GET', KEYS[1])
      if previous and previous ~= ARGV[1] then
        local set = ARGV[4] .. previous
        if ARGV[5] == '1' and KEYS[3] ~= set then
          return previous
        end
        redis.call('ZREM', set, ARGV[2])
      end
      redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
      redis.call('ZADD', KEYS[2], now + ttl, ARGV[2])
      redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
      local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
      redis.call('PEXPIREAT', KEYS[2], last[2])
      return 1
      """);

  /**
   * KEYS: connection key, and on a cluster the owner's set as last read. ARGV: connection id, user-key prefix.
   * Answers the owner, or nil. On a cluster, an owner whose set is not KEYS[2] (the connection moved since it was
   * read) is answered as {@code {owner}}, a table, with nothing changed, for the caller to try again with their set.
   * The owner's set is changed before the connection key, so nothing is written unless both are.
   */
  public static final Script UNREGISTER = Script.of("unregister", """
      local owner = redis.call('GET', KEYS[1])
      if not owner then
        return false
      end
      local set = ARGV[2] .. owner
      if #KEYS > 1 and KEYS[2] ~= set then
        return {owner}
      end
      redis.call('ZREM', set, ARGV[1])
      redis.call('DEL', KEYS[1])
      return owner
      """);

  /** KEYS: the user's set. Drops expired members, then answers the rest. */
  public static final Script CONNECTIONS_OF = Script.of("connectionsOf", NOW + """
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
      return redis.call('ZRANGE', KEYS[1], 0, -1)
      """);
}
