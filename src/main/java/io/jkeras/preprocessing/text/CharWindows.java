package io.jkeras.preprocessing.text;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A text cut into overlapping windows of {@code maxlen} characters, each paired with the character that follows it,
 * and one-hot encoded over the text's alphabet: the data of the course's character-level LSTM (Chollet, <i>Deep
 * Learning with Python</i>, 8.1, and keras.io's "Character-level text generation with LSTM"):
 * <pre>
 * for i in range(0, len(text) - maxlen, step): sentences.append(text[i: i + maxlen]); next_chars.append(text[i + maxlen])
 * chars = sorted(list(set(text)))
 * </pre>
 * {@link #x()} is {@code (windows, maxlen, alphabet)} and {@link #y()} {@code (windows, alphabet)}, float32 0/1 (the
 * example's bool arrays as the numbers the model reads); {@link #encode(String)} turns a seed text into one model
 * input for generation. The alphabet is sorted by code unit, as Python's {@code sorted} sorts a BMP text.
 *
 * <pre>{@code
 * jshell> CharWindows w = CharWindows.of(text, 60, 3);
 * jshell> Sequential m = new Sequential(new LSTM(128).inputShape(60, w.alphabetSize()),
 *    ...>     new Dense(w.alphabetSize()).activation("softmax"));
 * jshell> m.compile(new RMSprop(0.01), "categorical_crossentropy"); m.fit(w.x(), w.y(), 1, 128);
 * jshell> char next = w.charAt(Sampling.sample(m.predict(w.encode(seed)).getRow(0), 0.5));
 * }</pre>
 */
public final class CharWindows {
    private final int maxlen;
    private final char[] chars;
    private final Map<Character, Integer> index = new TreeMap<>();
    private final List<String> sentences = new ArrayList<>();
    private final StringBuilder nextChars = new StringBuilder();

    private CharWindows(String text, int maxlen, int step) {
        if (maxlen <= 0 || step <= 0) {
            throw new IllegalArgumentException("maxlen and step must be positive, got maxlen=" + maxlen + ", step=" + step);
        }
        if (text.length() <= maxlen) {
            throw new IllegalArgumentException("The text has " + text.length() + " characters: it needs more than maxlen="
                    + maxlen + " to give one window and the character after it.");
        }
        this.maxlen = maxlen;
        TreeSet<Character> set = new TreeSet<>();
        for (int i = 0; i < text.length(); i++) set.add(text.charAt(i));
        chars = new char[set.size()];
        int k = 0;
        for (char c : set) {
            index.put(c, k);
            chars[k++] = c;
        }
        for (int i = 0; i < text.length() - maxlen; i += step) {
            sentences.add(text.substring(i, i + maxlen));
            nextChars.append(text.charAt(i + maxlen));
        }
    }

    /**
     * Cuts a text into windows.
     *
     * @param text the corpus (the course lower-cases it first)
     * @param maxlen the window length (the course: 60)
     * @param step the distance between window starts (the course: 3)
     */
    public static CharWindows of(String text, int maxlen, int step) {
        return new CharWindows(text, maxlen, step);
    }

    /** The number of windows. */
    public int size() {
        return sentences.size();
    }

    /** The window length. */
    public int maxlen() {
        return maxlen;
    }

    /** The number of distinct characters. */
    public int alphabetSize() {
        return chars.length;
    }

    /** The alphabet, sorted (Keras's {@code chars}). */
    public String alphabet() {
        return new String(chars);
    }

    /** The character at an alphabet index (the example's {@code indices_char}). */
    public char charAt(int i) {
        return chars[i];
    }

    /** The alphabet index of a character (the example's {@code char_indices}), or -1 if the text has none. */
    public int indexOf(char c) {
        Integer i = index.get(c);
        return i == null ? -1 : i;
    }

    /** The windows (Keras's {@code sentences}). */
    public List<String> sentences() {
        return List.copyOf(sentences);
    }

    /** The characters that follow each window (Keras's {@code next_chars}). */
    public String nextChars() {
        return nextChars.toString();
    }

    /** The windows one-hot, {@code (windows, maxlen, alphabet)} float32. */
    public INDArray x() {
        return oneHot(sentences, maxlen);
    }

    /** The next characters one-hot, {@code (windows, alphabet)} float32. */
    public INDArray y() {
        List<String> next = new ArrayList<>();
        for (int i = 0; i < nextChars.length(); i++) next.add(String.valueOf(nextChars.charAt(i)));
        return oneHot(next, 1).reshape(next.size(), chars.length);
    }

    /**
     * One model input for generation: the last {@code maxlen} characters of {@code seed} one-hot,
     * {@code (1, maxlen, alphabet)}; a shorter seed is placed at the end (zeros before it), and characters outside
     * the alphabet are all-zero rows.
     */
    public INDArray encode(String seed) {
        String s = seed.length() > maxlen ? seed.substring(seed.length() - maxlen) : seed;
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, maxlen, chars.length);
        int offset = maxlen - s.length();
        for (int t = 0; t < s.length(); t++) {
            int i = indexOf(s.charAt(t));
            if (i >= 0) x.putScalar(new long[]{0, offset + t, i}, 1f);
        }
        return x;
    }

    /** {@code (n, len, alphabet)} one-hot, filled as one Java array and handed to ND4J in one copy. */
    private INDArray oneHot(List<String> texts, int len) {
        int a = chars.length;
        long total = (long) texts.size() * len * a;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("The one-hot windows would hold " + total + " values, more than one array can: "
                    + "use a larger step or a shorter text.");
        }
        float[] data = new float[(int) total];
        int row = 0;
        for (String s : texts) {
            for (int t = 0; t < len; t++, row++) data[row * a + index.get(s.charAt(t))] = 1f;
        }
        return Nd4j.create(data, new long[]{texts.size(), len, a}, DataType.FLOAT);
    }
}
