package io.wschat.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.fake.MutableClock;
import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.RateLimiter;
import io.wschat.domain.port.RateLimiter.Decision;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} must do. An adapter's test extends this class and supplies limiters over its
 * store. User ids are unique per test, so a store shared between tests needs no cleanup. Time is a clock the tests
 * move by hand; "frozen" means nobody moves it.
 */
public abstract class RateLimiterContract {
  /** The default: 10 a second, 20 at once; one message every 100 ms. */
  protected static final SendRate RATE = SendRate.DEFAULT;
  private static final Duration INTERVAL = Duration.ofMillis(100);

  /**
   * A limiter with {@code rate} over the adapter's store. Two calls with the same rate must share buckets, as two
   * Lambda instances on one table or one Redis do: return a new instance over the same store where the store
   * allows it.
   */
  protected abstract RateLimiter limiter(SendRate rate);

  /** How much work the concurrency test does: 1.0 for in-memory stores; less for stores with slow round trips. */
  protected double concurrencyScale() {
    return 1.0;
  }

  // Real time to start from: a store's TTL job (DynamoDB Local runs one) deletes what expired by the wall clock.
  private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private RateLimiter limiter;
  private String run;

  @BeforeEach
  void newRun() {
    limiter = limiter(RATE);
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  protected UserId user(String name) {
    return new UserId(name + "-" + run);
  }

  private Decision send(String user) {
    return limiter.acquire(user(user), clock.instant());
  }

  private int allowedInARow(RateLimiter limiter, String user, int attempts) {
    int allowed = 0;
    for (int i = 0; i < attempts; i++) {
      if (limiter.acquire(user(user), clock.instant()) instanceof Decision.Allowed) {
        allowed++;
      }
    }
    return allowed;
  }

  private static Duration retryAfter(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Refused.class);
    return ((Decision.Refused) decision).retryAfter();
  }

  @Test
  void a_new_user_may_send_a_whole_burst_at_once_and_not_one_more() {
    for (int i = 0; i < RATE.burst(); i++) {
      assertThat(send("alice")).as("send %d of the burst", i + 1).isEqualTo(Decision.ALLOWED);
    }

    assertThat(retryAfter(send("alice"))).isEqualTo(INTERVAL);
  }

  @Test
  void a_refused_send_takes_nothing_so_asking_again_waits_no_longer() {
    allowedInARow(limiter, "alice", RATE.burst());

    assertThat(retryAfter(send("alice"))).isEqualTo(INTERVAL);
    assertThat(retryAfter(send("alice"))).isEqualTo(INTERVAL);
    clock.advance(INTERVAL);
    assertThat(send("alice")).isEqualTo(Decision.ALLOWED);
    assertThat(retryAfter(send("alice"))).isEqualTo(INTERVAL);
  }

