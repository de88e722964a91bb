package io.wschat.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.SpoofChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserIdTest {

  /** Names people really have, as typed, and the user each one is. */
  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("alice", "alice"),
        Arguments.of("Alice", "alice"),
        Arguments.of("ALICE", "alice"),
        Arguments.of("\uFF41lice", "alice"), // fullwidth ａ: with NFKC it IS alice, so it cannot pass for her
        Arguments.of("\uFF21\uFF2C\uFF29\uFF23\uFF25", "alice"), // ＡＬＩＣＥ
        Arguments.of("\u212Aate", "kate"), // KELVIN SIGN
        Arguments.of("\uFB01sh", "fish"), // ﬁ ligature
        Arguments.of("\u01C5ana", "d\u017Eana"), // titlecase ǅ, a compatibility ligature
        Arguments.of("a", "a"),
        Arguments.of("user42", "user42"),
        Arguments.of("a.b_c-d@e", "a.b_c-d@e"),
        Arguments.of("me@example.com", "me@example.com"),
        Arguments.of("José", "josé"),
        Arguments.of("Zoë", "zoë"),
        Arguments.of("Zoe\u0308", "zoë"), // decomposed: the same user as the composed spelling
        Arguments.of("김민준", "김민준"), // Korean
        Arguments.of("홍길동Kim", "홍길동kim"), // Hangul with Latin
        Arguments.of("สมชาย", "สมชาย"), // Thai, with a combining vowel
        Arguments.of("प्रिया", "प्रिया"), // Devanagari, with a virama and vowel signs
        Arguments.of("नमस्ते", "नमस्ते"),
        Arguments.of("प्रिया१२", "प्रिया१२"), // with Devanagari digits
        Arguments.of("محمد", "محمد"), // Arabic
        Arguments.of("مرحبا", "مرحبا"),
        Arguments.of("محمد٤٢", "محمد٤٢"), // with Arabic-Indic digits
        Arguments.of("山田たろうカタカナ", "山田たろうカタカナ"), // Japanese: Han, Hiragana and Katakana
        Arguments.of("tanaka太郎", "tanaka太郎"), // Latin with Han
        Arguments.of("李雷", "李雷"),
        Arguments.of("王ㄅㄆ", "王ㄅㄆ"), // Han with Bopomofo
        Arguments.of("Ελένη", "ελένη"), // Greek, final sigma and all
        Arguments.of("Дмитрий", "дмитрий"), // Cyrillic alone is one script
        Arguments.of("\uD835\uDC9C".repeat(3), "aaa")); // MATHEMATICAL SCRIPT CAPITAL A is an A
  }

  @ParameterizedTest(name = "{0} is the user {1}")
  @MethodSource("accepted")
  void accepts_real_names_as_their_canonical_form(String raw, String canonical) {
    UserId id = new UserId(raw);

    assertThat(id.value()).isEqualTo(canonical);
    assertThat(new UserId(id.value())).as("the canonical form is its own canonical form").isEqualTo(id);
  }

  /** The finding's impersonations, and their relatives: each is refused, with a reason naming what is wrong. */
  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("\u0430lice", "mixes scripts", "Latin and Cyrillic"), // Cyrillic а
        Arguments.of("p\u0430ypal", "mixes scripts", "Latin and Cyrillic"),
        Arguments.of("\u03B1lice", "mixes scripts", "Latin and Greek"), // Greek α
        Arguments.of("김たろう", "mixes scripts", "Hangul and Hiragana"),
        Arguments.of("ㄅカ", "mixes scripts", "Katakana and Bopomofo"),
        Arguments.of("user1\u0661", "mixes", "U+0661 ARABIC-INDIC DIGIT ONE"),
        Arguments.of("محمد1٢", "mixes digits", "found U+0662 ARABIC-INDIC DIGIT TWO after U+0031 DIGIT ONE"),
        Arguments.of("प्रिया1२", "mixes digits", "U+0968 DEVANAGARI DIGIT TWO"),
        Arguments.of("alice\uFE0F", "invisible", "U+FE0F VARIATION SELECTOR-16"),
        Arguments.of("alice\uFE00", "invisible", "U+FE00 VARIATION SELECTOR-1"),
        Arguments.of("alice\uDB40\uDD00", "invisible", "U+E0100 VARIATION SELECTOR-17"),
        Arguments.of("alice\uDB40\uDDEF", "invisible", "U+E01EF VARIATION SELECTOR-256"),
        Arguments.of("alice\u034F", "invisible", "U+034F COMBINING GRAPHEME JOINER"),
        Arguments.of("alice\u3164", "invisible", "U+3164 HANGUL FILLER"),
        Arguments.of("\u3164", "invisible", "U+3164 HANGUL FILLER"),
        Arguments.of("\u115F", "invisible", "U+115F HANGUL CHOSEONG FILLER"),
        Arguments.of("a\u1160", "invisible", "U+1160 HANGUL JUNGSEONG FILLER"),
        Arguments.of("\uFFA0", "invisible", "U+FFA0 HALFWIDTH HANGUL FILLER"),
        Arguments.of("al\u200Bice", "invisible", "U+200B ZERO WIDTH SPACE"),
        Arguments.of("al\u200Cice", "invisible", "U+200C ZERO WIDTH NON-JOINER"),
        Arguments.of("al\u200Dice", "invisible", "U+200D ZERO WIDTH JOINER"),
        Arguments.of("al\u2060ice", "invisible", "U+2060 WORD JOINER"),
        Arguments.of("\uFEFFalice", "invisible", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        Arguments.of("al\u00ADice", "invisible", "U+00AD SOFT HYPHEN"),
        Arguments.of("alice\u200E", "invisible", "U+200E LEFT-TO-RIGHT MARK"),
        Arguments.of("alice\u200F", "invisible", "U+200F RIGHT-TO-LEFT MARK"),
        Arguments.of("\u202Aalice", "invisible", "U+202A LEFT-TO-RIGHT EMBEDDING"),
        Arguments.of("\u202Becila", "invisible", "U+202B RIGHT-TO-LEFT EMBEDDING"),
        Arguments.of("alice\u202C", "invisible", "U+202C POP DIRECTIONAL FORMATTING"),
        Arguments.of("\u202Dalice", "invisible", "U+202D LEFT-TO-RIGHT OVERRIDE"),
        Arguments.of("\u202Eecila", "invisible", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        Arguments.of("\u2066alice", "invisible", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        Arguments.of("\u2067alice", "invisible", "U+2067 RIGHT-TO-LEFT ISOLATE"),
        Arguments.of("\u2068alice", "invisible", "U+2068 FIRST STRONG ISOLATE"),
        Arguments.of("alice\u2069", "invisible", "U+2069 POP DIRECTIONAL ISOLATE"),
        Arguments.of("محمد\u061C", "invisible", "U+061C ARABIC LETTER MARK"),
        Arguments.of("", "must not be empty", "userId"),
        Arguments.of(" ", "may contain only", "U+0020 SPACE"),
        Arguments.of("al ice", "may contain only", "U+0020 SPACE"),
        Arguments.of("tab\there", "may contain only", "U+0009"),
        Arguments.of("new\nline", "may contain only", "U+000A"),
        Arguments.of("bell\u0007", "may contain only", "U+0007"),
        Arguments.of("semi;colon", "may contain only", "U+003B SEMICOLON"),
        Arguments.of("<script>", "may contain only", "U+003C LESS-THAN SIGN"),
        Arguments.of("a/b", "may contain only", "U+002F SOLIDUS"),
        Arguments.of("a|b", "may contain only", "U+007C VERTICAL LINE"),
        Arguments.of("a\uFF5Cb", "may contain only", "U+007C VERTICAL LINE"), // fullwidth |, after NFKC
        Arguments.of("emoji😀", "may contain only", "U+1F600 GRINNING FACE"),
        Arguments.of("\u0301accent-first", "may contain only", "U+0301 COMBINING ACUTE ACCENT"));
  }

  @ParameterizedTest(name = "{0} is refused: {1} … {2}")
  @MethodSource("refused")
  void refuses_look_alikes_invisibles_and_anything_else(String raw, String problem, String naming) {
    assertThatThrownBy(() -> new UserId(raw))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("userId ")
        .hasMessageContaining(problem)
        .hasMessageContaining(naming)
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("userId");
  }

  @Test
  void refuses_null() {
    assertThatThrownBy(() -> new UserId(null)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void alice_in_any_case_or_width_is_one_user() {
    UserId alice = new UserId("alice");

    assertThat(new UserId("Alice")).isEqualTo(alice).hasSameHashCodeAs(alice);
    assertThat(new UserId("ALICE")).isEqualTo(alice);
    assertThat(new UserId("\uFF41lice")).isEqualTo(alice);
    assertThat(new UserId("Alice").value()).isEqualTo("alice");
    assertThat(Conversation.between(new UserId("Bob"), new UserId("Alice")).key()).isEqualTo("alice|bob");
  }

  @Test
  void sharp_s_and_final_sigma_stay_apart_as_rfc_8265_keeps_them() {
    assertThat(new UserId("Straße")).isNotEqualTo(new UserId("strasse"));
    assertThat(new UserId("STRASSE")).isEqualTo(new UserId("strasse"));
    assertThat(new UserId("ΟΔΟΣ").value()).isEqualTo("οδος"); // toLowerCase knows a final sigma
  }

  @Test
  void the_canonical_form_of_any_accepted_code_point_is_its_own_canonical_form() {
    List<String> notIdempotent = new ArrayList<>();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (!Character.isLetterOrDigit(cp)) {
        continue;
      }
      UserId once;
      try {
        once = new UserId(Character.toString(cp));
      } catch (InvalidInputException refused) {
        continue;
      }
      if (!new UserId(once.value()).equals(once)) {
        notIdempotent.add(UserId.describe(cp));
      }
    }
    assertThat(notIdempotent).isEmpty();
  }

  @Test
  void plain_ascii_ids_take_a_short_cut_to_the_same_canonical_form() {
    String plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@";
    for (char first : plain.toCharArray()) {
      for (char second : plain.toCharArray()) {
        String id = "" + first + second;
        assertThat(new UserId(id).value()).as(id).isEqualTo(UserId.canonical(id));
      }
    }
  }

  @Test
  void counts_code_points_not_chars() {
    String sixtyFourSupplementary = "\uD840\uDC00".repeat(64); // U+20000, a CJK ideograph: 128 chars, 64 code points
    assertThat(new UserId(sixtyFourSupplementary).value()).hasSize(128);
    assertThatThrownBy(() -> new UserId("\uD840\uDC00".repeat(65))).isInstanceOf(InvalidInputException.class);
    assertThat(new UserId("a".repeat(64)).value()).hasSize(64);
    assertThatThrownBy(() -> new UserId("a".repeat(65))).hasMessageContaining("at most 64");
  }

  @Test
  void counts_the_canonical_form() {
    assertThat(new UserId("\uFB03".repeat(21)).value()).hasSize(63); // ﬃ is "ffi"
    assertThatThrownBy(() -> new UserId("\uFB03".repeat(22))).hasMessageContaining("got 66");
  }

  // ICU4J is the reference implementation of these Unicode rules. It is a test dependency only: ScriptRestriction
  // says why the Lambda does without it.
  private static final SpoofChecker ICU_HIGHLY_RESTRICTIVE = new SpoofChecker.Builder()
      .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS)
      .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
      .build();

  @Test
  void the_invisible_table_is_unicodes_default_ignorable_code_points() {
    List<String> differences = new ArrayList<>();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      boolean ignorable = UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
      if (InvisibleCodePoints.contains(cp) != ignorable) {
        differences.add(String.format("U+%04X", cp));
      }
    }
    assertThat(differences).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"alice", "josé", "김민준", "홍길동kim", "สมชาย", "प्रिया१२", "محمد٤٢", "山田たろうカタカナ",
      "tanaka太郎", "王ㄅㄆ", "ελένη", "дмитрий", "a.b_c-d@e", "\u0430lice", "p\u0430ypal", "\u03B1lice",
      "김たろう", "ㄅカ", "user1\u0661", "محمد1٢", "प्रिया1२", "abc\u0915", "ไทยabc", "日本\u0915"})
  void agrees_with_icus_spoof_checker_at_the_highly_restrictive_level(String id) {
    assertThat(ScriptRestriction.problem(id).isPresent()).isEqualTo(ICU_HIGHLY_RESTRICTIVE.failsChecks(id));
  }

  @Test
  void refuses_what_icu_allows_only_where_a_character_serves_several_scripts() {
    String thaanaWithArabicIndicDigit = "\u078B\u07A8\u0788\u07AC\u0780\u07A8\u0664";
    assertThat(ICU_HIGHLY_RESTRICTIVE.failsChecks(thaanaWithArabicIndicDigit))
        .as("ICU, with Script_Extensions").isFalse();
    assertThat(ScriptRestriction.problem(thaanaWithArabicIndicDigit)).as("the JDK's Script").isPresent();
  }
}
