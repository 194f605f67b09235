package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * A 2-D depthwise separable convolution layer, as {@code keras.layers.SeparableConv2D}: a depthwise convolution
 * (each channel with its own {@code depth_multiplier} filters) followed by a pointwise 1x1 convolution mixing the
 * channels into {@code filters}; far fewer weights than a {@link Conv2D} of the same window (Xception, MobileNet).
 *
 * <p>Weights {@code depthwise_kernel (kernel_h, kernel_w, in, depth_multiplier)},
 * {@code pointwise_kernel (1, 1, in * depth_multiplier, filters)}, {@code bias (filters,)}. Input
 * {@code (batch, rows, cols, channels)} (channels_last, the default) or {@code (batch, channels, rows, cols)};
 * output {@code (batch, new_rows, new_cols, filters)}, sizes as {@link Conv2D}'s (strides, padding and dilation
 * apply to the depthwise step). Runs ND4J's native {@code depthwise_conv2d} and a 1x1 {@code conv2d}.
 *
 * <pre>{@code
 * jshell> SeparableConv2D s = new SeparableConv2D(16, 3);
 * jshell> s.apply(Input.shape(28, 28, 8)).shape()
 * $2 ==> (None, 26, 26, 16)
 * jshell> s.countParams()
 * $3 ==> 216
 * }</pre>
 */
public class SeparableConv2D extends BaseSeparableConv<SeparableConv2D> {
    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the depthwise window: one size for both axes ({@code 3}) or {@code (height, width)}
     */
    public SeparableConv2D(int filters, int... kernelSize) {
        super(2, filters, kernelSize);
    }

    /** From a Keras 3 or tf.keras config ({@code filters}, {@code kernel_size}, {@code depth_multiplier}, ...). */
    public static SeparableConv2D fromConfig(Config c) {
        return new SeparableConv2D(c.getInt("filters"), c.getInts("kernel_size")).applyConfig(c);
    }
}
