package io.wschat.adapter.redis;

import io.wschat.adapter.redis.internal.KeyLayout;
import io.wschat.adapter.redis.internal.RateScripts;
import io.wschat.adapter.redis.internal.Replay;
import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.RateLimiter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A RateLimiter on one Redis: each acquire is one round trip, an EVALSHA of {@link RateScripts#ACQUIRE}, which
 * reads and moves the user's bucket atomically. A bucket is one small string (its time and the last acquire's
 * token) that expires by itself about a second after it is full again, so idle users cost no memory.
 * docs/storage.md has the key.
 *
 * <p>Thread-safe. Build it once per process: it owns a connection pool, which {@link #close()} closes. Failures
 * are {@link RedisStoreException}s, with the same timeouts and retry rules as {@link RedisConnectionRegistry}.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {
  private final PooledRedis redis;
  private final KeyLayout keys;
  private final String interval;
  private final String capacity;

  /** A pooled client from {@code settings}, owned by this limiter; keys start with the settings' key prefix. */
  public static RedisRateLimiter create(RedisSettings settings, SendRate rate) {
    return new RedisRateLimiter(PooledRedis.open(settings), settings.keyPrefix(), rate);
  }

  /** Over a pool that may be shared, as in tests; {@link #close()} closes it. */
  RedisRateLimiter(PooledRedis redis, String keyPrefix, SendRate rate) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new KeyLayout(redis.keyPrefix(keyPrefix));
    this.interval = Long.toString(rate.intervalMicros());
    this.capacity = Long.toString(rate.capacityMicros());
  }

  @Override
  public Decision acquire(UserId user, Instant now) {
    // SAFE, by the token: should a lost first run have taken a message, the second finds its token and takes none.
    // (Only a send by the same user landing between the two runs replaces the token; then this one costs two.)
    String token = Long.toHexString(ThreadLocalRandom.current().nextLong());
    Object wait = redis.call("acquire", Replay.SAFE, () -> RateScripts.ACQUIRE.run(redis.client(),
        List.of(keys.rateBucket(user)), List.of(Long.toString(SendRate.micros(now)), interval, capacity, token)));
    long micros = (Long) wait;
    return micros > 0 ? new Decision.Refused(SendRate.duration(micros)) : Decision.ALLOWED;
  }

  /** See {@link RedisConnectionRegistry#dropIdleConnections()}. */
  public void dropIdleConnections() {
    redis.dropIdle();
  }

  @Override
  public void close() {
    redis.close();
  }
}
