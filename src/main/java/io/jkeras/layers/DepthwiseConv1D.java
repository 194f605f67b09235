package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * A 1-D depthwise convolution layer, as {@code keras.layers.DepthwiseConv1D}: each input channel is convolved with
 * its own {@code depth_multiplier} filters along the steps, and the results are concatenated on the channel axis.
 *
 * <p>Kernel {@code (kernel_size, in_channels, depth_multiplier)} (named {@code kernel}, as Keras 3), bias
 * {@code (in_channels * depth_multiplier,)}. Input {@code (batch, steps, channels)} (channels_last, the default) or
 * {@code (batch, channels, steps)}; output {@code (batch, new_steps, channels * depth_multiplier)}, sizes as
 * {@link Conv1D}'s ("valid" or "same"). Runs ND4J's native {@code depthwise_conv2d}/{@code depthwise_conv2d_bp}
 * over a height of 1 (reshapes, no copies).
 *
 * <pre>{@code
 * jshell> new DepthwiseConv1D(3).depthMultiplier(2).apply(Input.shape(10, 4)).shape()
 * $1 ==> (None, 8, 8)
 * }</pre>
 */
public class DepthwiseConv1D extends BaseDepthwiseConv<DepthwiseConv1D> {
    /** @param kernelSize the window length */
    public DepthwiseConv1D(int kernelSize) {
        super(1, kernelSize);
    }

    @Override
    protected String depthwiseKernelName() {
        return "kernel";
    }

    @Override
    protected int outputChannels(int channels) {
        return channels * depthMultiplier();
    }

    /** From a Keras 3 config ({@code kernel_size}, {@code depth_multiplier}, {@code depthwise_initializer}, ...). */
    public static DepthwiseConv1D fromConfig(Config c) {
        return new DepthwiseConv1D(c.getInts("kernel_size")[0]).applyConfig(c);
    }
}
