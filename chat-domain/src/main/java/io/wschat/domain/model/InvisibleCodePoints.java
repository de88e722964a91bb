package io.wschat.domain.model;

/**
 * Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt, unchanged from Unicode 13 to 16):
 * characters a renderer shows as nothing, so {@code alice} followed by one of them looks like {@code alice}. The JDK
 * has no accessor for this property; {@code UserIdTest} checks this table against ICU4J's for every code point.
 */
final class InvisibleCodePoints {
  // Pairs of first and last code point, ascending.
  private static final int[] RANGES = {
      0x00AD, 0x00AD, // SOFT HYPHEN
      0x034F, 0x034F, // COMBINING GRAPHEME JOINER
      0x061C, 0x061C, // ARABIC LETTER MARK
      0x115F, 0x1160, // HANGUL CHOSEONG and JUNGSEONG FILLER (letters, category Lo)
      0x17B4, 0x17B5, // KHMER VOWEL INHERENT AQ, AA
      0x180B, 0x180F, // MONGOLIAN FREE VARIATION SELECTORS, VOWEL SEPARATOR
      0x200B, 0x200F, // ZERO WIDTH SPACE, ZWNJ, ZWJ, LRM, RLM
      0x202A, 0x202E, // bidi embeddings and overrides
      0x2060, 0x206F, // WORD JOINER, invisible operators, bidi isolates, deprecated format characters
      0x3164, 0x3164, // HANGUL FILLER (a letter, category Lo)
      0xFE00, 0xFE0F, // VARIATION SELECTOR-1 to 16
      0xFEFF, 0xFEFF, // ZERO WIDTH NO-BREAK SPACE (BOM)
      0xFFA0, 0xFFA0, // HALFWIDTH HANGUL FILLER (a letter, category Lo)
      0xFFF0, 0xFFF8, // reserved
      0x1BCA0, 0x1BCA3, // SHORTHAND FORMAT controls
      0x1D173, 0x1D17A, // MUSICAL SYMBOL BEGIN BEAM to END PHRASE
      0xE0000, 0xE0FFF, // tags, VARIATION SELECTOR-17 to 256, reserved
  };

  private InvisibleCodePoints() {}

  static boolean contains(int cp) {
    for (int i = 0; i < RANGES.length && RANGES[i] <= cp; i += 2) {
      if (cp <= RANGES[i + 1]) {
        return true;
      }
    }
    return false;
  }
}
