package io.wschat.domain.model;

import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * UTS #39's "Highly Restrictive" restriction level (section 5.2) and its mixed-numbers check (section 5.3), with
 * the JDK's {@link UnicodeScript}: an id is written in one script, or in one of the mixes that Chinese, Japanese
 * and Korean names really use. So {@code аlice} with a Cyrillic {@code а} is refused; {@code 김민준}, {@code 山田たろう}
 * and {@code José} are not.
 *
 * <p>Why not ICU4J's {@code SpoofChecker}, which implements the same level: ICU4J 76.1 grows the Lambda jar from
 * 11.1 to 25.7 MB (64.8 MB unzipped; with the shade's minimizeJar still +12.3 MB, as its data are resources), and a
 * fresh JVM on Lambda's flags takes 93 ms to build the checker and check one id, against 18 ms for this whole
 * {@link UserId} on {@code José} and 1.2 ms on {@code alice} (the NFC-only UserId before it: 14 ms; the fastest of 15
 * runs each, on a busy machine whose medians were twice as slow). Every 10 ms of cold start counts, and ICU would
 * also be the domain's only dependency outside the JDK.
 *
 * <p>The price: the JDK knows a character's Script but not its Script_Extensions, so a character that several
 * scripts use counts for the one Unicode files it under. ARABIC-INDIC DIGITs are Arabic, so a Thaana id written
 * with them is refused here though ICU allows it. {@code UserIdTest} checks the verdicts against {@code SpoofChecker}.
 */
final class ScriptRestriction {
  private static final Set<UnicodeScript> IGNORED =
      EnumSet.of(UnicodeScript.COMMON, UnicodeScript.INHERITED, UnicodeScript.UNKNOWN);

  /** The mixes "Highly Restrictive" allows besides a single script: Japanese, Chinese with Bopomofo, Korean. */
  private static final List<Set<UnicodeScript>> ALLOWED_MIXES = List.of(
      EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
      EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
      EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

  private ScriptRestriction() {}

  /** Why {@code id} fails the restriction, if it does. */
  static Optional<String> problem(String id) {
    Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
    int firstDigit = -1;
    for (int i = 0; i < id.length(); ) {
      int cp = id.codePointAt(i);
      UnicodeScript script = UnicodeScript.of(cp);
      if (!IGNORED.contains(script)) {
        scripts.add(script);
      }
      if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
        if (firstDigit == -1) {
          firstDigit = cp;
        } else if (zero(cp) != zero(firstDigit)) {
          return Optional.of("mixes digits of different number systems (found " + UserId.describe(cp) + " after "
              + UserId.describe(firstDigit) + ")");
        }
      }
      i += Character.charCount(cp);
    }
    if (scripts.size() <= 1 || ALLOWED_MIXES.stream().anyMatch(mix -> mix.containsAll(scripts))) {
      return Optional.empty();
    }
    return Optional.of("mixes scripts that can pass for one another ("
        + scripts.stream().map(ScriptRestriction::title).collect(Collectors.joining(" and "))
        + "); write it in one script, or in Latin with Han and kana, Bopomofo or Hangul");
  }

  /** The zero of a decimal digit's run of ten: a number system. */
  private static int zero(int digit) {
    return digit - Character.digit(digit, 10);
  }

  private static String title(UnicodeScript script) {
    String name = script.name().replace('_', ' ');
    return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
  }
}
