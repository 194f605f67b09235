package io.jkeras.layers;

import io.jkeras.initializers.Initializer;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Long Short-Term Memory (Hochreiter 1997), as {@code keras.layers.LSTM}:
 * <pre>
 * i = σ(x·W_i + h·U_i + b_i), f = σ(x·W_f + h·U_f + b_f), g = tanh(x·W_c + h·U_c + b_c), o = σ(x·W_o + h·U_o + b_o)
 * c' = f ⊙ c + i ⊙ g,  h' = o ⊙ tanh(c')
 * </pre>
 * ({@code σ} = {@code recurrent_activation}, default sigmoid; {@code tanh} = {@code activation}).
 *
 * <p>Weights in Keras's layout, gates in Keras's order {@code i, f, c, o}: kernel {@code (input_dim, 4·units)},
 * recurrent_kernel {@code (units, 4·units)}, bias {@code (4·units,)}. Defaults as Keras: glorot_uniform kernel,
 * orthogonal recurrent kernel, zeros bias with {@code unit_forget_bias} (the forget gate's bias starts at 1).
 * Input {@code (batch, timesteps, features)} (optionally {@code [x, h0, c0]}); output {@code (batch, units)}, or
 * {@code (batch, timesteps, units)} with {@code return_sequences}; with {@code return_state}, {@code [output, h, c]}.
 * See {@link RecurrentBase} for masks, {@code go_backwards}, {@code stateful} and dropout.
 *
 * <pre>{@code
 * jshell> Sequential m = new Sequential(Input.shape(100, 8), new LSTM(32), new Dense(1).activation("sigmoid"));
 * jshell> new LSTM(4).returnSequences(true).apply(Nd4j.rand(DataType.FLOAT, 2, 10, 3)).shape()
 * $2 ==> [2, 10, 4]
 * }</pre>
 */
public class LSTM extends RecurrentBase<LSTM> {
    private boolean unitForgetBias = true;
    private LstmKernel kernelLoop;

    /** @param units the size of the output and of the states h and c */
    public LSTM(int units) {
        super(units);
    }

    /** Whether the forget gate's bias starts at 1 (default true; Keras then starts the other biases at zeros). */
    public LSTM unitForgetBias(boolean b) {
        requireNotBuilt("unit_forget_bias");
        unitForgetBias = b;
        return this;
    }

    @Override
    int stateCount() {
        return 2;
    }

    @Override
    int dropoutMaskCount() {
        return implementation == 1 || recurrentDropout != 0 ? 4 : 1;
    }

    @Override
    void buildCell(int inputDim) {
        kernel = addWeight("kernel", new long[]{inputDim, 4L * units}, kernelInitializer, kernelRegularizer, kernelConstraint, true);
        recurrentKernel = addWeight("recurrent_kernel", new long[]{units, 4L * units}, recurrentInitializer,
                recurrentRegularizer, recurrentConstraint, true);
        if (useBias) {
            Initializer init = unitForgetBias ? new ForgetBiasOnes(biasInitializer, units) : biasInitializer;
            bias = addWeight("bias", new long[]{4L * units}, init, biasRegularizer, biasConstraint, true);
        }
    }

    @Override
    RecurrentKernel kernel() {
        if (kernelLoop == null) kernelLoop = new LstmKernel(this);
        return kernelLoop;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = rnnConfig();
        c.put("activation", activation.name());
        c.put("recurrent_activation", recurrentActivation.name());
        c.put("use_bias", useBias);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("unit_forget_bias", unitForgetBias);
        putWeightConfig(c, extra);
        RecurrentConfigs.putSeed(c, this);
        return c;
    }

    /** From a config of any Keras version (Keras 1's {@code output_dim}, {@code inner_activation}, {@code forget_bias_init}, ...). */
    public static LSTM fromConfig(Config c) {
        LSTM l = new LSTM(RecurrentConfigs.units(c));
        l.unitForgetBias(RecurrentConfigs.unitForgetBias(c));
        return l.withRecurrentConfig(c);
    }

    /** Keras's bias initializer with {@code unit_forget_bias}: {@code [init(u), ones(u), init(2u)]}. */
    record ForgetBiasOnes(Initializer base, int units) implements Initializer {
        @Override
        public INDArray apply(long[] shape, DataType dataType) {
            return Nd4j.concat(0, base.apply(new long[]{units}, dataType), Nd4j.ones(dataType, units),
                    base.apply(new long[]{2L * units}, dataType));
        }

        @Override
        public String className() {
            return base.className();
        }

        @Override
        public Map<String, Object> getConfig() {
            return base.getConfig();
        }
    }
}
