package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * A 3-D transposed convolution layer, as {@code keras.layers.Conv3DTranspose}:
 * {@code activation(conv3d_transpose(input, kernel) + bias)}, going from the shape of a Conv3D's output back to
 * the shape of its input (learned upsampling of volumes).
 *
 * <p>Kernel {@code (kernel_d, kernel_h, kernel_w, filters, in_channels)}, bias {@code (filters,)}. Input
 * {@code (batch, d, h, w, channels)} (channels_last, the default) or {@code (batch, channels, d, h, w)}; output the
 * same with {@code filters} channels and sizes as {@link BaseConvTranspose} gives. Runs ND4J's native
 * {@code deconv3d}/{@code deconv3d_bp} ops, whose weight layout 0 is Keras's.
 *
 * <pre>{@code
 * jshell> new Conv3DTranspose(4, 3).strides(2).padding("same").apply(Input.shape(4, 4, 4, 8)).shape()
 * $1 ==> (None, 8, 8, 8, 4)
 * }</pre>
 */
public class Conv3DTranspose extends BaseConvTranspose<Conv3DTranspose> {
    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window: one size for all three axes, or {@code (d, h, w)}
     */
    public Conv3DTranspose(int filters, int... kernelSize) {
        super(3, filters, kernelSize);
    }

    /** From a Keras 3 or tf.keras config ({@code filters}, {@code kernel_size}, {@code output_padding}, ...). */
    public static Conv3DTranspose fromConfig(Config c) {
        return new Conv3DTranspose(c.getInt("filters"), c.getInts("kernel_size")).applyConfig(c);
    }
}
