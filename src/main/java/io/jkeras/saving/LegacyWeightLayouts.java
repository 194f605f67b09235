package io.jkeras.saving;

import io.jkeras.Variable;
import io.jkeras.layers.BaseConv;
import io.jkeras.layers.Conv1D;
import io.jkeras.layers.Conv2D;
import io.jkeras.layers.Conv3D;
import io.jkeras.layers.Layer;
import io.jkeras.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * Weights saved by Keras 1, or by the Theano backend, in Keras 2's layouts: Keras 2's
 * {@code preprocess_weights_for_loading} for the layers jkeras has (recurrent layers are converted elsewhere).
 *
 * <ul>
 *   <li>Keras 1 ({@code keras_version} missing from the weights group, as Keras 1 never wrote it there, or
 *       starting with "1"): a channels-first {@code Conv2D} kernel {@code (filters, in, rows, cols)} becomes
 *       {@code (rows, cols, in, filters)}; a channels-first {@code Conv3D} kernel likewise; a {@code Conv1D}
 *       kernel {@code (length, 1, in, filters)} (or Keras 1.1's {@code (filters, in, length, 1)}) loses its
 *       unit axis. BatchNormalization's {@code running_std} is loaded as the moving variance, as Keras 2 does
 *       (Keras 1.1+ kept the variance under that name).</li>
 *   <li>Backend {@code "theano"} (the weights group's {@code backend} attribute), any version: Theano
 *       convolves where TensorFlow correlates, so convolution kernels are flipped along every spatial axis
 *       ({@code conv_utils.convert_kernel}).</li>
 * </ul>
 * Nested models are converted layer by layer, trainable weights first, as Keras's {@code convert_nested_model}.
 * A weight list these rules do not fit is returned unchanged, for the caller's shape check to report.
 */
final class LegacyWeightLayouts {
    private LegacyWeightLayouts() {
    }

    /** True for the {@code keras_version} of a Keras 1 weights group ({@code null}: the attribute is missing). */
    static boolean isKeras1(String version) {
        return version == null || version.startsWith("1");
    }

    /** {@code weights}, saved for {@code layer} by Keras {@code version} on {@code backend}, in Keras 2's layout. */
    static List<INDArray> toKeras2(Layer layer, List<INDArray> weights, String version, String backend) {
        boolean keras1 = isKeras1(version);
        boolean theano = "theano".equals(backend);
        if (!keras1 && !theano) return weights;
        if (layer instanceof Model m) return nested(m, weights, version, backend);
        if (!(layer instanceof BaseConv<?> conv) || weights.isEmpty()) return weights;
        List<INDArray> out = new ArrayList<>(weights);
        INDArray k = out.get(0);
        long[] expected = conv.weights().get(0).value().shape();
        if (keras1) k = keras1Kernel(conv, k, expected);
        if (theano && k.rank() == expected.length) k = flipSpatial(k);
        out.set(0, k);
        return out;
    }

    private static INDArray keras1Kernel(BaseConv<?> conv, INDArray k, long[] expected) {
        if (conv instanceof Conv1D) {
            if (k.rank() != 4) return k;
            long[] s = k.shape();
            long length = expected[0];
            long filters = expected[2];
            // Keras 1.1 stored (filters, input_dim, length, 1); later Keras 1 (length, 1, input_dim, filters).
            if (!(s[0] == length && s[1] == 1 && s[3] == filters) && s[0] == filters && s[2] == length && s[3] == 1) {
                k = k.permute(2, 3, 1, 0);
            }
            if (k.size(1) != 1) return k;
            return k.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
        }
        if (conv.channelsLast()) return k;
        if (conv instanceof Conv2D && k.rank() == 4) return k.permute(2, 3, 1, 0).dup('c');
        if (conv instanceof Conv3D && k.rank() == 5) return k.permute(2, 3, 4, 1, 0).dup('c');
        return k;
    }

    /** Keras's {@code convert_kernel}: every axis but the last two (input and output channels) reversed. */
    static INDArray flipSpatial(INDArray k) {
        int[] spatial = new int[k.rank() - 2];
        for (int i = 0; i < spatial.length; i++) spatial[i] = i;
        if (spatial.length == 0) return k;
        INDArray src = k.dup('c');
        return Nd4j.exec(new Reverse(src, Nd4j.createUninitialized(src.dataType(), src.shape()), spatial))[0];
    }

    /** Keras's {@code convert_nested_model}: each sub-layer's trainable weights in turn, then its non-trainable ones. */
    private static List<INDArray> nested(Model m, List<INDArray> weights, String version, String backend) {
        int trainable = 0;
        for (Layer l : m.layers()) trainable += distinct(l.trainableWeights()).size();
        if (trainable > weights.size()) return weights;
        List<INDArray> out = new ArrayList<>(weights.size());
        List<INDArray> rest = weights;
        for (Layer l : m.layers()) {
            int n = distinct(l.trainableWeights()).size();
            if (n == 0) continue;
            out.addAll(toKeras2(l, rest.subList(0, Math.min(n, rest.size())), version, backend));
            rest = rest.subList(Math.min(n, rest.size()), rest.size());
        }
        // Non-trainable weights (moving statistics) need no conversion.
        out.addAll(rest);
        return out;
    }

    private static List<Variable> distinct(List<Variable> vs) {
        List<Variable> out = new ArrayList<>();
        for (Variable v : vs) if (out.stream().noneMatch(x -> x == v)) out.add(v);
        return out;
    }
}
