package io.wschat.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValuesTest {

  @Test
  void connection_id_is_not_blank_and_at_most_128_characters() {
    assertThat(new ConnectionId("L0SM9cOFvHcCIhw=").value()).isEqualTo("L0SM9cOFvHcCIhw=");
    assertThat(new ConnectionId("x".repeat(128)).value()).hasSize(128);
    assertThatThrownBy(() -> new ConnectionId("x".repeat(129))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new ConnectionId("  ")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new ConnectionId(null)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void message_text_counts_utf8_bytes_against_the_limit() {
    MessageLimit limit = new MessageLimit(10);

    assertThat(limit.text("0123456789").value()).isEqualTo("0123456789");
    assertThat(limit.text("ééééé").utf8Bytes()).isEqualTo(10);
    assertThatThrownBy(() -> limit.text("ééééé!"))
        .isInstanceOf(MessageTooLargeException.class)
        .hasMessageContaining("11 bytes")
        .hasMessageContaining("limit is 10");
  }

  @Test
  void message_text_must_not_be_empty() {
    assertThatThrownBy(() -> MessageLimit.DEFAULT.text("")).isInstanceOf(InvalidInputException.class)
        .isNotInstanceOf(MessageTooLargeException.class);
    assertThatThrownBy(() -> MessageLimit.DEFAULT.text(null)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void the_default_limit_is_16_KiB() {
    assertThat(MessageLimit.DEFAULT.text("x".repeat(16 * 1024)).utf8Bytes()).isEqualTo(16384);
    assertThatThrownBy(() -> MessageLimit.DEFAULT.text("x".repeat(16 * 1024 + 1)))
        .isInstanceOf(MessageTooLargeException.class);
  }

  @Test
  void the_limit_itself_is_bounded() {
    assertThatThrownBy(() -> new MessageLimit(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MessageLimit(MessageLimit.CEILING_BYTES + 1))
        .hasMessageContaining(String.valueOf(MessageLimit.CEILING_BYTES));
  }
}
