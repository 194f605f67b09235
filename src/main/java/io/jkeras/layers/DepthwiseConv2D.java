package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * A 2-D depthwise convolution layer, as {@code keras.layers.DepthwiseConv2D}: each input channel is convolved with
 * its own {@code depth_multiplier} filters, and the results are concatenated on the channel axis (channels are
 * never mixed, the first step of a depthwise separable convolution, as in MobileNet).
 *
 * <p>Kernel {@code (kernel_h, kernel_w, in_channels, depth_multiplier)}, named {@code kernel} as Keras 3 names it
 * (tf.keras named it {@code depthwise_kernel}; files are read by position), bias
 * {@code (in_channels * depth_multiplier,)}. Input {@code (batch, rows, cols, channels)} (channels_last, the default)
 * or {@code (batch, channels, rows, cols)}; output {@code (batch, new_rows, new_cols, channels * depth_multiplier)},
 * output channel {@code c * depth_multiplier + m}, sizes as {@link Conv2D}'s. Runs ND4J's native
 * {@code depthwise_conv2d}/{@code depthwise_conv2d_bp} ops.
 *
 * <pre>{@code
 * jshell> new DepthwiseConv2D(3).apply(Input.shape(28, 28, 8)).shape()
 * $1 ==> (None, 26, 26, 8)
 * jshell> new DepthwiseConv2D(3).strides(2).padding("same").depthMultiplier(2).apply(Input.shape(28, 28, 8)).shape()
 * $2 ==> (None, 14, 14, 16)
 * }</pre>
 */
public class DepthwiseConv2D extends BaseDepthwiseConv<DepthwiseConv2D> {
    /** @param kernelSize the window: one size for both axes ({@code 3}) or {@code (height, width)} */
    public DepthwiseConv2D(int... kernelSize) {
        super(2, kernelSize);
    }

    @Override
    protected String depthwiseKernelName() {
        return "kernel";
    }

    @Override
    protected int outputChannels(int channels) {
        return channels * depthMultiplier();
    }

    /** From a Keras 3 or tf.keras config ({@code kernel_size}, {@code depth_multiplier}, {@code depthwise_initializer}, ...). */
    public static DepthwiseConv2D fromConfig(Config c) {
        return new DepthwiseConv2D(c.getInts("kernel_size")).applyConfig(c);
    }
}
