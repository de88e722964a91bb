package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.RateLimiter.Decision;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The limiter's round-trip budget, from the server's own books: one EVALSHA per send, allowed or refused. */
class RedisRateLimiterRoundTripIT {
  private static ServerBooks books;
  private static RedisRateLimiter limiter;

  @BeforeAll
  static void start() {
    books = new ServerBooks();
    limiter = RedisRateLimiter.create(RedisSettings.fromUrl(books.url()), new SendRate(10, 1));
    limiter.acquire(new UserId("warm"), Instant.now()); // the pool's connection open, the script cached
  }

  @AfterAll
  static void stop() {
    if (limiter != null) {
      limiter.close();
    }
    if (books != null) {
      books.close();
    }
  }

  @Test
  void an_allowed_send_and_a_refused_one_each_cost_one_round_trip() {
    UserId erin = new UserId("rt-erin");
    Instant now = Instant.now();

    books.expect("acquire, allowed", () -> assertThat(limiter.acquire(erin, now)).isEqualTo(Decision.ALLOWED),
        "evalsha", "evalsha", "get", "set");
    books.expect("acquire, refused", () -> assertThat(limiter.acquire(erin, now)).isInstanceOf(Decision.Refused.class),
        "evalsha", "evalsha", "get");
  }

  @Test
  void a_server_that_forgot_the_script_costs_one_extra_request_once() {
    UserId frank = new UserId("rt-frank");
    books.forgetScripts();

    assertThat(books.measure(() -> limiter.acquire(frank, Instant.now())).requests()).containsExactly("evalsha", "eval");
    assertThat(books.measure(() -> limiter.acquire(frank, Instant.now().plusSeconds(1))).requests())
        .containsExactly("evalsha");
  }
}
