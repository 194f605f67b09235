package io.jkeras.layers.preprocessing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The string-to-index table behind {@code TextVectorization}, as Keras's {@code StringLookup} with
 * {@code mask_token=""}, one OOV index and {@code oov_token="[UNK]"} (its {@code IndexLookup}).
 *
 * <p>In {@code "int"} output mode index 0 is the mask ({@code ""}) and 1 the OOV token, so learned tokens start
 * at 2; in the other modes there is no mask index, the OOV token is 0 and tokens start at 1. {@link #adapt}
 * orders tokens by count, most frequent first, ties by the token's UTF-8 bytes from high to low (Keras's
 * {@code np.lexsort((tokens, counts))[::-1]}), and keeps the first {@code maxTokens - tokenStart}. In
 * {@code "tf_idf"} mode it also learns {@code idf = log(1 + num_documents / (1 + token_document_count))} per
 * token, with the OOV slot given their mean and, with {@code padToMaxTokens}, zeros up to {@code maxTokens}.
 */
public final class VocabularyLookup {
    /** The mask token. */
    public static final String MASK = "";
    /** The out-of-vocabulary token. */
    public static final String OOV = "[UNK]";

    private final String outputMode;
    private final boolean intMode;
    private final boolean tfIdf;
    private final Integer maxTokens;
    private final boolean padToMaxTokens;
    private final Map<String, Integer> table = new HashMap<>();
    private List<String> tokens = List.of();
    private float[] idfWeights;
    private Integer frozenVocabSize;

    /**
     * @param outputMode int, multi_hot, count or tf_idf
     * @param maxTokens the vocabulary cap, special tokens included; {@code null} for none
     * @param padToMaxTokens whether encoded outputs are {@code maxTokens} wide
     * @param frozenVocabSize a vocabulary size known from a config ({@code vocabulary_size}), or {@code null}
     */
    public VocabularyLookup(String outputMode, Integer maxTokens, boolean padToMaxTokens, Integer frozenVocabSize) {
        this.outputMode = outputMode;
        this.intMode = outputMode.equals("int");
        this.tfIdf = outputMode.equals("tf_idf");
        this.maxTokens = maxTokens;
        this.padToMaxTokens = padToMaxTokens;
        this.frozenVocabSize = frozenVocabSize;
    }

    /** The index of the OOV token: 1 in int mode (after the mask), else 0. */
    public int oovIndex() {
        return intMode ? 1 : 0;
    }

    /** The index of the first learned token. */
    public int tokenStart() {
        return oovIndex() + 1;
    }

    /** The vocabulary size, special tokens included. */
    public int vocabularySize() {
        return tokens.size() + tokenStart();
    }

    /** Whether some tokens are known (from {@link #adapt} or {@link #setVocabulary}). */
    public boolean hasTokens() {
        return !tokens.isEmpty();
    }

    /** Keras's {@code get_vocabulary}: with the special tokens ({@code "", "[UNK]"} or {@code "[UNK]"}) or without. */
    public List<String> getVocabulary(boolean includeSpecialTokens) {
        List<String> out = new ArrayList<>(vocabularySize());
        if (includeSpecialTokens) {
            if (intMode) out.add(MASK);
            out.add(OOV);
        }
        out.addAll(tokens);
        return out;
    }

    /** The idf weights in output order (OOV first, padded as Keras pads them), or {@code null} outside tf_idf mode. */
    public float[] idfWeights() {
        return idfWeights;
    }

    /** The width of an encoded (non-int) output: {@code maxTokens} when padding to it, else the vocabulary size. */
    public Integer depth() {
        return padToMaxTokens ? maxTokens : frozenVocabSize;
    }

    /** The index of a token: 0 for the mask in int mode, -1 for the mask otherwise (dropped), the OOV index if unknown. */
    public int lookup(String token) {
        if (token.equals(MASK)) return intMode ? 0 : -1;
        Integer i = table.get(token);
        return i == null ? oovIndex() : i;
    }

    /**
     * Learns the vocabulary from documents (each a list of tokens), as Keras's {@code update_state} then
     * {@code finalize_state}. Adapting on no token at all keeps the previous vocabulary, as Keras.
     */
    public void adapt(List<List<String>> documents) {
        Map<String, long[]> counts = new LinkedHashMap<>(); // token -> {count, documents}
        for (List<String> doc : documents) {
            for (String t : doc) counts.computeIfAbsent(t, k -> new long[2])[0]++;
            for (String t : new HashSet<>(doc)) counts.get(t)[1]++;
        }
        if (counts.isEmpty()) {
            recordVocabularySize();
            return;
        }
        counts.remove(MASK);
        counts.remove(OOV);
        List<String> sorted = new ArrayList<>(counts.keySet());
        sorted.sort((a, b) -> {
            int byCount = Long.compare(counts.get(b)[0], counts.get(a)[0]);
            return byCount != 0 ? byCount : TextOps.compareUtf8(b, a);
        });
        if (maxTokens != null && maxTokens != 0) {
            int keep = Math.max(0, maxTokens - tokenStart());
            if (sorted.size() > keep) sorted = new ArrayList<>(sorted.subList(0, keep));
        }
        int newSize = sorted.size() + tokenStart();
        ensureVocabSizeUnchanged(newSize);
        setTokens(sorted);
        if (tfIdf) {
            double numDocuments = documents.size();
            float[] idf = new float[sorted.size()];
            for (int i = 0; i < idf.length; i++) {
                idf[i] = (float) Math.log(1 + numDocuments / (1 + counts.get(sorted.get(i))[1]));
            }
            idfWeights = pad(idf, tokenStart(), mean(idf));
        }
        recordVocabularySize();
    }

