package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * A 1-D transposed convolution layer, as {@code keras.layers.Conv1DTranspose}:
 * {@code activation(conv1d_transpose(input, kernel) + bias)}, going from the shape of a Conv1D's output back to
 * the shape of its input (learned upsampling of sequences).
 *
 * <p>Kernel {@code (kernel_size, filters, in_channels)}, bias {@code (filters,)}. Input
 * {@code (batch, steps, channels)} (channels_last, the default) or {@code (batch, channels, steps)}; output
 * {@code (batch, new_steps, filters)}, {@code new_steps = steps * stride} for "same" padding and
 * {@code (steps-1) * stride + max(kernel, stride)} for "valid" (see {@link BaseConvTranspose} for output_padding
 * and dilation). Runs ND4J's native {@code deconv2d}/{@code deconv2d_bp} over a height of 1 (reshapes, no copies).
 *
 * <pre>{@code
 * jshell> new Conv1DTranspose(8, 4).strides(2).padding("same").apply(Input.shape(25, 16)).shape()
 * $1 ==> (None, 50, 8)
 * }</pre>
 */
public class Conv1DTranspose extends BaseConvTranspose<Conv1DTranspose> {
    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window length
     */
    public Conv1DTranspose(int filters, int kernelSize) {
        super(1, filters, kernelSize);
    }

    /** From a Keras 3 or tf.keras config ({@code filters}, {@code kernel_size}, {@code output_padding}, ...). */
    public static Conv1DTranspose fromConfig(Config c) {
        return new Conv1DTranspose(c.getInt("filters"), c.getInts("kernel_size")[0]).applyConfig(c);
    }
}
