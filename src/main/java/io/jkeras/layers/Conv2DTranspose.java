package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * A 2-D transposed convolution layer (sometimes called deconvolution), as {@code keras.layers.Conv2DTranspose}:
 * {@code activation(conv2d_transpose(input, kernel) + bias)}, going from the shape of a convolution's output back
 * to the shape of its input (learned upsampling, decoders, GAN generators).
 *
 * <p>Kernel {@code (kernel_h, kernel_w, filters, in_channels)}, bias {@code (filters,)}. Input
 * {@code (batch, rows, cols, channels)} (channels_last, the default) or {@code (batch, channels, rows, cols)};
 * output {@code (batch, new_rows, new_cols, filters)} with {@code new_rows = rows * stride} for "same" padding and
 * {@code (rows-1) * stride + max(kernel, stride)} for "valid" (see {@link BaseConvTranspose} for output_padding and
 * dilation). Runs ND4J's native {@code deconv2d}/{@code deconv2d_bp} ops on Keras's kernel layout.
 *
 * <pre>{@code
 * jshell> new Conv2DTranspose(32, 2).strides(2).activation("relu").apply(Input.shape(10, 8, 128)).shape()
 * $1 ==> (None, 20, 16, 32)
 * jshell> new Conv2DTranspose(16, 3).apply(Input.shape(8, 8, 8)).shape()
 * $2 ==> (None, 10, 10, 16)
 * }</pre>
 */
public class Conv2DTranspose extends BaseConvTranspose<Conv2DTranspose> {
    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window: one size for both axes ({@code 3}) or {@code (height, width)}
     */
    public Conv2DTranspose(int filters, int... kernelSize) {
        super(2, filters, kernelSize);
    }

    /** From a Keras 3 or tf.keras config ({@code filters}, {@code kernel_size}, {@code output_padding}, ...). */
    public static Conv2DTranspose fromConfig(Config c) {
        return new Conv2DTranspose(c.getInt("filters"), c.getInts("kernel_size")).applyConfig(c);
    }
}
