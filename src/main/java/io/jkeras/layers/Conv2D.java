package io.jkeras.layers;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2-D convolution layer (spatial convolution over images), as {@code keras.layers.Conv2D}:
 * {@code activation(conv2d(input, kernel) + bias)}.
 *
 * <p>Kernel {@code (kernel_h, kernel_w, in_channels / groups, filters)}, bias {@code (filters,)}.
 * Input {@code (batch, rows, cols, channels)} (channels_last, the default) or
 * {@code (batch, channels, rows, cols)} (channels_first); output {@code (batch, new_rows, new_cols, filters)}
 * (or channels first). Options as Keras: strides, padding ("valid", "same"), dilation_rate, groups,
 * activation, use_bias, initializers (glorot_uniform / zeros), regularizers and constraints.
 * It runs ND4J's native {@code conv2d} and {@code conv2d_bp} ops on Keras's weight layout.
 *
 * <pre>{@code
 * jshell> KerasTensor y = new Conv2D(32, 3).activation("relu").apply(Input.shape(28, 28, 1));
 * jshell> y.shape()
 * $2 ==> (None, 26, 26, 32)
 * jshell> new Conv2D(8, 3, 3).strides(2).padding("same").apply(Input.shape(32, 32, 3)).shape()
 * $3 ==> (None, 16, 16, 8)
 * }</pre>
 */
public class Conv2D extends BaseConv<Conv2D> {
    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window: one size for both axes ({@code 3}) or {@code (height, width)}
     */
    public Conv2D(int filters, int... kernelSize) {
        super(2, filters, kernelSize);
    }

    @Override
    protected INDArray convolve(INDArray x, INDArray w, INDArray b) {
        return NativeConv.forward("conv2d", args(w), x, w, b);
    }

    @Override
    protected INDArray[] convolveBackward(INDArray x, INDArray w, INDArray b, INDArray dz) {
        return NativeConv.backward("conv2d", args(w), x, w, b, dz);
    }

    /** Channels_last: the weight gradients without the input gradient ({@link ConvWeightGradient}). */
    @Override
    protected INDArray[] convolveWeightsBackward(INDArray x, INDArray w, INDArray b, INDArray dz) {
        if (!channelsLast()) return null;
        return ConvWeightGradient.conv2d(x, w.shape(), strides(), padding().equals("same"), dz, b != null);
    }

    /** The op's arguments; the window is the kernel's own size (already dilated by the base class), so dilation 1. */
    private int[] args(INDArray w) {
        int[] k = {(int) w.size(0), (int) w.size(1)};
        return NativeConv.conv2dArgs(k, strides(), new int[]{1, 1}, padding().equals("same"), channelsLast());
    }

    /** From a config of any Keras version ({@code filters} and {@code kernel_size}, or Keras 1's {@code nb_filter}, {@code nb_row}, {@code nb_col}). */
    public static Conv2D fromConfig(Config c) {
        int[] k = c.has("kernel_size") ? c.getInts("kernel_size") : new int[]{c.getInt("nb_row"), c.getInt("nb_col")};
        Conv2D layer = new Conv2D(c.getInt("filters", "nb_filter"), k);
        if ("th".equals(c.getString("dim_ordering", null))) layer.dataFormat("channels_first");
        return layer.applyConfig(c);
    }
}
