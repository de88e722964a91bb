package io.wschat.adapter.redis.internal;

/**
 * The Lua scripts behind the message log. Each runs atomically on one Redis, so an append's position and its
 * message appear together: a message is visible only once every earlier one of its conversation is. Time comes
 * from the adapter's clock as a cutoff in ARGV 1 to 3 ({@link Retention#cutoff}), not from the server's TIME.
 * {@code pending} and {@code conversations} read conversation keys named by a user's index. On one server they
 * reach them by name; on a cluster, where a script may touch only the keys it declares, the caller reads the index
 * first and declares them ({@link #declared}), and the script skips any conversation the index gained since.
 */
public final class LogScripts {
  private LogScripts() {}

  /** Reading entries ({@link LogEntries}) and walking a log in batches by position. */
  private static final String LIB = """
      local CUT_S, CUT_N = tonumber(ARGV[1]), tonumber(ARGV[2])
      local BATCH = 100
      local function fields(m)
        local pos, s, n, to, len, at = string.match(m, '^(%d+)|(%-?%d+)|(%d+)|[^|]*|([^|]*)|(%d+)|()')
        return tonumber(pos), tonumber(s), tonumber(n), to, string.sub(m, at, at + tonumber(len) - 1)
      end
      local function live(m)
        local _, s, n = fields(m)
        return s > CUT_S or (s == CUT_S and n > CUT_N)
      end
      -- KEYS[2..] as a set: the conversation hashes (and logs) the caller declared, on a cluster.
      local function declared()
        local set = {}
        for i = 2, #KEYS do set[KEYS[i]] = true end
        return set
      end
      local function each(log, rev, from, to, take)
        local command = rev and 'ZREVRANGEBYSCORE' or 'ZRANGEBYSCORE'
        while true do
          local batch = redis.call(command, log, from, to, 'LIMIT', 0, BATCH)
          for _, m in ipairs(batch) do
            if not take(m) then return end
          end
          if #batch < BATCH then return end
          from = '(' .. fields(batch[#batch])
        end
      end
      """;

  /**
   * KEYS: conversation hash, its log, the sender's conversations, the recipient's conversations, the recipient's
   * inbox. ARGV 4..: message id, entry body, sentAt in ms, key TTL in ms, conversation key. Answers
   * {duplicate (0 or 1), entry}. An id whose message expired is free again. Keeps the recipient's last two
   * incoming positions, {@code li:<user>} and {@code pi:<user>}, for {@link #DELIVERED_LIVE}.
   */
  public static final Script APPEND = Script.of("append", LIB + """
      local hash, log = KEYS[1], KEYS[2]
      local idField = 'i:' .. ARGV[4]
      local known = redis.call('HGET', hash, idField)
      if known then
        local m = redis.call('ZRANGEBYSCORE', log, known, known)[1]
        if m and live(m) then
          return {1, m}
        end
        if m then
          redis.call('ZREM', log, m)
        end
      end
      for _ = 1, BATCH do
        local first = redis.call('ZRANGE', log, 0, 0)[1]
        if not first or live(first) then break end
        redis.call('ZREM', log, first)
        local _, _, _, _, id = fields(first)
        redis.call('HDEL', hash, 'i:' .. id)
      end
      local position = redis.call('HINCRBY', hash, 'seq', 1)
      local m = position .. '|' .. ARGV[5]
      redis.call('ZADD', log, position, m)
      local _, _, _, to = fields(m)
      local lastIn = 'li:' .. to
      redis.call('HSET', hash, idField, position, 'pi:' .. to, redis.call('HGET', hash, lastIn) or '0',
        lastIn, position)
      for i = 3, 5 do
        redis.call('ZADD', KEYS[i], 'GT', ARGV[6], ARGV[8])
        redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. ARGV[3])
      end
      local ttl = tonumber(ARGV[7])
      for i = 1, 5 do
        if redis.call('PTTL', KEYS[i]) < ttl then
          redis.call('PEXPIRE', KEYS[i], ttl)
        end
      end
      return {0, m}
      """);

  /** KEYS: a log. ARGV 4..: the highest score to read ({@code (before} or {@code +inf}), limit. Newest first. */
  public static final Script HISTORY = Script.of("history", LIB + """
      local want, page = tonumber(ARGV[5]) + 1, {}
      each(KEYS[1], true, ARGV[4], '-inf', function(m)
        if live(m) then page[#page + 1] = m end
        return #page < want
      end)
      return page
      """);

  /** KEYS: conversation hash, its log. ARGV 4: message id. Answers the entry, or nil. */
  public static final Script FIND = Script.of("find", LIB + """
      local position = redis.call('HGET', KEYS[1], 'i:' .. ARGV[4])
      if not position then return false end
      local m = redis.call('ZRANGEBYSCORE', KEYS[2], position, position)[1]
      if m and live(m) then return m end
      return false
      """);

