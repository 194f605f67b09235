package io.jkeras.layers;

import io.jkeras.Keras;
import io.jkeras.Shape;
import io.jkeras.layers.preprocessing.TextOps;
import io.jkeras.layers.preprocessing.TokenEncoder;
import io.jkeras.layers.preprocessing.VocabularyLookup;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Turns strings into token indices or bag-of-words vectors, as {@code keras.layers.TextVectorization} (Keras 3).
 *
 * <p>Each string is standardized ({@code standardize}: {@code "lower_and_strip_punctuation"} (default),
 * {@code "lower"}, {@code "strip_punctuation"} or {@code null}; lower-casing is ASCII-only and the stripped
 * characters are ASCII punctuation, as TensorFlow's ops do), split ({@code split}: {@code "whitespace"} (default),
 * {@code "character"} or {@code null} for the whole string as one token), optionally recombined into n-grams
 * ({@code ngrams}: {@code n} for widths 1..n, or explicit widths), then looked up in the vocabulary. The vocabulary
 * comes from {@link #adapt(List)} (tokens by count, most frequent first, ties by the token's bytes from high to low,
 * capped at {@code maxTokens} special tokens included) or is given ({@link #vocabulary(List)},
 * {@link #setVocabulary(List)}).
 *
 * <p>Output ({@code outputMode}):
 * <ul>
 *   <li>{@code "int"} (default): {@code (batch, T)} int64 indices, 0 = padding ({@code ""}), 1 = unknown
 *       ({@code "[UNK]"}); {@code T} = {@code outputSequenceLength} (padded with 0 / truncated at the end) or the
 *       longest row of the batch;</li>
 *   <li>{@code "multi_hot"}, {@code "count"}, {@code "tf_idf"}: {@code (batch, depth)} floats, {@code depth} = the
 *       vocabulary size ({@code "[UNK]"} at 0), or {@code maxTokens} with {@code padToMaxTokens}; tf_idf multiplies
 *       counts by {@code idf = log(1 + num_documents / (1 + token_document_count))} learned by adapt (the OOV slot
 *       gets the mean idf), or by the {@code idfWeights} given with the vocabulary.</li>
 * </ul>
 *
 * <p>Input: an ND4J string array ({@code Nd4j.create("a b", "c")}) of shape {@code (batch,)} or
 * {@code (batch, 1)}; {@link #call(List)} and {@link #apply(String...)} take Java strings. Not trainable and
 * without gradient: use it to preprocess data, then fit a model on the numbers. Settings are fixed once the layer
 * has a vocabulary or has been called; a given vocabulary is checked then. Looking up strings is Java work (ND4J has
 * no string kernels); the tf-idf product is an ND4J op.
 *
 * <pre>{@code
 * jshell> var tv = new TextVectorization().maxTokens(5000).outputSequenceLength(4);
 * jshell> tv.adapt(List.of("foo bar", "bar baz", "baz bada boom"));
 * jshell> tv.getVocabulary()
 * $3 ==> [, [UNK], baz, bar, foo, boom, bada]
 * jshell> tv.apply("foo qux bar", "qux baz")
 * $4 ==> [[4, 1, 3, 0], [1, 2, 0, 0]]
 * }</pre>
 */
public class TextVectorization extends Layer {
    private static final List<String> STANDARDIZE = List.of("lower_and_strip_punctuation", "lower", "strip_punctuation");
    private static final List<String> SPLIT = List.of("whitespace", "character");
    private static final List<String> MODES = List.of("int", "multi_hot", "count", "tf_idf");

    private Integer maxTokens;
    private String standardize = "lower_and_strip_punctuation";
    private UnaryOperator<String> standardizeFunction;
    private String split = "whitespace";
    private Function<String, List<String>> splitFunction;
    private Object ngramsArg; // as given: null, an Integer or an int[] (Keras keeps the argument for its config)
    private int[] ngrams;
    private String outputMode = "int";
    private Integer outputSequenceLength;
    private boolean padToMaxTokens;
    private List<String> vocabularyArg;
    private double[] idfWeightsArg;
    private Integer vocabularySizeArg;
    private VocabularyLookup lookup;

    /** A layer with Keras's defaults; give it a vocabulary or {@link #adapt} it before use. */
    public TextVectorization() {
    }

    // ------------------------------------------------------------------ settings (Keras kwargs)

    /** The vocabulary cap, special tokens included ({@code null}: none); must be greater than 1. */
    public TextVectorization maxTokens(Integer n) {
        requireNotBuilt("max_tokens");
        if (n != null && n <= 1) throw new IllegalArgumentException("If set, `max_tokens` must be greater than 1. Received: max_tokens=" + n);
        this.maxTokens = n;
        return this;
    }

    /** {@code "lower_and_strip_punctuation"}, {@code "lower"}, {@code "strip_punctuation"} or {@code null} (none). */
    public TextVectorization standardize(String s) {
        requireNotBuilt("standardize");
        if (s != null && !STANDARDIZE.contains(s)) throw unknown("standardize", STANDARDIZE, s);
        this.standardize = s;
        this.standardizeFunction = null;
        return this;
    }

    /** A custom standardization (Keras's callable {@code standardize}); such a layer cannot be written to a config. */
    public TextVectorization standardizeFunction(UnaryOperator<String> f) {
        requireNotBuilt("standardize");
        this.standardizeFunction = f;
        this.standardize = null;
        return this;
    }

    /** {@code "whitespace"}, {@code "character"} or {@code null} (each string is one token). */
    public TextVectorization split(String s) {
        requireNotBuilt("split");
        if (s != null && !SPLIT.contains(s)) throw unknown("split", SPLIT, s);
        this.split = s;
        this.splitFunction = null;
        return this;
    }

    /** A custom splitting (Keras's callable {@code split}); such a layer cannot be written to a config. */
    public TextVectorization splitFunction(Function<String, List<String>> f) {
        requireNotBuilt("split");
        this.splitFunction = f;
        this.split = null;
        return this;
    }

    /** N-grams of widths 1 to {@code n} ({@code null}: none). */
    public TextVectorization ngrams(Integer n) {
        requireNotBuilt("ngrams");
        if (n == null) {
            ngramsArg = null;
            ngrams = null;
            return this;
        }
        if (n < 1) throw new IllegalArgumentException("`ngrams` must be None, an integer, or a tuple of integers. Received: ngrams=" + n);
        ngramsArg = n;
        ngrams = new int[n];
        for (int i = 0; i < n; i++) ngrams[i] = i + 1;
        return this;
    }

    /** N-grams of exactly these widths (Keras's tuple form), in this order. */
    public TextVectorization ngrams(int... widths) {
        requireNotBuilt("ngrams");
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("`ngrams` must be None, an integer, or a tuple of integers. Received: ngrams="
                        + LayerErrors.tuple(widths));
            }
        }
        ngramsArg = widths.clone();
        ngrams = widths.clone();
        return this;
    }

    /** {@code "int"}, {@code "multi_hot"}, {@code "count"} or {@code "tf_idf"} (also Keras's old {@code "binary"}, {@code "tf-idf"}). */
    public TextVectorization outputMode(String mode) {
        requireNotBuilt("output_mode");
        String m = "binary".equals(mode) ? "multi_hot" : "tf-idf".equals(mode) ? "tf_idf" : mode;
        if (!MODES.contains(m)) throw unknown("output_mode", MODES, mode);
        this.outputMode = m;
        return this;
    }

    /** In int mode, pads with 0 or truncates every row to this length ({@code null}: the batch's longest). */
    public TextVectorization outputSequenceLength(Integer n) {
        requireNotBuilt("output_sequence_length");
        if (n != null && n < 0) {
            throw new IllegalArgumentException("`output_sequence_length` must be either None or a non-negative integer when "
                    + "`output_mode` is 'int'. Received: output_sequence_length=" + n);
        }
        this.outputSequenceLength = n;
        return this;
    }

    /** In multi_hot, count and tf_idf modes, makes the output {@code maxTokens} wide. */
    public TextVectorization padToMaxTokens(boolean p) {
        requireNotBuilt("pad_to_max_tokens");
        this.padToMaxTokens = p;
        return this;
    }

    /** The vocabulary (Keras's constructor argument): the layer can then not be adapted. */
    public TextVectorization vocabulary(List<String> vocab) {
        requireNotBuilt("vocabulary");
        this.vocabularyArg = vocab == null ? null : List.copyOf(vocab);
        return this;
    }

    /** The idf weights that go with {@link #vocabulary(List)} in tf_idf mode, one per vocabulary entry. */
    public TextVectorization idfWeights(double... weights) {
        requireNotBuilt("idf_weights");
        this.idfWeightsArg = weights == null ? null : weights.clone();
        return this;
    }

    /** The vocabulary size read from a config ({@code vocabulary_size}); the output width before the vocabulary is set. */
    TextVectorization vocabularySizeFromConfig(Integer n) {
        this.vocabularySizeArg = n;
        return this;
    }

    /** The vocabulary cap, or {@code null}. */
    public Integer maxTokens() {
        return maxTokens;
    }

    /** The standardization mode, or {@code null} (none, or a custom function). */
    public String standardize() {
        return standardize;
    }

    /** The split mode, or {@code null} (none, or a custom function). */
    public String split() {
        return split;
    }

    /** The output mode. */
    public String outputMode() {
        return outputMode;
    }

    /** The int-mode output length, or {@code null}. */
    public Integer outputSequenceLength() {
        return outputSequenceLength;
    }

    /** Whether encoded outputs are {@code maxTokens} wide. */
    public boolean padToMaxTokens() {
        return padToMaxTokens;
    }

    private IllegalArgumentException unknown(String arg, List<String> allowed, Object value) {
        StringBuilder t = new StringBuilder("(");
        for (int i = 0; i < allowed.size(); i++) t.append(i > 0 ? ", " : "").append('\'').append(allowed.get(i)).append('\'');
        return new IllegalArgumentException("Unknown value for `" + arg + "` argument of TextVectorization. Allowed values are: "
                + t + "). Received: " + arg + "=" + value);
    }

    // ------------------------------------------------------------------ vocabulary

    /** The lookup table, made (and the settings checked and locked) on first need. */
    private VocabularyLookup lookup() {
        if (lookup == null) {
            VocabularyLookup l = newLookup();
            lookup = l;
            markBuilt();
        }
        return lookup;
    }

    /** The table for the current settings, with the given vocabulary set; checks the settings together as Keras's constructor. */
    private VocabularyLookup newLookup() {
        if (!outputMode.equals("int") && outputSequenceLength != null) {
            throw new IllegalArgumentException("`output_sequence_length` must not be set if `output_mode` is not 'int'. "
                    + "Received output_sequence_length=" + outputSequenceLength + ".");
        }
        if (padToMaxTokens && maxTokens == null) {
            throw new IllegalArgumentException("If pad_to_max_tokens is True, must set `max_tokens`. Received: max_tokens=None");
        }
        if (idfWeightsArg != null && !outputMode.equals("tf_idf")) {
            throw new IllegalArgumentException("`idf_weights` should only be set if `output_mode` is `'tf_idf'`. Received: idf_weights="
                    + Arrays.toString(idfWeightsArg) + " and output_mode=" + outputMode);
        }
        if (outputMode.equals("tf_idf") && vocabularyArg != null && idfWeightsArg == null) {
            throw new IllegalArgumentException("When specifying the `vocabulary` argument, in TF-IDF output mode, the `idf_weights` "
                    + "argument must also be provided.");
        }
        VocabularyLookup l = new VocabularyLookup(outputMode, maxTokens, padToMaxTokens, vocabularySizeArg);
        if (vocabularyArg != null) l.setVocabulary(vocabularyArg, idfWeightsArg);
        return l;
    }

    /**
     * Learns the vocabulary (and, in tf_idf mode, the idf weights) from these documents, one string each, as
     * Keras's {@code adapt}; replaces any earlier adapted vocabulary.
     */
    public void adapt(List<String> texts) {
        if (vocabularyArg != null) {
            throw new IllegalStateException("Cannot adapt layer '" + name() + "' after setting a static vocabulary via `vocabulary` "
                    + "argument or `set_vocabulary()` method.");
        }
        List<List<String>> docs = new ArrayList<>(texts.size());
        for (String t : texts) docs.add(tokens(t));
        lookup().adapt(docs);
    }

    /** {@link #adapt(List)} on an ND4J string array of shape {@code (N,)} or {@code (N, 1)}. */
    public void adapt(INDArray texts) {
        adapt(strings(texts));
    }

    /** Replaces the vocabulary, as Keras's {@code set_vocabulary} (no idf weights: not for tf_idf mode). */
    public void setVocabulary(List<String> vocab) {
        setVocabulary(vocab, null);
    }

    /** Replaces the vocabulary and, in tf_idf mode, the idf weights (one per vocabulary entry). */
    public void setVocabulary(List<String> vocab, double[] idfWeights) {
        lookup().setVocabulary(vocab, idfWeights);
    }

    /** The vocabulary, index order, with {@code ""} and {@code "[UNK]"} first in int mode, {@code "[UNK]"} first otherwise. */
    public List<String> getVocabulary() {
        return getVocabulary(true);
    }

    /** The vocabulary with or without the special tokens. */
    public List<String> getVocabulary(boolean includeSpecialTokens) {
        return current().getVocabulary(includeSpecialTokens);
    }

    /** The vocabulary size, special tokens included. */
    public int vocabularySize() {
        return current().vocabularySize();
    }

    /** The idf weights in output order (the OOV slot first), or {@code null} outside tf_idf mode or before adapting. */
    public float[] idfWeights() {
        float[] w = current().idfWeights();
        return w == null ? null : w.clone();
    }

    /** The table if it exists, else a throwaway one for the settings so far (reading does not lock the settings). */
    private VocabularyLookup current() {
        return lookup != null ? lookup : newLookup();
    }

    // ------------------------------------------------------------------ text processing

    /** The tokens of one string: standardized, split, recombined into n-grams. */
    List<String> tokens(String text) {
        if (text == null) throw LayerErrors.of(this, "Received a null string.");
        return TextOps.tokenize(text, standardize, standardizeFunction, split, splitFunction, ngrams);
    }

    /** The strings of a {@code (batch,)} or {@code (batch, 1)} string array, with Keras's message for other shapes. */
    private List<String> strings(INDArray input) {
        if (input.dataType() != DataType.UTF8) {
            throw LayerErrors.of(this, "expects strings: an ND4J UTF8 array such as Nd4j.create(\"some text\", \"more text\"). "
                    + "Received an array of dtype " + input.dataType() + " and shape " + Shape.ofArray(input.shape()));
        }
        checkTextShape(Shape.ofArray(input.shape()));
        int n = Math.toIntExact(input.length());
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(input.getString(i));
        return out;
    }

    private void checkTextShape(Shape s) {
        boolean splitting = split != null || splitFunction != null;
        if (splitting && s.rank() > 1 && !Integer.valueOf(1).equals(s.get(s.rank() - 1))) {
            throw LayerErrors.of(this, "When using `TextVectorization` to tokenize strings, the input rank must be 1 or the last "
                    + "shape dimension must be 1. Received: inputs.shape=" + s + " with rank=" + s.rank());
        }
        if (s.rank() < 1 || s.rank() > 2 || (s.rank() == 2 && !Integer.valueOf(1).equals(s.get(1)))) {
            throw LayerErrors.of(this, "expects a batch of strings of shape (batch,) or (batch, 1). Received: inputs.shape=" + s);
        }
    }

    // ------------------------------------------------------------------ calling

    @Override
    protected void build(Shape inputShape) {
        lookup();
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        checkTextShape(inputShape);
        if (outputMode.equals("int")) return Shape.of(inputShape.get(0), outputSequenceLength);
        return Shape.of(inputShape.get(0), current().depth());
    }

    @Override
    protected String outputDtype() {
        return outputMode.equals("int") ? "int64" : Keras.dtypeName(dataType());
    }

    /** tf.keras configs give this layer the dtype {@code "string"} (its input's); its float outputs then use floatx. */
    @Override
    public DataType dataType() {
        return "string".equals(dtype()) ? Keras.dataType(Keras.floatx()) : super.dataType();
    }

    /** Vectorizes Java strings (one document each); same as calling the layer on {@code Nd4j.create(texts)}. */
    public INDArray call(List<String> texts) {
        return apply(texts.toArray(new String[0]));
    }

    /** Vectorizes Java strings (one document each). */
    public INDArray apply(String... texts) {
        if (texts.length == 0) return encode(List.of());
        return apply(Nd4j.create(texts));
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        INDArray out = encode(strings(input));
        // Strings have no gradient: the input gradient is left out (null), as for a model input.
        return Forward.of(List.of(out), g -> Arrays.asList((INDArray) null));
    }

    private INDArray encode(List<String> texts) {
        VocabularyLookup l = lookup();
        List<List<String>> rows = new ArrayList<>(texts.size());
        for (String t : texts) rows.add(tokens(t));
        return outputMode.equals("int") ? TokenEncoder.indices(l, rows, outputSequenceLength)
                : TokenEncoder.bagOfWords(l, rows, outputMode, dataType());
    }

    // ------------------------------------------------------------------ config

    /**
     * Keras's config keys. {@code vocabulary} holds the vocabulary given to the layer, as in Keras, or else the
     * adapted one with its special tokens (Keras keeps an adapted vocabulary in the {@code .keras} archive's assets
     * instead; written here so that a config alone restores the layer), and {@code idf_weights} likewise.
     */
    @Override
    public Map<String, Object> getConfig() {
        if (standardizeFunction != null || splitFunction != null) {
            throw new IllegalStateException("Layer \"" + name() + "\" (TextVectorization) uses a custom Java "
                    + (standardizeFunction != null ? "standardize" : "split") + " function, which cannot be written to a config.");
        }
        return TextVectorizationConfig.write(this, super.getConfig());
    }

    /** From a Keras 2, tf.keras or Keras 3 config. */
    public static TextVectorization fromConfig(Config c) {
        return TextVectorizationConfig.read(c);
    }

    // package-private views for TextVectorizationConfig
    Object ngramsArg() {
        return ngramsArg;
    }

    List<String> vocabularyArg() {
        return vocabularyArg;
    }

    double[] idfWeightsArg() {
        return idfWeightsArg;
    }

    VocabularyLookup table() {
        return current();
    }
}
