package io.jkeras.layers;

import io.jkeras.layers.preprocessing.VocabularyLookup;
import io.jkeras.saving.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The config of {@link TextVectorization} in Keras's keys and order: {@code max_tokens}, {@code standardize},
 * {@code split}, {@code ngrams}, {@code output_mode}, {@code output_sequence_length}, {@code pad_to_max_tokens},
 * {@code sparse}, {@code ragged}, {@code vocabulary}, {@code idf_weights}, {@code encoding},
 * {@code vocabulary_size}, after the base keys. Reads what Keras 3 and tf.keras write (old mode names included);
 * {@code sparse} and {@code ragged} are refused as Keras refuses them off the TensorFlow backend.
 */
final class TextVectorizationConfig {
    private TextVectorizationConfig() {
    }

    static Map<String, Object> write(TextVectorization t, Map<String, Object> c) {
        VocabularyLookup table = t.table();
        c.put("max_tokens", t.maxTokens());
        c.put("standardize", t.standardize());
        c.put("split", t.split());
        Object ng = t.ngramsArg();
        if (ng instanceof int[] widths) {
            List<Integer> l = new ArrayList<>();
            for (int w : widths) l.add(w);
            ng = l;
        }
        c.put("ngrams", ng);
        c.put("output_mode", t.outputMode());
        c.put("output_sequence_length", t.outputSequenceLength());
        c.put("pad_to_max_tokens", t.padToMaxTokens());
        c.put("sparse", false);
        c.put("ragged", false);
        List<String> vocab = t.vocabularyArg();
        double[] idf = t.idfWeightsArg();
        if (vocab == null && table.hasTokens()) {
            vocab = table.getVocabulary(true);
            float[] w = table.idfWeights();
            if (w != null) { // the learned weights, one per vocabulary entry (without the padding to max_tokens)
                idf = new double[vocab.size()];
                for (int i = 0; i < idf.length; i++) idf[i] = w[i];
            }
        }
        c.put("vocabulary", vocab);
        c.put("idf_weights", idf == null ? null : toList(idf));
        c.put("encoding", "utf-8");
        c.put("vocabulary_size", table.vocabularySize());
        return c;
    }

    private static List<Double> toList(double[] a) {
        List<Double> l = new ArrayList<>(a.length);
        for (double d : a) l.add(d);
        return l;
    }

    static TextVectorization read(Config c) {
        TextVectorization t = new TextVectorization();
        if (c.get("max_tokens") != null) t.maxTokens(c.getInt("max_tokens"));
        t.standardize(callableFree(c, "standardize", "lower_and_strip_punctuation"));
        t.split(callableFree(c, "split", "whitespace"));
        Object ng = c.get("ngrams");
        if (ng instanceof Number n) t.ngrams(n.intValue());
        else if (ng instanceof List<?>) t.ngrams(c.getInts("ngrams"));
        if (c.get("output_mode") != null) t.outputMode(c.getString("output_mode"));
        if (c.get("output_sequence_length") != null) t.outputSequenceLength(c.getInt("output_sequence_length"));
        t.padToMaxTokens(c.getBoolean("pad_to_max_tokens", false));
        if (c.getBoolean("sparse", false)) {
            throw new IllegalArgumentException("`sparse=True` can only be used with the TensorFlow backend.");
        }
        if (c.getBoolean("ragged", false)) {
            throw new IllegalArgumentException("`ragged=True` can only be used with the TensorFlow backend.");
        }
        String encoding = c.getString("encoding", "utf-8");
        if (!encoding.equalsIgnoreCase("utf-8") && !encoding.equalsIgnoreCase("utf8")) {
            throw new IllegalArgumentException("TextVectorization reads UTF-8 text only. Received: encoding=" + encoding);
        }
        Object vocab = c.get("vocabulary");
        if (vocab instanceof List<?> l) {
            List<String> v = new ArrayList<>(l.size());
            for (Object o : l) v.add(String.valueOf(o));
            t.vocabulary(v);
        } else if (vocab != null) {
            throw new IllegalArgumentException("TextVectorization: a vocabulary file (" + vocab + ") in a config is not supported; "
                    + "give the vocabulary as a list.");
        }
        Object idf = c.get("idf_weights");
        if (idf instanceof List<?> l) {
            double[] w = new double[l.size()];
            for (int i = 0; i < w.length; i++) w[i] = ((Number) l.get(i)).doubleValue();
            t.idfWeights(w);
        }
        if (c.get("vocabulary_size") != null) t.vocabularySizeFromConfig(c.getInt("vocabulary_size"));
        return t.withBaseConfig(c);
    }

    /** A string setting, or an error for a serialized Python callable, which cannot run here. */
    private static String callableFree(Config c, String key, String def) {
        if (!c.has(key)) return def;
        Object v = c.get(key);
        if (v == null || v instanceof String) return (String) v;
        throw new IllegalArgumentException("TextVectorization: the config's `" + key + "` is a custom Python function (" + v
                + "), which cannot be restored in Java; build the layer with " + key + "Function(...) instead.");
    }
}
