package io.jkeras.layers.preprocessing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The string steps of {@code TextVectorization}, each as TensorFlow's op that Keras calls:
 * <ul>
 *   <li>{@link #lower}: {@code tf.strings.lower} with its default encoding, which lower-cases ASCII letters only
 *       ({@code "ÉCOLE"} becomes {@code "École"}, as in Keras);</li>
 *   <li>{@link #stripPunctuation}: Keras's {@code regex_replace} of the 32 ASCII punctuation characters
 *       (Python's {@code string.punctuation}) with nothing, so {@code "can't"} becomes {@code "cant"};</li>
 *   <li>{@link #splitWhitespace}: {@code tf.strings.split} without a separator: runs of ASCII whitespace
 *       (space, {@code \t \n \v \f \r}) separate words, none of them empty;</li>
 *   <li>{@link #splitCharacters}: {@code tf.strings.unicode_split}: one token per Unicode character;</li>
 *   <li>{@link #ngrams}: {@code tf.strings.ngrams(separator=" ")}: for each width in order, every run of that many
 *       consecutive tokens joined by a space (none when the sequence is shorter).</li>
 * </ul>
 */
public final class TextOps {
    /** Python's {@code string.punctuation}, the characters Keras's standardization strips. */
    public static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private TextOps() {
    }

    /**
     * The tokens of one string, as Keras's {@code TextVectorization._preprocess}: standardized (a named mode, a
     * function, or neither when both are null), split (a named mode, a function, or the whole string as one token),
     * then recombined into n-grams of these widths ({@code null}: none).
     */
    public static List<String> tokenize(String text, String standardize, UnaryOperator<String> standardizeFunction,
                                        String split, Function<String, List<String>> splitFunction, int[] ngramWidths) {
        String s = text;
        if (standardizeFunction != null) {
            s = standardizeFunction.apply(s);
        } else if (standardize != null) {
            if (!standardize.equals("strip_punctuation")) s = lower(s);
            if (!standardize.equals("lower")) s = stripPunctuation(s);
        }
        List<String> toks;
        if (splitFunction != null) toks = splitFunction.apply(s);
        else if (split == null) toks = List.of(s);
        else if (split.equals("whitespace")) toks = splitWhitespace(s);
        else toks = splitCharacters(s);
        return ngramWidths == null ? toks : ngrams(toks, ngramWidths);
    }

    /** ASCII-only lower-casing. */
    public static String lower(String s) {
        char[] c = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                if (c == null) c = s.toCharArray();
                c[i] = (char) (ch + ('a' - 'A'));
            }
        }
        return c == null ? s : new String(c);
    }

    /** Removes ASCII punctuation. */
    public static String stripPunctuation(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (PUNCTUATION.indexOf(ch) < 0) sb.append(ch);
        }
        return sb.toString();
    }

    /** The words of {@code s} between runs of ASCII whitespace. */
    public static List<String> splitWhitespace(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            boolean space = i == s.length() || isAsciiSpace(s.charAt(i));
            if (space && start >= 0) {
                out.add(s.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return out;
    }

    private static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** One token per Unicode character (code point). */
    public static List<String> splitCharacters(String s) {
        List<String> out = new ArrayList<>(s.length());
        s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }

    /** The n-grams of {@code tokens} for each width, grouped by width in the order given. */
    public static List<String> ngrams(List<String> tokens, int[] widths) {
        List<String> out = new ArrayList<>();
        for (int n : widths) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                out.add(n == 1 ? tokens.get(i) : String.join(" ", tokens.subList(i, i + n)));
            }
        }
        return out;
    }

    /** Compares two strings by their UTF-8 bytes (which is code-point order), as NumPy sorts TensorFlow's byte strings. */
    public static int compareUtf8(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i), cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
