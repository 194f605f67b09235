package io.jkeras.preprocessing.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keras's word splitting, {@code keras.preprocessing.text.text_to_word_sequence}: lower-cases the text, turns
 * every character of {@code filters} into the separator, splits on the separator and drops empty pieces.
 *
 * <p>{@link #DEFAULT_FILTERS} is Keras's default: ASCII punctuation except the apostrophe, plus tab and
 * newline, so {@code "don't"} stays one word.
 *
 * <pre>{@code
 * jshell> Text.textToWordSequence("The cat sat on the mat.")
 * $1 ==> [the, cat, sat, on, the, mat]
 * }</pre>
 */
public final class Text {
    /** Keras's default {@code filters}: {@code !"#$%&()*+,-./:;<=>?@[\]^_`{|}~} then tab and newline. */
    public static final String DEFAULT_FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    private Text() {
    }

    /** Splits with Keras's defaults: default filters, lower-casing, a space as the separator. */
    public static List<String> textToWordSequence(String text) {
        return textToWordSequence(text, DEFAULT_FILTERS, true, " ");
    }

    /**
     * Splits {@code text} into words as Keras does.
     *
     * @param text the text
     * @param filters characters to turn into the separator before splitting
     * @param lower whether to lower-case first (Python's {@code str.lower})
     * @param split the separator (one or more characters)
     * @return the non-empty words, in order
     */
    public static List<String> textToWordSequence(String text, String filters, boolean lower, String split) {
        if (split == null || split.isEmpty()) throw new IllegalArgumentException("empty separator");
        String s = lower ? text.toLowerCase(Locale.ROOT) : text;
        StringBuilder translated = new StringBuilder(s.length());
        String f = filters == null ? "" : filters;
        // Python's str.translate maps code points; indexOf(int) does the same on Java's UTF-16 strings
        s.codePoints().forEach(cp -> {
            if (f.indexOf(cp) >= 0) translated.append(split);
            else translated.appendCodePoint(cp);
        });
        List<String> words = new ArrayList<>();
        String t = translated.toString();
        int from = 0;
        while (true) {
            int at = t.indexOf(split, from);
            String piece = at < 0 ? t.substring(from) : t.substring(from, at);
            if (!piece.isEmpty()) words.add(piece);
            if (at < 0) break;
            from = at + split.length();
        }
        return words;
    }

    /** The characters of {@code text} (code points, so a character beyond the BMP stays whole), as Keras's char_level. */
    static List<String> characters(String text) {
        List<String> out = new ArrayList<>(text.length());
        text.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }
}
