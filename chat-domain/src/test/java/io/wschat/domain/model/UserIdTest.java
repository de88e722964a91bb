package io.wschat.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UserIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"alice", "a", "bob.smith", "x_y-z", "me@example.com", "Zoë", "李雷", "नमस्ते", "مرحبا", "user42"})
  void accepts_letters_digits_and_the_four_symbols(String raw) {
    assertThat(new UserId(raw).value()).isEqualTo(java.text.Normalizer.normalize(raw, java.text.Normalizer.Form.NFC));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "al ice", "tab\there", "new\nline", "bell\u0007", "semi;colon", "<script>", "a/b", "emoji😀",
      "\u0301accent-first", "zero\u200Bwidth"})
  void refuses_anything_else(String raw) {
    assertThatThrownBy(() -> new UserId(raw))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("userId");
  }

  @Test
  void refuses_null() {
    assertThatThrownBy(() -> new UserId(null)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void normalises_to_nfc_so_two_spellings_are_one_user() {
    UserId composed = new UserId("Zo\u00EB");
    UserId decomposed = new UserId("Zoe\u0308");

    assertThat(decomposed).isEqualTo(composed);
    assertThat(decomposed.value()).isEqualTo("Zo\u00EB");
  }

  @Test
  void counts_code_points_not_chars() {
    String sixtyFourSupplementary = "𝒜".repeat(64); // 128 chars, 64 code points
    assertThat(new UserId(sixtyFourSupplementary).value()).hasSize(128);
    assertThatThrownBy(() -> new UserId("𝒜".repeat(65))).isInstanceOf(InvalidInputException.class);
    assertThat(new UserId("a".repeat(64)).value()).hasSize(64);
    assertThatThrownBy(() -> new UserId("a".repeat(65))).hasMessageContaining("at most 64");
  }
}
