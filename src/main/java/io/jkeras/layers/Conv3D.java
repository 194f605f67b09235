package io.jkeras.layers;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 3-D convolution layer (spatial convolution over volumes), as {@code keras.layers.Conv3D}:
 * {@code activation(conv3d(input, kernel) + bias)}.
 *
 * <p>Kernel {@code (kernel_d, kernel_h, kernel_w, in_channels / groups, filters)}, bias {@code (filters,)}.
 * Input {@code (batch, d, h, w, channels)} (channels_last, the default) or {@code (batch, channels, d, h, w)};
 * output the same with {@code filters} channels. Options as {@link Conv2D}. Runs ND4J's native
 * {@code conv3dnew}/{@code conv3dnew_bp} ops, whose default weight layout is Keras's.
 *
 * <pre>{@code
 * jshell> new Conv3D(8, 3).apply(Input.shape(16, 16, 16, 1)).shape()
 * $1 ==> (None, 14, 14, 14, 8)
 * }</pre>
 */
public class Conv3D extends BaseConv<Conv3D> {
    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window: one size for all three axes, or {@code (d, h, w)}
     */
    public Conv3D(int filters, int... kernelSize) {
        super(3, filters, kernelSize);
    }

    /** The op's arguments; the window is the kernel's own size (already dilated by the base class), so dilation 1. */
    private int[] args(INDArray w) {
        int[] k = {(int) w.size(0), (int) w.size(1), (int) w.size(2)};
        return NativeConv.conv3dArgs(k, strides(), new int[]{1, 1, 1}, padding().equals("same"), channelsLast());
    }

    @Override
    protected INDArray convolve(INDArray x, INDArray w, INDArray b) {
        return NativeConv.forward("conv3dnew", args(w), x, w, b);
    }

    @Override
    protected INDArray[] convolveBackward(INDArray x, INDArray w, INDArray b, INDArray dz) {
        return NativeConv.backward("conv3dnew", args(w), x, w, b, dz);
    }

    /** From a config of any Keras version ({@code filters}, {@code kernel_size}; Keras 1's {@code nb_filter}, {@code kernel_dim1..3}). */
    public static Conv3D fromConfig(Config c) {
        int[] k = c.has("kernel_size") ? c.getInts("kernel_size")
                : new int[]{c.getInt("kernel_dim1"), c.getInt("kernel_dim2"), c.getInt("kernel_dim3")};
        Conv3D layer = new Conv3D(c.getInt("filters", "nb_filter"), k);
        if ("th".equals(c.getString("dim_ordering", null))) layer.dataFormat("channels_first");
        return layer.applyConfig(c);
    }
}
