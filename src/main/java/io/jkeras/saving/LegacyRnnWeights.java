package io.jkeras.saving;

import io.jkeras.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Keras 1's recurrent weights in Keras 2's fused layout, as Keras 2's {@code preprocess_weights_for_loading} does
 * for a file whose weights group has no {@code keras_version} or one starting with {@code "1"}:
 * <ul>
 *   <li>LSTM: 12 arrays {@code W_i, U_i, b_i, W_c, U_c, b_c, W_f, U_f, b_f, W_o, U_o, b_o} (gates i, c, f, o)
 *       become kernel, recurrent_kernel, bias with gates in the order i, f, c, o;</li>
 *   <li>GRU: 9 arrays {@code W_z, U_z, b_z, W_r, U_r, b_r, W_h, U_h, b_h} become kernel, recurrent_kernel, bias
 *       (gates z, r, h; Keras 1's GRU is {@code reset_after=false}).</li>
 * </ul>
 * Other layers, counts and versions pass through unchanged. Package-private.
 */
final class LegacyRnnWeights {
    private LegacyRnnWeights() {
    }

    /** The layer's weights in the current layout. */
    static List<INDArray> convert(Layer layer, List<INDArray> values, String kerasVersion) {
        if (kerasVersion == null || !kerasVersion.startsWith("1")) return values;
        String cls = layer.className();
        if (cls.equals("LSTM") && values.size() == 12) {
            // Keras 1 stored the gates as i, c, f, o; Keras 2 and 3 fuse them as i, f, c, o.
            return List.of(concat(values, 0, 6, 3, 9), concat(values, 1, 7, 4, 10), concat(values, 2, 8, 5, 11));
        }
        if (cls.equals("GRU") && values.size() == 9) {
            return List.of(concat(values, 0, 3, 6), concat(values, 1, 4, 7), concat(values, 2, 5, 8));
        }
        return values;
    }

    private static INDArray concat(List<INDArray> values, int... order) {
        INDArray[] parts = new INDArray[order.length];
        for (int i = 0; i < order.length; i++) parts[i] = values.get(order[i]);
        return Nd4j.concat(parts[0].rank() - 1, parts);
    }
}
