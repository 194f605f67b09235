package io.jkeras.datasets;

/**
 * Keras's keyword arguments of {@code imdb.load_data} and {@code reuters.load_data}, as fluent setters with Keras's
 * defaults: {@code numWords} ({@code null}: keep every word), {@code skipTop} (0), {@code maxlen} ({@code null}: no
 * limit; Keras drops every sequence of {@code maxlen} words or more, counting the start mark), {@code seed} (113,
 * NumPy's shuffle seed), {@code startChar} (1; {@code null}: no start mark), {@code oovChar} (2; {@code null}: drop
 * cut words instead), {@code indexFrom} (3) and, for Reuters only, {@code testSplit} (0.2).
 *
 * <pre>{@code
 * jshell> var d = Reuters.loadData(Reuters.options().numWords(10000).testSplit(0.2));
 * }</pre>
 */
public final class SequenceOptions {
    Integer numWords;
    int skipTop;
    Integer maxlen;
    long seed = 113;
    Integer startChar = 1;
    Integer oovChar = 2;
    int indexFrom = 3;
    Double testSplit;

    SequenceOptions() {
    }

    /** Keep the {@code numWords} most frequent words (indexes below {@code numWords}); others become {@code oovChar}. */
    public SequenceOptions numWords(Integer numWords) {
        this.numWords = numWords;
        return this;
    }

    /** Also cut the {@code skipTop} most frequent words (indexes below {@code skipTop}). */
    public SequenceOptions skipTop(int skipTop) {
        this.skipTop = skipTop;
        return this;
    }

    /** Keep only sequences shorter than {@code maxlen} (Keras's {@code remove_long_seq}). */
    public SequenceOptions maxlen(Integer maxlen) {
        this.maxlen = maxlen;
        return this;
    }

    /** The seed of NumPy's {@code RandomState} that shuffles the data. */
    public SequenceOptions seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The index that starts every sequence ({@code null}: none). */
    public SequenceOptions startChar(Integer startChar) {
        this.startChar = startChar;
        return this;
    }

    /** The index that replaces a cut word ({@code null}: cut words are dropped). */
    public SequenceOptions oovChar(Integer oovChar) {
        this.oovChar = oovChar;
        return this;
    }

    /** The offset added to every word index of the file (Keras reserves 0, 1 and 2). */
    public SequenceOptions indexFrom(int indexFrom) {
        this.indexFrom = indexFrom;
        return this;
    }

    /** Reuters only: the fraction of the (shuffled) newswires kept for testing. */
    public SequenceOptions testSplit(double testSplit) {
        this.testSplit = testSplit;
        return this;
    }
}
