package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * 3D convolutional LSTM, as {@code keras.layers.ConvLSTM3D}: an LSTM whose input and recurrent transformations
 * are 3D convolutions (see {@link ConvLSTM} for the formulas, masks, states and dropout).
 *
 * <p>Input (batch, time, depth, rows, cols, channels) ({@code channels_last}, the default) or with the channels right after the time axis
 * ({@code channels_first}); output (batch, depth', rows', cols', filters), or with the time axis after the batch with
 * {@code return_sequences}; with {@code return_state}, {@code [output, h, c]}. Weights in Keras's layout:
 * kernel {@code (kd, kh, kw, channels, 4·filters)}, recurrent_kernel with {@code filters} input channels, bias {@code (4·filters,)}, gates
 * i, f, c, o. Defaults as Keras 3: padding "valid", strides 1, tanh, sigmoid gates, glorot_uniform kernel,
 * orthogonal recurrent kernel, unit_forget_bias.
 *
 * <pre>{@code
 * jshell> new ConvLSTM3D(2, 3).apply(Input.shape(5, 8, 8, 8, 1)).shape()
 * $1 ==> (None, 6, 6, 6, 2)
 * }</pre>
 */
public class ConvLSTM3D extends ConvLSTM<ConvLSTM3D> {
    /**
     * @param filters the number of output channels (and of each state's channels), positive
     * @param kernelSize one size for every spatial axis, or 3 sizes
     */
    public ConvLSTM3D(int filters, int... kernelSize) {
        super(3, filters, kernelSize);
    }

    /** From a Keras 3 or tf.keras 2 config. */
    public static ConvLSTM3D fromConfig(Config c) {
        return new ConvLSTM3D(c.getInt("filters"), c.getInts("kernel_size")).withConvLstmConfig(c);
    }
}