  /**
   * KEYS: conversation hash. ARGV: cursor field, position, TTL in ms for a hash that has none yet. Answers 1 when
   * the cursor moved, 0 when the position was not past it.
   */
  public static final Script ADVANCE = Script.of("advance", """
      local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
      if tonumber(ARGV[2]) <= current then return 0 end
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      if redis.call('PTTL', KEYS[1]) < 0 then
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
      end
      return 1
      """);

  /**
   * KEYS: conversation hash. ARGV: the recipient, the message's position. Moves the recipient's delivered cursor
   * up to the position when it is their last incoming message and the one before it is at or below the cursor:
   * then no message to them lies between, whatever else the conversation holds. Answers 1 when it moved, else 0.
   * It sets no expiry: a hash holding {@code li:<user>} was written, and given one, by an append.
   */
  public static final Script DELIVERED_LIVE = Script.of("deliveredLive", """
      local user, position = ARGV[1], tonumber(ARGV[2])
      local f = redis.call('HMGET', KEYS[1], 'd:' .. user, 'li:' .. user, 'pi:' .. user)
      local delivered = tonumber(f[1] or '0')
      if delivered >= position or tonumber(f[2] or '0') ~= position or tonumber(f[3] or '0') > delivered then
        return 0
      end
      redis.call('HSET', KEYS[1], 'd:' .. user, ARGV[2])
      return 1
      """);

  /**
   * KEYS: the user's inbox, and on a cluster every conversation hash and log it named when the caller read it.
   * ARGV 4..: user, limit, conversation key prefix, {@code 1} on a cluster. Answers, per conversation, its pending
   * entries in position order, cut to what the oldest-first merge takes for a page of limit + 1: the same merge
   * as {@code Page.oldestFirst}, which the caller runs on the reply, so the reply never exceeds limit + 1 entries.
   * Drops from the inbox the conversations left with nothing pending.
   */
  public static final Script PENDING = Script.of("pending", LIB + """
      local user, want, prefix, strict = ARGV[4], tonumber(ARGV[5]) + 1, ARGV[6], ARGV[7] == '1'
      local known = declared()
      local lists = {}
      for _, c in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[3], '+inf')) do
        local hash = prefix .. c .. '}'
        if not strict or known[hash] then
          local list = {key = c, taken = 0}
          each(hash .. ':log', false, '(' .. (redis.call('HGET', hash, 'd:' .. user) or '0'), '+inf', function(m)
            local _, _, _, to = fields(m)
            if to == user and live(m) then list[#list + 1] = m end
            return #list < want
          end)
          if #list == 0 then
            redis.call('ZREM', KEYS[1], c)
          else
            lists[#lists + 1] = list
          end
        end
      end
      -- Earlier sentAt first, then the smaller conversation key by bytes (as Java's String order; strcoll is not).
      local function first(a, b)
        local _, as, an = fields(a[a.taken + 1])
        local _, bs, bn = fields(b[b.taken + 1])
        if as ~= bs then return as < bs end
        if an ~= bn then return an < bn end
        for i = 1, math.min(#a.key, #b.key) do
          local x, y = string.byte(a.key, i), string.byte(b.key, i)
          if x ~= y then return x < y end
        end
        return #a.key < #b.key
      end
      for _ = 1, want do
        local best
        for _, list in ipairs(lists) do
          if list.taken < #list and (not best or first(list, best)) then best = list end
        end
        if not best then break end
        best.taken = best.taken + 1
      end
      local out = {}
      for _, list in ipairs(lists) do
        if list.taken > 0 then out[#out + 1] = {unpack(list, 1, list.taken)} end
      end
      return out
      """);

  /**
   * KEYS: the user's conversations, and on a cluster every conversation hash and log they named when the caller
   * read them. ARGV 4..: user, limit, conversation key prefix, unread cap, {@code 1} on a cluster. Answers, most
   * recent first, {last live entry, delivered cursor, read cursor, unread count} per conversation with a live one.
   */
  public static final Script CONVERSATIONS = Script.of("conversations", LIB + """
      local user, limit, prefix, cap = ARGV[4], tonumber(ARGV[5]), ARGV[6], tonumber(ARGV[7])
      local strict, known = ARGV[8] == '1', declared()
      local out, offset = {}, 0
      while #out < limit do
        local batch = redis.call('ZREVRANGEBYSCORE', KEYS[1], '+inf', ARGV[3], 'LIMIT', offset, BATCH)
        for _, c in ipairs(batch) do
          local hash = prefix .. c .. '}'
          local last
          if not strict or known[hash] then
            each(hash .. ':log', true, '+inf', '-inf', function(m)
              if live(m) then last = m end
              return not last
            end)
          end
          if last then
            local cursors = redis.call('HMGET', hash, 'd:' .. user, 'r:' .. user)
            local read, unread = cursors[2] or '0', 0
            each(hash .. ':log', false, '(' .. read, '+inf', function(m)
              local _, _, _, to = fields(m)
              if to == user and live(m) then unread = unread + 1 end
              return unread < cap
            end)
            out[#out + 1] = {last, cursors[1] or '0', read, unread}
            if #out == limit then break end
          end
        end
        if #batch < BATCH then break end
        offset = offset + BATCH
      end
      return out
      """);
}
