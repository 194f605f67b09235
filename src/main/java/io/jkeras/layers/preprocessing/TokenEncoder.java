package io.jkeras.layers.preprocessing;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Turns rows of tokens into {@code TextVectorization}'s outputs through a {@link VocabularyLookup}:
 * <ul>
 *   <li>{@link #indices}: {@code (rows, length)} int64 indices, padded with 0 and cut at the end, as Keras's
 *       {@code RaggedTensor.to_tensor(default_value=0, shape=[rows, length])};</li>
 *   <li>{@link #bagOfWords}: {@code (rows, depth)} floats: multi_hot (1 where a token occurs), count, or tf_idf
 *       (count times the token's idf weight, one ND4J row-vector product). The mask token is dropped, as Keras's
 *       bincount drops it.</li>
 * </ul>
 * The lookups themselves are Java work: ND4J has no string kernels.
 */
public final class TokenEncoder {
    private TokenEncoder() {
    }

    /**
     * @param length the output length, or {@code null} for the longest row
     */
    public static INDArray indices(VocabularyLookup lookup, List<List<String>> rows, Integer length) {
        int batch = rows.size();
        int len = 0;
        if (length != null) len = length;
        else for (List<String> r : rows) len = Math.max(len, r.size());
        long[] ids = new long[batch * len]; // zeros: the padding index
        for (int i = 0; i < batch; i++) {
            List<String> r = rows.get(i);
            for (int k = 0; k < Math.min(len, r.size()); k++) ids[i * len + k] = lookup.lookup(r.get(k));
        }
        if (ids.length == 0) return Nd4j.create(DataType.LONG, batch, len);
        return Nd4j.createFromArray(ids).reshape('c', batch, len);
    }

    /**
     * @param mode multi_hot, count or tf_idf
     * @param type the output's float type
     */
    public static INDArray bagOfWords(VocabularyLookup lookup, List<List<String>> rows, String mode, DataType type) {
        lookup.ensureKnownVocabSize();
        int batch = rows.size();
        int depth = lookup.depth();
        float[] counts = new float[batch * depth];
        boolean multiHot = mode.equals("multi_hot");
        for (int i = 0; i < batch; i++) {
            for (String tok : rows.get(i)) {
                int j = lookup.lookup(tok);
                if (j < 0 || j >= depth) continue;
                counts[i * depth + j] = multiHot ? 1f : counts[i * depth + j] + 1f;
            }
        }
        if (counts.length == 0) return Nd4j.create(type, batch, depth);
        INDArray out = Nd4j.createFromArray(counts).reshape('c', batch, depth).castTo(type);
        if (mode.equals("tf_idf")) out.muliRowVector(Nd4j.createFromArray(lookup.idfWeights()).castTo(type));
        return out;
    }
}
