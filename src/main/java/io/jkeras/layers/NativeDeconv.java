package io.jkeras.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BiasAdd;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The integer arguments of ND4J's native transposed and depthwise convolutions ({@code deconv2d}, {@code deconv3d},
 * {@code depthwise_conv2d} and their {@code _bp} ops, run through {@link NativeConv#forward}/{@link NativeConv#backward}),
 * and the edge fixes that let Keras's transposed-convolution sizes run on them.
 *
 * <p>Weights format 0 everywhere: deconv's {@code (*k, out, in)} and depthwise's {@code (kh, kw, in, multiplier)} are
 * Keras's own kernel layouts, so no weight is transposed. Dilation is always 1 here (the callers pass the dilated
 * kernel, see {@link KernelDilation}).
 */
final class NativeDeconv {
    private NativeDeconv() {
    }

    /**
     * deconv2d: kernel, strides, explicit padding, dilation 1, "valid" mode, NHWC flag, weights {@code (kh, kw, out, in)}.
     * Only "valid" mode with dilation 1 runs on oneDNN in ND4J M2.1 (its "same" mode is also wrong for a 1-wide kernel
     * with stride 3), so "same" is expressed with the explicit padding instead.
     */
    static int[] deconv2dArgs(long[] k, int[] s, long[] p, boolean nhwc) {
        return new int[]{(int) k[0], (int) k[1], s[0], s[1], (int) p[0], (int) p[1], 1, 1, 0, nhwc ? 1 : 0, 0};
    }

    /** deconv3d: kernel, strides, explicit padding, dilation 1, "valid" mode, NDHWC flag, weights {@code (kd, kh, kw, out, in)}. */
    static int[] deconv3dArgs(long[] k, int[] s, long[] p, boolean ndhwc) {
        return new int[]{(int) k[0], (int) k[1], (int) k[2], s[0], s[1], s[2], (int) p[0], (int) p[1], (int) p[2],
                1, 1, 1, 0, ndhwc ? 1 : 0, 0};
    }

    /**
     * depthwise_conv2d: kernel, strides, padding 0, dilation 1, same/valid (TensorFlow's "same": the odd pixel after),
     * NHWC flag, weights {@code (kh, kw, in, multiplier)}, output channel {@code c*multiplier + m} as Keras's.
     */
    static int[] depthwiseArgs(long kH, long kW, int sH, int sW, boolean same, boolean nhwc) {
        return new int[]{(int) kH, (int) kW, sH, sW, 0, 0, 1, 1, same ? 1 : 0, nhwc ? 1 : 0, 0};
    }

    /**
     * {@code a} cut or zero-extended at the end of each axis to {@code target} (one copy; {@code a} itself when the
     * shapes agree). Keras's transposed-convolution output differs from ND4J's symmetric one only at the trailing edge.
     */
    static INDArray fit(INDArray a, long[] target) {
        long[] shape = a.shape();
        if (java.util.Arrays.equals(shape, target)) return a;
        boolean grows = false;
        INDArrayIndex[] idx = new INDArrayIndex[shape.length];
        for (int i = 0; i < shape.length; i++) {
            grows |= target[i] > shape[i];
            idx[i] = NDArrayIndex.interval(0, Math.min(shape[i], target[i]));
        }
        INDArray out = grows ? Nd4j.zeros(a.dataType(), target) : Nd4j.create(a.dataType(), target);
        out.get(idx).assign(a.get(idx));
        return out;
    }

    /** Adds the bias along the channel axis in place (ND4J's native {@code biasadd}); returns {@code z}. */
    static INDArray addBias(INDArray z, INDArray b, boolean channelsLast) {
        Nd4j.exec(new BiasAdd(z, b, z, !channelsLast));
        return z;
    }

    /** The bias gradient: {@code dz} summed over every axis but the channel one. */
    static INDArray biasGrad(INDArray dz, int channelAxis) {
        int[] axes = new int[dz.rank() - 1];
        for (int i = 0, j = 0; i < dz.rank(); i++) if (i != channelAxis) axes[j++] = i;
        return dz.sum(axes);
    }
}
