package io.wschat.domain.model;

import java.text.Normalizer;

/**
 * A user's name in the chat: 1 to 64 code points of letters and digits of any script, plus {@code . _ - @},
 * NFC-normalised so that the same name typed on two keyboards is one user. Combining marks are allowed after a
 * letter or digit, since many scripts (Devanagari, Thai, …) cannot be written without them.
 */
public record UserId(String value) {
  public static final int MAX_CODE_POINTS = 64;

  public UserId {
    if (value == null || value.isEmpty()) {
      throw new InvalidInputException("userId", "userId must not be empty");
    }
    value = Normalizer.normalize(value, Normalizer.Form.NFC);
    int count = value.codePointCount(0, value.length());
    if (count > MAX_CODE_POINTS) {
      throw new InvalidInputException("userId", "userId must be at most " + MAX_CODE_POINTS + " characters, got " + count);
    }
    int previous = -1;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      if (!allowed(cp, previous)) {
        throw new InvalidInputException("userId",
            "userId may contain only letters, digits and . _ - @ (found U+" + String.format("%04X", cp) + ")");
      }
      previous = cp;
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

  @Override
  public String toString() {
    return value;
  }
}
