package io.jkeras.preprocessing.text;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Keras's text tokenizer, {@code keras.preprocessing.text.Tokenizer}: learns a word index from texts and turns
 * texts into sequences of word indices or into bag-of-words matrices.
 *
 * <p>Settings (Keras kwargs, as fluent setters that may be changed at any time, as Keras's attributes):
 * {@code numWords} (only the words of index {@code < numWords} are kept when converting; {@code null}: all),
 * {@code filters} ({@link Text#DEFAULT_FILTERS}), {@code lower} (true), {@code split} ({@code " "}),
 * {@code charLevel} (false: every character a token, no filtering), {@code oovToken} (null: unknown words are
 * dropped; else they map to its index, 1), {@code documentCount} (0), and {@code analyzer} (a Java function that
 * replaces the filtering and splitting; never saved, as in Keras).
 *
 * <p>{@link #wordIndex()} orders words by count, most frequent first, ties in the order the words were first
 * seen (Python's stable sort); index 0 is never given to a word. {@link #toJson()} writes Keras's
 * {@code tokenizer.to_json()} layout and {@link #tokenizerFromJson(String)} reads it, either way across Python.
 *
 * <pre>{@code
 * jshell> var t = new Tokenizer().oovToken("<OOV>");
 * jshell> t.fitOnTexts(List.of("The cat sat.", "The dog sat on the cat!"));
 * jshell> t.wordIndex()
 * $3 ==> {<OOV>=1, the=2, cat=3, sat=4, dog=5, on=6}
 * jshell> t.textsToSequences(List.of("the bird sat"))
 * $4 ==> [[2, 1, 4]]
 * jshell> t.textsToMatrix(List.of("the cat"), "count").shape()
 * $5 ==> long[2] { 1, 7 }
 * }</pre>
 */
public class Tokenizer {
    private Integer numWords;
    private String filters = Text.DEFAULT_FILTERS;
    private boolean lower = true;
    private String split = " ";
    private boolean charLevel;
    private String oovToken;
    private int documentCount;
    private Function<String, List<String>> analyzer;

    // Keras keeps these as (ordered) dicts; their order is part of the JSON it writes.
    final LinkedHashMap<String, Integer> wordCounts = new LinkedHashMap<>();
    final LinkedHashMap<String, Integer> wordDocs = new LinkedHashMap<>();
    final LinkedHashMap<Integer, Integer> indexDocs = new LinkedHashMap<>();
    final LinkedHashMap<String, Integer> wordIndex = new LinkedHashMap<>();
    final LinkedHashMap<Integer, String> indexWord = new LinkedHashMap<>();

    /** A tokenizer with Keras's defaults. */
    public Tokenizer() {
    }

    // ------------------------------------------------------------------ settings

    /** Keeps only the words of index below {@code n} when converting ({@code null} or 0: all words). */
    public Tokenizer numWords(Integer n) {
        this.numWords = n;
        return this;
    }

    /** The characters removed before splitting. */
    public Tokenizer filters(String f) {
        this.filters = f == null ? "" : f;
        return this;
    }

    /** Whether texts are lower-cased. */
    public Tokenizer lower(boolean l) {
        this.lower = l;
        return this;
    }

    /** The word separator. */
    public Tokenizer split(String s) {
        this.split = s;
        return this;
    }

    /** Whether every character is a token (then {@code filters} and {@code split} are not used, as in Keras). */
    public Tokenizer charLevel(boolean c) {
        this.charLevel = c;
        return this;
    }

    /** The token that stands for unknown words (given index 1 by the next fit), or {@code null} to drop them. */
    public Tokenizer oovToken(String t) {
        this.oovToken = t;
        return this;
    }

    /** The number of documents seen so far (Keras's {@code document_count} kwarg, used by tf-idf). */
    public Tokenizer documentCount(int n) {
        this.documentCount = n;
        return this;
    }

    /** A function from a text to its tokens, used instead of filtering and splitting (not saved to JSON). */
    public Tokenizer analyzer(Function<String, List<String>> a) {
        this.analyzer = a;
        return this;
    }

    /** The word limit, or {@code null}. */
    public Integer numWords() {
        return numWords;
    }

    /** The filtered characters. */
    public String filters() {
        return filters;
    }

    /** Whether texts are lower-cased. */
    public boolean lower() {
        return lower;
    }

    /** The word separator. */
    public String split() {
        return split;
    }

    /** Whether every character is a token. */
    public boolean charLevel() {
        return charLevel;
    }

    /** The OOV token, or {@code null}. */
    public String oovToken() {
        return oovToken;
    }

    /** The number of documents fitted so far. */
    public int documentCount() {
        return documentCount;
    }

    /** Word → count over all fitted texts, in first-seen order. */
    public Map<String, Integer> wordCounts() {
        return Collections.unmodifiableMap(wordCounts);
    }

    /** Word → number of documents that hold it. */
    public Map<String, Integer> wordDocs() {
        return Collections.unmodifiableMap(wordDocs);
    }

    /** Word index → number of documents that hold it. */
    public Map<Integer, Integer> indexDocs() {
        return Collections.unmodifiableMap(indexDocs);
    }

    /** Word → index (1 is the most frequent word, or the OOV token when there is one). */
    public Map<String, Integer> wordIndex() {
        return Collections.unmodifiableMap(wordIndex);
    }

    /** Index → word, the inverse of {@link #wordIndex()}. */
    public Map<Integer, String> indexWord() {
        return Collections.unmodifiableMap(indexWord);
    }

    // ------------------------------------------------------------------ fitting

    /** Updates the vocabulary from these texts, as Keras's {@code fit_on_texts}. */
    public Tokenizer fitOnTexts(List<String> texts) {
        for (String text : texts) {
            documentCount++;
            List<String> seq = tokens(text);
            for (String w : seq) wordCounts.merge(w, 1, Integer::sum);
            // Keras iterates a Python set here, whose order is not defined; first-seen order is one it may take
            for (String w : new LinkedHashSet<>(seq)) wordDocs.merge(w, 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> counts = new ArrayList<>(wordCounts.entrySet());
        counts.sort((a, b) -> Integer.compare(b.getValue(), a.getValue())); // stable, like Python's sort
        wordIndex.clear();
        int i = 1;
        if (oovToken != null) wordIndex.put(oovToken, i++); // forced to index 1
        // as Python's dict(zip(...)), a word equal to the OOV token keeps its first position but takes the later index
        for (Map.Entry<String, Integer> e : counts) wordIndex.put(e.getKey(), i++);
        indexWord.clear();
        for (Map.Entry<String, Integer> e : wordIndex.entrySet()) indexWord.put(e.getValue(), e.getKey());
        for (Map.Entry<String, Integer> e : wordDocs.entrySet()) indexDocs.put(wordIndex.get(e.getKey()), e.getValue());
        return this;
    }

    /** Varargs form of {@link #fitOnTexts(List)}. */
    public Tokenizer fitOnTexts(String... texts) {
        return fitOnTexts(List.of(texts));
    }

    /** Updates the document frequencies from sequences of word indices, as Keras's {@code fit_on_sequences}. */
    public Tokenizer fitOnSequences(List<? extends List<Integer>> sequences) {
        documentCount += sequences.size();
        for (List<Integer> seq : sequences) {
            for (Integer j : new LinkedHashSet<>(seq)) indexDocs.merge(j, 1, Integer::sum);
        }
        return this;
    }

    /** The tokens of one text: characters, the analyzer's output, or Keras's filtered words. */
    List<String> tokens(String text) {
        if (text == null) throw new IllegalArgumentException("A text to tokenize cannot be null.");
        if (charLevel) return Text.characters(lower ? text.toLowerCase(Locale.ROOT) : text);
        if (analyzer != null) return analyzer.apply(text);
        return Text.textToWordSequence(text, filters, lower, split);
    }

    // ------------------------------------------------------------------ converting

    /**
     * Each text as its word indices, as Keras's {@code texts_to_sequences}. Unknown words, and words of index
     * {@code >= numWords}, become the OOV token's index or are dropped when there is none.
     */
    public List<List<Integer>> textsToSequences(List<String> texts) {
        Integer oovIndex = oovToken == null ? null : wordIndex.get(oovToken);
        List<List<Integer>> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            List<Integer> vect = new ArrayList<>();
            for (String w : tokens(text)) {
                Integer i = wordIndex.get(w);
                if (i != null && !(limited() && i >= numWords)) vect.add(i);
                else if (oovIndex != null) vect.add(oovIndex); // unfitted tokenizer: Keras would append None; dropped here
            }
            out.add(vect);
        }
        return out;
    }

    /** Each sequence of word indices back to a text (words joined by a space), as Keras's {@code sequences_to_texts}. */
    public List<String> sequencesToTexts(List<? extends List<Integer>> sequences) {
        Integer oovIndex = oovToken == null ? null : wordIndex.get(oovToken);
        String oovWord = oovIndex == null ? null : indexWord.get(oovIndex);
        List<String> out = new ArrayList<>(sequences.size());
        for (List<Integer> seq : sequences) {
            List<String> words = new ArrayList<>();
            for (Integer num : seq) {
                String word = indexWord.get(num);
                if (word != null && !(limited() && num >= numWords)) words.add(word);
                else if (oovWord != null) words.add(oovWord);
            }
            out.add(String.join(" ", words));
        }
        return out;
    }

    /** {@link #textsToMatrix(List, String)} in {@code "binary"} mode. */
    public INDArray textsToMatrix(List<String> texts) {
        return textsToMatrix(texts, "binary");
    }

    /** Texts as a {@code (texts, numWords)} float64 matrix; {@code mode}: binary, count, freq or tfidf. */
    public INDArray textsToMatrix(List<String> texts, String mode) {
        return sequencesToMatrix(textsToSequences(texts), mode);
    }

    /** {@link #sequencesToMatrix(List, String)} in {@code "binary"} mode. */
    public INDArray sequencesToMatrix(List<? extends List<Integer>> sequences) {
        return sequencesToMatrix(sequences, "binary");
    }

    /**
     * Sequences as a {@code (sequences, numWords)} float64 matrix (Keras returns float64 NumPy), as Keras's
     * {@code sequences_to_matrix}; the width is {@code numWords}, or the vocabulary size + 1 when that is unset.
     * Indices {@code >= width} are ignored. Modes: {@code binary} (1 where a word occurs), {@code count},
     * {@code freq} (count / sequence length) and {@code tfidf}: {@code (1 + ln count) * ln(1 + documentCount /
     * (1 + documents holding the word))}.
     */
    public INDArray sequencesToMatrix(List<? extends List<Integer>> sequences, String mode) {
        int width;
        if (!limited()) {
            if (wordIndex.isEmpty()) {
                throw new IllegalStateException("Specify a dimension (`num_words` argument), or fit on some text data first.");
            }
            width = wordIndex.size() + 1;
        } else {
            width = numWords;
        }
        if (!Set.of("binary", "count", "freq", "tfidf").contains(mode)) {
            throw new IllegalArgumentException("Unknown vectorization mode: " + mode + ". Expected one of binary, count, freq, tfidf.");
        }
        if (mode.equals("tfidf") && documentCount == 0) {
            throw new IllegalStateException("Fit the Tokenizer on some data before using tfidf mode.");
        }
        int rows = sequences.size();
        double[] x = new double[rows * width];
        for (int i = 0; i < rows; i++) {
            List<Integer> seq = sequences.get(i);
            if (seq.isEmpty()) continue;
            Map<Integer, Integer> counts = new LinkedHashMap<>();
            for (Integer j : seq) {
                if (j < 0) {
                    throw new IllegalArgumentException("Received a word index of " + j + " in sequence " + i
                            + "; word indices must be >= 0.");
                }
                if (j < width) counts.merge(j, 1, Integer::sum);
            }
            for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
                int j = e.getKey(), c = e.getValue();
                x[i * width + j] = switch (mode) {
                    case "count" -> c;
                    case "freq" -> c / (double) seq.size();
                    case "binary" -> 1;
                    default -> (1 + Math.log(c)) * Math.log(1 + documentCount / (1.0 + indexDocs.getOrDefault(j, 0)));
                };
            }
        }
        if (rows == 0) return Nd4j.create(DataType.DOUBLE, 0, width);
        return Nd4j.create(x, new long[]{rows, width}, DataType.DOUBLE);
    }

    private boolean limited() {
        return numWords != null && numWords != 0; // Keras tests `if num_words`, so 0 means no limit
    }

    // ------------------------------------------------------------------ saving

    /** Keras's {@code get_config()}: the settings, and the five dictionaries each as a JSON string. */
    public Map<String, Object> getConfig() {
        return TokenizerJson.config(this);
    }

    /** Keras's {@code to_json()}: {@code {"class_name": "Tokenizer", "config": {...}}}, byte for byte as Python writes it. */
    public String toJson() {
        return TokenizerJson.write(this);
    }

    /** Keras's {@code tokenizer_from_json}: a tokenizer from what {@link #toJson()} or Python Keras wrote. */
    public static Tokenizer tokenizerFromJson(String json) {
        return TokenizerJson.read(json);
    }
}
