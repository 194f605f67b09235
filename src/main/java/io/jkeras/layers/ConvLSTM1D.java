package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * 1D convolutional LSTM, as {@code keras.layers.ConvLSTM1D}: an LSTM whose input and recurrent transformations
 * are 1D convolutions (see {@link ConvLSTM} for the formulas, masks, states and dropout).
 *
 * <p>Input (batch, time, steps, channels) ({@code channels_last}, the default) or with the channels right after the time axis
 * ({@code channels_first}); output (batch, steps', filters), or with the time axis after the batch with
 * {@code return_sequences}; with {@code return_state}, {@code [output, h, c]}. Weights in Keras's layout:
 * kernel {@code (k, channels, 4·filters)}, recurrent_kernel with {@code filters} input channels, bias {@code (4·filters,)}, gates
 * i, f, c, o. Defaults as Keras 3: padding "valid", strides 1, tanh, sigmoid gates, glorot_uniform kernel,
 * orthogonal recurrent kernel, unit_forget_bias.
 *
 * <pre>{@code
 * jshell> new ConvLSTM1D(4, 3).returnSequences(true).apply(Input.shape(10, 16, 2)).shape()
 * $1 ==> (None, 10, 14, 4)
 * }</pre>
 */
public class ConvLSTM1D extends ConvLSTM<ConvLSTM1D> {
    /**
     * @param filters the number of output channels (and of each state's channels), positive
     * @param kernelSize one size for every spatial axis, or 1 sizes
     */
    public ConvLSTM1D(int filters, int... kernelSize) {
        super(1, filters, kernelSize);
    }

    /** From a Keras 3 or tf.keras 2 config. */
    public static ConvLSTM1D fromConfig(Config c) {
        return new ConvLSTM1D(c.getInt("filters"), c.getInts("kernel_size")).withConvLstmConfig(c);
    }
}
