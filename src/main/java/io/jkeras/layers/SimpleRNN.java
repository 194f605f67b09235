package io.jkeras.layers;

import io.jkeras.saving.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fully-connected recurrent layer whose output is fed back as the state, as {@code keras.layers.SimpleRNN}:
 * {@code h' = activation(x·W + h·U + b)} (activation tanh by default).
 *
 * <p>Weights in Keras's layout: kernel {@code (input_dim, units)}, recurrent_kernel {@code (units, units)}, bias
 * {@code (units,)}. Input {@code (batch, timesteps, features)} (optionally {@code [x, h0]}); output
 * {@code (batch, units)}, or {@code (batch, timesteps, units)} with {@code return_sequences}; with
 * {@code return_state}, {@code [output, h]}. See {@link RecurrentBase}.
 *
 * <pre>{@code
 * jshell> new SimpleRNN(4).returnSequences(true).apply(Input.shape(10, 8)).shape()
 * $1 ==> (None, 10, 4)
 * }</pre>
 */
public class SimpleRNN extends RecurrentBase<SimpleRNN> {
    private SimpleRnnKernel kernelLoop;

    /** @param units the size of the output and of the state */
    public SimpleRNN(int units) {
        super(units);
    }

    @Override
    int stateCount() {
        return 1;
    }

    @Override
    int dropoutMaskCount() {
        return 1;
    }

    @Override
    void buildCell(int inputDim) {
        kernel = addWeight("kernel", new long[]{inputDim, units}, kernelInitializer, kernelRegularizer, kernelConstraint, true);
        recurrentKernel = addWeight("recurrent_kernel", new long[]{units, units}, recurrentInitializer,
                recurrentRegularizer, recurrentConstraint, true);
        if (useBias) bias = addWeight("bias", new long[]{units}, biasInitializer, biasRegularizer, biasConstraint, true);
    }

    @Override
    RecurrentKernel kernel() {
        if (kernelLoop == null) kernelLoop = new SimpleRnnKernel(this);
        return kernelLoop;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = rnnConfig();
        c.put("activation", activation.name());
        c.put("use_bias", useBias);
        putWeightConfig(c, new LinkedHashMap<>());
        RecurrentConfigs.putSeed(c, this);
        return c;
    }

    /** From a config of any Keras version (Keras 1's {@code output_dim}, {@code init}, {@code inner_init}, ...). */
    public static SimpleRNN fromConfig(Config c) {
        return new SimpleRNN(RecurrentConfigs.units(c)).withRecurrentConfig(c);
    }
}