    /**
     * Sets the vocabulary directly, as Keras's {@code set_vocabulary}: the special tokens may lead it (then they
     * are skipped), tokens must be unique, the mask token may not appear elsewhere, and the size (special tokens
     * included) may not pass {@code maxTokens}. {@code idfWeights} is required in tf_idf mode, forbidden otherwise,
     * and as long as {@code vocabulary}; without leading special tokens the OOV slot gets their mean.
     */
    public void setVocabulary(List<String> vocabulary, double[] idf) {
        if (tfIdf && idf == null) throw new IllegalArgumentException("`idf_weights` must be set if output_mode is 'tf_idf'.");
        if (!tfIdf && idf != null) {
            throw new IllegalArgumentException("`idf_weights` should only be set if output_mode is `'tf_idf'`. Received: output_mode="
                    + outputMode + " and idf_weights=" + Arrays.toString(idf));
        }
        if (vocabulary.isEmpty()) throw new IllegalArgumentException("Cannot set an empty vocabulary. Received: vocabulary=[]");
        List<String> special = intMode ? List.of(MASK, OOV) : List.of(OOV);
        boolean found = vocabulary.size() >= special.size() && vocabulary.subList(0, special.size()).equals(special);
        List<String> toks = found ? vocabulary.subList(special.size(), vocabulary.size()) : vocabulary;
        List<String> repeated = repeated(toks);
        if (!repeated.isEmpty()) {
            throw new IllegalArgumentException("The passed vocabulary has at least one repeated term. Please uniquify your dataset. "
                    + "The repeated terms are: " + pyList(repeated));
        }
        if (toks.contains(MASK)) {
            throw new IllegalArgumentException("Found reserved mask token at unexpected location in `vocabulary`. Note that passed "
                    + "`vocabulary` does not need to include the OOV and mask tokens. Either remove all mask and OOV tokens, or "
                    + "include them only at the start of the vocabulary in precisely this order: " + pyList(special)
                    + ". Received: mask_token= at vocabulary index [" + vocabulary.lastIndexOf(MASK) + "]");
        }
        int newSize = tokenStart() + toks.size();
        if (maxTokens != null && newSize > maxTokens) {
            throw new IllegalArgumentException("Attempted to set a vocabulary larger than the maximum vocab size. Received vocabulary size is "
                    + newSize + "; `max_tokens` is " + maxTokens + ".");
        }
        if (tfIdf && vocabulary.size() != idf.length) {
            throw new IllegalArgumentException("`idf_weights` must be the same length as vocabulary. len(idf_weights) is "
                    + idf.length + "; len(vocabulary) is " + vocabulary.size());
        }
        ensureVocabSizeUnchanged(newSize);
        setTokens(toks);
        recordVocabularySize();
        if (tfIdf) {
            float[] w = new float[idf.length];
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) idf[i];
                sum += idf[i];
            }
            idfWeights = pad(w, found ? 0 : tokenStart(), (float) (sum / idf.length));
        }
    }

    /** Keras's {@code _ensure_known_vocab_size}: an encoded output needs a known width. */
    public void ensureKnownVocabSize() {
        if (intMode || padToMaxTokens) return;
        if (frozenVocabSize == null) {
            throw new IllegalStateException("When using `output_mode=" + outputMode + "` and `pad_to_max_tokens=False`, you must set "
                    + "the layer's vocabulary before calling it. Either pass a `vocabulary` argument to the layer, or call `adapt` "
                    + "with some sample data.");
        }
    }

    private void setTokens(Collection<String> toks) {
        tokens = List.copyOf(toks);
        table.clear();
        int i = tokenStart();
        for (String t : tokens) table.put(t, i++);
    }

    private void recordVocabularySize() {
        ensureVocabSizeUnchanged(vocabularySize());
        frozenVocabSize = vocabularySize();
    }

    /** Keras's {@code _ensure_vocab_size_unchanged}: the width of an encoded output is fixed once known. */
    private void ensureVocabSizeUnchanged(int newSize) {
        if (intMode || padToMaxTokens) return;
        if (frozenVocabSize != null && newSize != frozenVocabSize) {
            throw new IllegalStateException("When using `output_mode=" + outputMode + "` and "
                    + "`pad_to_max_tokens=False`, the vocabulary size cannot be changed after the layer is called. Old vocab size is "
                    + frozenVocabSize + ", new vocab size is " + newSize);
        }
    }

    /** Front padding with {@code front} copies of {@code frontValue}, back padding with zeros up to maxTokens. */
    private float[] pad(float[] w, int front, float frontValue) {
        int back = padToMaxTokens && maxTokens != null ? Math.max(0, maxTokens - front - w.length) : 0;
        float[] out = new float[front + w.length + back];
        Arrays.fill(out, 0, front, frontValue);
        System.arraycopy(w, 0, out, front, w.length);
        return out;
    }

    private static float mean(float[] w) {
        double s = 0;
        for (float f : w) s += f;
        return (float) (s / w.length); // NaN for no token, as tf.reduce_mean of an empty tensor
    }

    private static List<String> repeated(List<String> toks) {
        Map<String, Integer> n = new LinkedHashMap<>();
        for (String t : toks) n.merge(t, 1, Integer::sum);
        List<String> out = new ArrayList<>();
        n.forEach((t, c) -> {
            if (c > 1) out.add(t);
        });
        return out;
    }

    /** A list as Python prints it: {@code ['', '[UNK]']}. */
    static String pyList(List<String> l) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append('\'').append(l.get(i).replace("\\", "\\\\").replace("'", "\\'")).append('\'');
        }
        return sb.append(']').toString();
    }

    /** The learned or set tokens, without special tokens, in index order. */
    public List<String> tokens() {
        return tokens;
    }
}
