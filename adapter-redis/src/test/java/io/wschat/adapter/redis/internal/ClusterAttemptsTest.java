package io.wschat.adapter.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisClusterException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** Which cluster answers earn another try, and for how long; the faults are injected, the rest is real. */
class ClusterAttemptsTest {
  private final ClusterAttempts attempts = new ClusterAttempts(Duration.ofMillis(300), () -> { });

  @Test
  void tryagain_and_clusterdown_are_asked_again_until_the_command_runs() {
    AtomicInteger calls = new AtomicInteger();
    String answer = attempts.run(Replay.CHECKED, () -> {
      switch (calls.incrementAndGet()) {
        case 1 -> throw new JedisDataException("TRYAGAIN Multiple keys request during rehashing of slot");
        case 2 -> throw new JedisClusterException("CLUSTERDOWN The cluster is down");
        default -> {
          return "ran";
        }
      }
    });
    assertThat(answer).isEqualTo("ran");
    assertThat(calls).hasValue(3);
  }

  @Test
  void they_are_given_up_on_within_the_bound() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> attempts.run(Replay.SAFE, () -> {
      throw new JedisDataException("TRYAGAIN Multiple keys request during rehashing of slot");
    })).hasMessageStartingWith("TRYAGAIN");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
  }

  @Test
  void anything_that_may_follow_a_write_is_not_repeated() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> attempts.run(Replay.SAFE, () -> {
      calls.incrementAndGet();
      throw new JedisDataException("ERR Error running script: oops");
    })).hasMessageContaining("oops");
    assertThatThrownBy(() -> attempts.run(Replay.SAFE, () -> {
      calls.incrementAndGet();
      throw new JedisConnectionException("Read timed out");
    })).hasMessageContaining("timed out");
    assertThat(calls).hasValue(2);
  }
}
