package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * A 1-D depthwise separable convolution layer, as {@code keras.layers.SeparableConv1D}: a depthwise convolution
 * along the steps (each channel with its own {@code depth_multiplier} filters) followed by a pointwise convolution
 * mixing the channels into {@code filters}.
 *
 * <p>Weights {@code depthwise_kernel (kernel_size, in, depth_multiplier)},
 * {@code pointwise_kernel (1, in * depth_multiplier, filters)}, {@code bias (filters,)}. Input
 * {@code (batch, steps, channels)} (channels_last, the default) or {@code (batch, channels, steps)}; output
 * {@code (batch, new_steps, filters)}, sizes as {@link Conv1D}'s ("valid" or "same"). Runs ND4J's native
 * {@code depthwise_conv2d} and a 1x1 {@code conv2d} over a height of 1.
 *
 * <pre>{@code
 * jshell> new SeparableConv1D(16, 5).padding("same").apply(Input.shape(100, 8)).shape()
 * $1 ==> (None, 100, 16)
 * }</pre>
 */
public class SeparableConv1D extends BaseSeparableConv<SeparableConv1D> {
    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the depthwise window length
     */
    public SeparableConv1D(int filters, int kernelSize) {
        super(1, filters, kernelSize);
    }

    /** From a Keras 3 or tf.keras config ({@code filters}, {@code kernel_size}, {@code depth_multiplier}, ...). */
    public static SeparableConv1D fromConfig(Config c) {
        return new SeparableConv1D(c.getInt("filters"), c.getInts("kernel_size")[0]).applyConfig(c);
    }
}
