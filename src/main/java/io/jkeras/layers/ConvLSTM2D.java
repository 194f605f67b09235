package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * 2D convolutional LSTM, as {@code keras.layers.ConvLSTM2D}: an LSTM whose input and recurrent transformations
 * are 2D convolutions (see {@link ConvLSTM} for the formulas, masks, states and dropout).
 *
 * <p>Input (batch, time, rows, cols, channels) ({@code channels_last}, the default) or with the channels right after the time axis
 * ({@code channels_first}); output (batch, rows', cols', filters), or with the time axis after the batch with
 * {@code return_sequences}; with {@code return_state}, {@code [output, h, c]}. Weights in Keras's layout:
 * kernel {@code (kh, kw, channels, 4·filters)}, recurrent_kernel with {@code filters} input channels, bias {@code (4·filters,)}, gates
 * i, f, c, o. Defaults as Keras 3: padding "valid", strides 1, tanh, sigmoid gates, glorot_uniform kernel,
 * orthogonal recurrent kernel, unit_forget_bias.
 *
 * <pre>{@code
 * jshell> new ConvLSTM2D(8, 3).padding("same").returnSequences(true).apply(Input.shape(10, 40, 40, 1)).shape()
 * $1 ==> (None, 10, 40, 40, 8)
 * }</pre>
 */
public class ConvLSTM2D extends ConvLSTM<ConvLSTM2D> {
    /**
     * @param filters the number of output channels (and of each state's channels), positive
     * @param kernelSize one size for every spatial axis, or 2 sizes
     */
    public ConvLSTM2D(int filters, int... kernelSize) {
        super(2, filters, kernelSize);
    }

    /** From a Keras 3 or tf.keras 2 config. */
    public static ConvLSTM2D fromConfig(Config c) {
        return new ConvLSTM2D(c.getInt("filters"), c.getInts("kernel_size")).withConvLstmConfig(c);
    }
}
