package io.wschat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.domain.model.SendRate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MESSAGES_PER_SECOND and MESSAGE_BURST: the defaults, none, and a clear refusal of anything else. */
class SendRateConfigTest {
  private static Optional<SendRate> rate(String perSecond, String burst) {
    Map<String, String> env = new HashMap<>(Map.of("CHAT_STORE", "memory"));
    if (perSecond != null) {
      env.put("MESSAGES_PER_SECOND", perSecond);
    }
    if (burst != null) {
      env.put("MESSAGE_BURST", burst);
    }
    return ChatConfig.from(env).sendRate();
  }

  @Test
  void sends_are_limited_to_ten_a_second_with_a_burst_of_twenty_unless_told_otherwise() {
    assertThat(rate(null, null)).contains(new SendRate(10, 20));
    assertThat(rate("", " ")).as("blank counts as unset").contains(SendRate.DEFAULT);
    assertThat(ChatConfig.from(Map.of("CHAT_STORE", "memory")).toString()).contains("sendRate=10.0/s, burst 20");
  }

  @ParameterizedTest
  @CsvSource({"1, 1, 1.0, 1", "0.5, 3, 0.5, 3", " 250 , 1000, 250.0, 1000", "1000000, 1000000, 1000000.0, 1000000"})
  void a_rate_and_a_burst_are_read_as_given(String perSecond, String burst, double expectedRate, int expectedBurst) {
    assertThat(rate(perSecond, burst)).contains(new SendRate(expectedRate, expectedBurst));
  }

  @Test
  void none_turns_the_limit_off() {
    assertThat(rate("none", null)).isEmpty();
    assertThat(rate("NONE", "5")).isEmpty();
    assertThat(ChatConfig.from(Map.of("CHAT_STORE", "memory", "MESSAGES_PER_SECOND", "none")).toString())
        .contains("sendRate=none");
  }

  @ParameterizedTest
  @CsvSource({"fast, is not a number", "-1, is not a number", "1e3, is not a number", "NaN, is not a number",
      "Infinity, is not a number", "0, out of range", "0.0, out of range", "1000001, out of range"})
  void a_bad_rate_names_the_variable_and_what_is_allowed(String perSecond, String problem) {
    assertThatThrownBy(() -> rate(perSecond, null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("MESSAGES_PER_SECOND")
        .hasMessageContaining(problem).hasMessageContaining("none").hasMessageContaining("default 10");
  }

  @ParameterizedTest
  @CsvSource({"lots, is not a whole number", "2.5, is not a whole number", "-3, is not a whole number",
      "0, out of range", "1000001, out of range", "99999999999, is not a whole number"})
  void a_bad_burst_names_the_variable_and_what_is_allowed_even_with_the_limit_off(String burst, String problem) {
    for (String perSecond : new String[] {null, "none"}) {
      assertThatThrownBy(() -> rate(perSecond, burst))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageStartingWith("MESSAGE_BURST")
          .hasMessageContaining(problem).hasMessageContaining("default 20");
    }
  }
}
