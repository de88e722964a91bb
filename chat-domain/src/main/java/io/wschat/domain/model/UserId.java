package io.wschat.domain.model;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * A user's name in the chat, in its canonical form: the one spelling that every way of typing the same name comes
 * to, so that one name is one user, and a name cannot pass for another one.
 *
 * <ul>
 *   <li><b>Canonical form.</b> NFKC, then {@link String#toLowerCase(Locale) toLowerCase(Locale.ROOT)}, then NFKC
 *       again: {@code Alice}, {@code ALICE} and fullwidth {@code ａｌｉｃｅ} are all the user {@code alice}, and it
 *       is the canonical form that is stored, looked up and sent back. This is RFC 8265's UsernameCaseMapped rule
 *       (which chose toLowerCase over case folding), with NFKC for its width mapping. We chose toLowerCase over
 *       full case folding because the JDK has no case folding without ICU4J, and because a browser computes the
 *       same form with {@code s.normalize("NFKC").toLowerCase().normalize("NFKC")}. The price is that {@code ß}
 *       and {@code ss}, or {@code ς} and {@code σ}, stay two names; they do not look alike.</li>
 *   <li><b>Allowed.</b> 1 to {@value #MAX_CODE_POINTS} code points of letters and digits of any script, plus
 *       {@code . _ - @}; combining marks after a letter or digit, since many scripts (Devanagari, Thai, …) cannot be
 *       written without them.</li>
 *   <li><b>Refused, naming the code point:</b> invisible ones ({@link InvisibleCodePoints}: variation selectors,
 *       zero-width and bidi controls, the Hangul fillers that are letters yet show nothing); ids that mix scripts
 *       or number systems ({@link ScriptRestriction}, UTS #39 "Highly Restrictive").</li>
 * </ul>
 */
public record UserId(String value) {
  public static final int MAX_CODE_POINTS = 64;

  public UserId {
    if (value == null || value.isEmpty()) {
      throw invalid("must not be empty");
    }
    // Most ids are plain ASCII, and so is every one a store reads back that was written canonical: NFKC keeps them
    // as they are, and they are Latin or Common, so lower case is all they need, at a twentieth of the cost.
    boolean plainAscii = isPlainAscii(value);
    if (!plainAscii) {
      refuseInvisible(value);
    }
    value = plainAscii ? value.toLowerCase(Locale.ROOT) : canonical(value);
    int count = value.codePointCount(0, value.length());
    if (count > MAX_CODE_POINTS) {
      throw invalid("must be at most " + MAX_CODE_POINTS + " characters, got " + count);
    }
    if (!plainAscii) {
      refuseLookAlikes(value);
    }
  }

  /** Invisible code points that canonicalisation brought, characters outside the rules, and mixed scripts. */
  private static void refuseLookAlikes(String canonical) {
    refuseInvisible(canonical);
    int previous = -1;
    for (int i = 0; i < canonical.length(); ) {
      int cp = canonical.codePointAt(i);
      if (!allowed(cp, previous)) {
        throw invalid("may contain only letters, digits and . _ - @ (found " + describe(cp) + ")");
      }
      previous = cp;
      i += Character.charCount(cp);
    }
    Optional<String> mixed = ScriptRestriction.problem(canonical);
    if (mixed.isPresent()) {
      throw invalid(mixed.get());
    }
  }

  /** Only ASCII letters, digits and {@code . _ - @}: NFKC leaves them alone, and they are all Latin or Common. */
  private static boolean isPlainAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-' || c == '@';
      if (!plain) {
        return false;
      }
    }
    return true;
  }

  /** NFKC, lower case, NFKC: the canonical form, before any check. */
  static String canonical(String raw) {
    String compatible = Normalizer.normalize(raw, Normalizer.Form.NFKC);
    return Normalizer.normalize(compatible.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
  }

  private static void refuseInvisible(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (InvisibleCodePoints.contains(cp)) {
        throw invalid("must not contain invisible characters (found " + describe(cp) + ")");
      }
      i += Character.charCount(cp);
    }
  }

  private static boolean allowed(int cp, int previous) {
    if (Character.isLetterOrDigit(cp) || cp == '.' || cp == '_' || cp == '-' || cp == '@') {
      return true;
    }
    return isCombiningMark(cp) && previous != -1 && (Character.isLetterOrDigit(previous) || isCombiningMark(previous));
  }

  private static boolean isCombiningMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** {@code U+0430 CYRILLIC SMALL LETTER A}: a code point as an error message names it. */
  static String describe(int cp) {
    String name = Character.getName(cp);
    return String.format("U+%04X", cp) + (name == null ? "" : " " + name);
  }

  private static InvalidInputException invalid(String problem) {
    return new InvalidInputException("userId", "userId " + problem);
  }

  @Override
  public String toString() {
    return value;
  }
}
