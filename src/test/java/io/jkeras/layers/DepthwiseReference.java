package io.jkeras.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Depthwise and separable convolutions as plain-loop references (channels_last), through {@link ConvReference}:
 * a depthwise convolution is the grouped convolution with one group per input channel, whose kernel
 * {@code (*k, 1, in*dm)} holds Keras's depthwise kernel {@code (*k, in, dm)} in the same order (output channel
 * {@code c*dm + m}); a separable convolution is that followed by a 1x1 convolution with the pointwise kernel.
 */
final class DepthwiseReference {
    private DepthwiseReference() {
    }

    /** x (n, *spatial, c), dk (*k, c, dm), b (c*dm,) or null. */
    static INDArray depthwise(INDArray x, INDArray dk, INDArray b, int[] s, int[] d, String padding) {
        int rank = x.rank() - 2;
        long c = dk.size(rank);
        long[] grouped = Arrays.copyOf(dk.shape(), rank + 2);
        grouped[rank] = 1;
        grouped[rank + 1] = c * dk.size(rank + 1);
        return ConvReference.conv(x, dk.dup().reshape(grouped), b, s, d, padding, (int) c);
    }

    /** The depthwise step, then the pointwise kernel pk (1.., c*dm, f) and the bias b (f,) or null. */
    static INDArray separable(INDArray x, INDArray dk, INDArray pk, INDArray b, int[] s, int[] d, String padding) {
        int rank = x.rank() - 2;
        int[] ones = new int[rank];
        Arrays.fill(ones, 1);
        return ConvReference.conv(depthwise(x, dk, null, s, d, padding), pk, b, ones, ones, "valid", 1);
    }
}
