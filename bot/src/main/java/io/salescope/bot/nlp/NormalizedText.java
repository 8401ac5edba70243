package io.salescope.bot.nlp;

import java.text.Normalizer;
import java.util.BitSet;

/**
 * A question in three aligned views of the same length, so that a position found in one is
 * valid in the others: {@code source} (NFKC, control characters as spaces), {@code lower}
 * (lower case, traditional Chinese characters as simplified ones) and {@code norm} (as
 * {@code lower}, with punctuation and possessive 's as spaces: the view the lexicon matches).
 */
final class NormalizedText {

    final String source;
    final String lower;
    final String norm;

    private NormalizedText(String source, String lower, String norm) {
        this.source = source;
        this.lower = lower;
        this.norm = norm;
    }

    static NormalizedText of(String raw) {
        String nfkc = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        char[] src = nfkc.toCharArray();
        for (int i = 0; i < src.length; i++) {
            char c = src[i];
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || Character.isWhitespace(c)) {
                src[i] = ' ';
            }
        }
        String source = new String(src);
        char[] low = new char[src.length];
        for (int i = 0; i < src.length; i++) {
            low[i] = simplified(Character.toLowerCase(src[i]));
        }
        String lower = new String(low);
        return new NormalizedText(source, lower, normalizeAligned(low));
    }

    /** A surface form (a name, a synonym) in the lexicon's view, spaces collapsed. */
    static String normalizeSurface(String surface) {
        String nfkc = Normalizer.normalize(surface, Normalizer.Form.NFKC);
        char[] low = new char[nfkc.length()];
        for (int i = 0; i < low.length; i++) {
            low[i] = simplified(Character.toLowerCase(nfkc.charAt(i)));
        }
        String norm = normalizeAligned(low);
        StringBuilder out = new StringBuilder(norm.length());
        boolean space = false;
        for (int i = 0; i < norm.length(); i++) {
            char c = norm.charAt(i);
            if (c == ' ') {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String normalizeAligned(char[] low) {
        char[] out = new char[low.length];
        for (int i = 0; i < low.length; i++) {
            char c = low[i];
            if (isApostrophe(c)) {
                out[i] = ' ';
                boolean possessive = i + 1 < low.length && low[i + 1] == 's'
                        && (i + 2 == low.length || !isWordChar(low[i + 2]));
                if (possessive) {
                    out[++i] = ' ';
                }
            } else if (Character.isLetterOrDigit(c) || c == '&' || c == '%') {
                out[i] = c >= '\u00c0' && c < '\u0250' ? withoutAccent(c) : c;
            } else {
                out[i] = ' ';
            }
        }
        return new String(out);
    }

    private static final java.util.Map<Character, Character> SIMPLIFIED = new java.util.concurrent.ConcurrentHashMap<>();

    /** "業績" → "业绩": the same question typed in traditional characters; one character for one. */
    static char simplified(char c) {
        if (!isCjk(c)) {
            return c;
        }
        return SIMPLIFIED.computeIfAbsent(c, k -> {
            String s = com.hankcs.hanlp.HanLP.convertToSimplifiedChinese(String.valueOf(k));
            return s.length() == 1 ? s.charAt(0) : k;
        });
    }

    /** "í" → "i": people often type names without their accents. */
    private static char withoutAccent(char c) {
        String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        if (d.length() > 1 && Character.getType(d.charAt(1)) == Character.NON_SPACING_MARK) {
            return d.charAt(0);
        }
        return c;
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '\u2018' || c == '`' || c == '\u00b4';
    }

    /** A Latin-like letter or digit: words of these need boundaries; CJK characters do not. */
    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) && !isCjk(c);
    }

    static boolean isCjk(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    static boolean containsCjk(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (isCjk(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    int length() {
        return norm.length();
    }

    /** The lexicon view with the given positions blanked (they were read as something else). */
    String normBlanked(BitSet blanked) {
        if (blanked.isEmpty()) {
            return norm;
        }
        char[] out = norm.toCharArray();
        for (int i = blanked.nextSetBit(0); i >= 0 && i < out.length; i = blanked.nextSetBit(i + 1)) {
            out[i] = ' ';
        }
        return new String(out);
    }
}
