package io.wschat.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SendRateTest {
  @ParameterizedTest
  @CsvSource({"0, 20", "-1, 20", "NaN, 20", "Infinity, 20", "1000001, 20", "10, 0", "10, -3", "10, 1000001"})
  void a_rate_that_is_not_positive_or_a_burst_below_one_is_refused(double perSecond, int burst) {
    assertThatThrownBy(() -> new SendRate(perSecond, burst)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_default_is_ten_a_second_with_a_burst_of_twenty() {
    assertThat(SendRate.DEFAULT.intervalMicros()).isEqualTo(100_000);
    assertThat(SendRate.DEFAULT.capacityMicros()).isEqualTo(2_000_000);
  }

  @Test
  void the_extremes_still_give_a_whole_microsecond_and_no_overflow() {
    assertThat(new SendRate(SendRate.MAX_PER_SECOND, SendRate.MAX_BURST).capacityMicros()).isEqualTo(1_000_000);
    assertThat(new SendRate(0.001, SendRate.MAX_BURST).capacityMicros()).isEqualTo(1_000_000_000L * 1_000_000);
  }

  @Test
  void microseconds_round_trip_an_instant_and_a_wait() {
    Instant at = Instant.parse("2026-12-01T10:00:00.123456Z");
    assertThat(SendRate.micros(at)).isEqualTo(at.getEpochSecond() * 1_000_000 + 123_456);
    assertThat(SendRate.duration(1_500)).isEqualTo(Duration.ofNanos(1_500_000));
  }
}
