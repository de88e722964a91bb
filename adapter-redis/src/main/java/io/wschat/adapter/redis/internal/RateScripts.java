package io.wschat.adapter.redis.internal;

/**
 * The Lua script behind the send-rate limiter: one GCRA step ({@code SendRate#step}) on one key, atomic on the
 * server, so racing senders each see the state the previous one left. Time is the caller's, in ARGV; the time the
 * key holds only ever grows, so a caller whose clock lags cannot move it back.
 */
public final class RateScripts {
  private RateScripts() {}

  /**
   * KEYS: the user's bucket. ARGV: now, interval and capacity, in microseconds, and the caller's token for this one
   * acquire. Answers 0 when the send is allowed (and stores the new time with the token, {@code "<tat> <token>"},
   * with a TTL ending a second after the bucket is full again), or else the wait in microseconds, having changed
   * nothing. A second run of an allowed acquire finds its own token and answers 0 again without taking a second
   * message, so a retry after a lost answer charges the send once. Lua numbers are doubles: epoch microseconds
   * (about 2^51) fit exactly, and '%.0f' writes them without the exponent tostring would use.
   */
  public static final Script ACQUIRE = Script.of("acquire", """
      local now, interval, capacity = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
      local tat, token = 0, nil
      local stored = redis.call('GET', KEYS[1])
      if stored then
        local at, by = string.match(stored, '^(%d+) ?(.*)$')
        tat, token = tonumber(at), by
      end
      if token == ARGV[4] then
        return 0
      end
      local next = math.max(tat, now) + interval
      local over = next - now - capacity
      if over > 0 then
        return over
      end
      redis.call('SET', KEYS[1], string.format('%.0f', next) .. ' ' .. ARGV[4], 'PX',
        math.ceil((next - now) / 1000) + 1000)
      return 0
      """);
}