  @Test
  void the_retry_after_is_exact_to_the_microsecond() {
    allowedInARow(limiter, "alice", RATE.burst());
    clock.advance(Duration.ofMillis(30));

    assertThat(retryAfter(send("alice"))).isEqualTo(Duration.ofMillis(70));
    clock.advance(Duration.ofMillis(70).minusNanos(1_000));
    assertThat(retryAfter(send("alice"))).isEqualTo(Duration.ofNanos(1_000));
    clock.advance(Duration.ofNanos(1_000));
    assertThat(send("alice")).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void the_bucket_refills_at_the_rate() {
    allowedInARow(limiter, "alice", RATE.burst());
    clock.advance(Duration.ofSeconds(1));

    assertThat(allowedInARow(limiter, "alice", 50)).isEqualTo(10);
  }

  @Test
  void sending_exactly_at_the_rate_is_never_refused() {
    allowedInARow(limiter, "alice", RATE.burst());
    for (int i = 0; i < 50; i++) {
      clock.advance(INTERVAL);
      assertThat(send("alice")).as("send %d at the rate", i + 1).isEqualTo(Decision.ALLOWED);
    }
  }

  @Test
  void an_idle_bucket_holds_no_more_than_the_burst() {
    allowedInARow(limiter, "alice", 5);
    clock.advance(Duration.ofHours(3));

    assertThat(allowedInARow(limiter, "alice", 100)).isEqualTo(RATE.burst());
  }

  @Test
  void each_user_has_a_bucket_of_their_own() {
    allowedInARow(limiter, "alice", RATE.burst());

    assertThat(send("alice")).isInstanceOf(Decision.Refused.class);
    assertThat(allowedInARow(limiter, "bob", 100)).isEqualTo(RATE.burst());
  }

  @Test
  void a_slow_rate_with_a_burst_of_one_waits_whole_intervals() {
    RateLimiter slow = limiter(new SendRate(0.5, 1));

    assertThat(slow.acquire(user("carol"), clock.instant())).isEqualTo(Decision.ALLOWED);
    assertThat(retryAfter(slow.acquire(user("carol"), clock.instant()))).isEqualTo(Duration.ofSeconds(2));
    clock.advance(Duration.ofMillis(1_500));
    assertThat(retryAfter(slow.acquire(user("carol"), clock.instant()))).isEqualTo(Duration.ofMillis(500));
    clock.advance(Duration.ofMillis(500));
    assertThat(slow.acquire(user("carol"), clock.instant())).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void two_limiters_on_one_store_share_each_users_bucket() {
    RateLimiter other = limiter(RATE);
    int allowed = 0;
    for (int i = 0; i < 40; i++) {
      if ((i % 2 == 0 ? limiter : other).acquire(user("alice"), clock.instant()) instanceof Decision.Allowed) {
        allowed++;
      }
    }

    assertThat(allowed).isEqualTo(RATE.burst());
    assertThat(retryAfter(other.acquire(user("alice"), clock.instant()))).isEqualTo(INTERVAL);
  }

  @Test
  void a_caller_whose_clock_lags_gets_no_extra_messages() {
    allowedInARow(limiter, "alice", RATE.burst());
    Instant lagging = clock.instant().minusSeconds(10);

    // Its own "now" is 10 s earlier, so it waits 10 s more by its clock: the same moment in real time.
    assertThat(retryAfter(limiter.acquire(user("alice"), lagging))).isEqualTo(INTERVAL.plusSeconds(10));
    assertThat(retryAfter(send("alice"))).as("the lagging call moved nothing back").isEqualTo(INTERVAL);
  }

  @Test
  void a_caller_whose_clock_runs_ahead_cannot_move_the_bucket_back_for_the_others() {
    limiter.acquire(user("alice"), clock.instant().plusSeconds(60));

    // The ahead caller's send put the bucket's time a minute ahead; the others now wait for it to pass.
    assertThat(allowedInARow(limiter, "alice", 100)).isEqualTo(0);
    // Its bucket time is now + 60.1 s; the next send would push it to 60.2 s, 58.2 s past the 2 s a burst allows.
    assertThat(retryAfter(send("alice"))).isEqualTo(Duration.ofMillis(58_200));
  }

  @Test
  void racing_senders_at_a_frozen_clock_get_exactly_the_burst() throws Exception {
    int threads = 8;
    int perThread = Math.max(6, (int) (40 * concurrencyScale()));
    RateLimiter other = limiter(RATE);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> counts = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        RateLimiter mine = t % 2 == 0 ? limiter : other;
        counts.add(pool.submit(() -> {
          start.await();
          return allowedInARow(mine, "alice", perThread);
        }));
      }
      start.countDown();
      int allowed = 0;
      for (Future<Integer> count : counts) {
        allowed += count.get(60, TimeUnit.SECONDS);
      }

      assertThat(threads * perThread).as("more attempts than the burst").isGreaterThan(RATE.burst());
      assertThat(allowed).isEqualTo(RATE.burst());
      assertThat(retryAfter(send("alice"))).isEqualTo(INTERVAL);
    } finally {
      pool.shutdownNow();
    }
  }
}
