package io.jkeras.layers;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A 1-D convolution layer (temporal convolution), as {@code keras.layers.Conv1D}:
 * {@code activation(conv1d(input, kernel) + bias)}.
 *
 * <p>Kernel {@code (kernel_size, in_channels / groups, filters)}, bias {@code (filters,)}. Input
 * {@code (batch, steps, channels)} (channels_last, the default) or {@code (batch, channels, steps)}; output
 * {@code (batch, new_steps, filters)}. Padding "valid", "same" or "causal" (left-padded by
 * {@code dilation_rate * (kernel_size - 1)}, so output t never sees inputs after t). Runs as ND4J's native
 * {@code conv2d}/{@code conv2d_bp} over a height of 1 (reshapes, no copies of the data).
 *
 * <pre>{@code
 * jshell> new Conv1D(16, 3).padding("causal").dilationRate(2).apply(Input.shape(100, 8)).shape()
 * $1 ==> (None, 100, 16)
 * }</pre>
 */
public class Conv1D extends BaseConv<Conv1D> {
    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window length
     */
    public Conv1D(int filters, int kernelSize) {
        super(1, filters, kernelSize);
    }

    /** Steps axis of the rank-3 input. */
    private int stepsAxis() {
        return channelsLast() ? 1 : 2;
    }

    /** The left padding of "causal": the (already dilated) window minus one. */
    private long causalPad(INDArray w) {
        return padding().equals("causal") ? w.size(0) - 1 : 0;
    }

    /** (batch, steps, ch) → (batch, 1, steps, ch), or (batch, ch, steps) → (batch, ch, 1, steps). */
    private INDArray to2d(INDArray a) {
        return channelsLast() ? a.reshape(a.size(0), 1, a.size(1), a.size(2)) : a.reshape(a.size(0), a.size(1), 1, a.size(2));
    }

    private INDArray from2d(INDArray a) {
        return channelsLast() ? a.reshape(a.size(0), a.size(2), a.size(3)) : a.reshape(a.size(0), a.size(1), a.size(3));
    }

    private INDArray padded(INDArray x, long pad) {
        if (pad == 0) return x;
        long[] zShape = x.shape().clone();
        zShape[stepsAxis()] = pad;
        return Nd4j.concat(stepsAxis(), Nd4j.zeros(x.dataType(), zShape), x);
    }

    private int[] args(INDArray w) {
        return NativeConv.conv2dArgs(new int[]{1, (int) w.size(0)}, new int[]{1, strides()[0]}, new int[]{1, 1},
                padding().equals("same"), channelsLast());
    }

    @Override
    protected INDArray convolve(INDArray x, INDArray w, INDArray b) {
        INDArray w2 = w.reshape(1, w.size(0), w.size(1), w.size(2));
        return from2d(NativeConv.forward("conv2d", args(w), to2d(padded(x, causalPad(w))), w2, b));
    }

    @Override
    protected INDArray[] convolveBackward(INDArray x, INDArray w, INDArray b, INDArray dz) {
        long pad = causalPad(w);
        INDArray w2 = w.reshape(1, w.size(0), w.size(1), w.size(2));
        INDArray[] g = NativeConv.backward("conv2d", args(w), to2d(padded(x, pad)), w2, b, to2d(dz));
        INDArray dx = from2d(g[0]);
        if (pad > 0) { // the padding's gradient is dropped
            dx = dx.get(NDArrayIndex.all(), channelsLast() ? NDArrayIndex.interval(pad, dx.size(1)) : NDArrayIndex.all(),
                    channelsLast() ? NDArrayIndex.all() : NDArrayIndex.interval(pad, dx.size(2))).dup();
        }
        return new INDArray[]{dx, g[1].reshape(w.shape()), g[2]};
    }

    /** From a config of any Keras version ({@code filters}, {@code kernel_size}, or Keras 1's {@code nb_filter}, {@code filter_length}). */
    public static Conv1D fromConfig(Config c) {
        int[] k = c.getInts("kernel_size", "filter_length");
        if (k == null || k.length != 1) {
            throw new IllegalArgumentException("A Conv1D config needs \"kernel_size\" of one number; received: " + c.get("kernel_size", "filter_length"));
        }
        return new Conv1D(c.getInt("filters", "nb_filter"), k[0]).applyConfig(c);
    }
}
