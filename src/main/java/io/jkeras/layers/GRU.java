package io.jkeras.layers;

import io.jkeras.saving.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gated Recurrent Unit (Cho et al. 2014), as {@code keras.layers.GRU}:
 * <pre>
 * z = σ(x·W_z + h·U_z + b), r = σ(x·W_r + h·U_r + b)
 * reset_after=true (default):  hh = tanh(x·W_h + b_in + r ⊙ (h·U_h + b_rec))
 * reset_after=false:           hh = tanh(x·W_h + b + (r ⊙ h)·U_h)
 * h' = z ⊙ h + (1 - z) ⊙ hh
 * </pre>
 * ({@code σ} = {@code recurrent_activation}, default sigmoid; {@code tanh} = {@code activation}).
 *
 * <p>Weights in Keras's layout, gates in Keras's order {@code z, r, h}: kernel {@code (input_dim, 3·units)},
 * recurrent_kernel {@code (units, 3·units)}, bias {@code (2, 3·units)} (input and recurrent biases) with
 * {@code reset_after}, else {@code (3·units,)}. Input {@code (batch, timesteps, features)} (optionally
 * {@code [x, h0]}); output {@code (batch, units)}, or {@code (batch, timesteps, units)} with
 * {@code return_sequences}; with {@code return_state}, {@code [output, h]}. See {@link RecurrentBase}.
 *
 * <pre>{@code
 * jshell> new GRU(8).apply(Input.shape(100, 16)).shape()
 * $1 ==> (None, 8)
 * }</pre>
 */
public class GRU extends RecurrentBase<GRU> {
    boolean resetAfter = true;
    private GruKernel kernelLoop;

    /** @param units the size of the output and of the state */
    public GRU(int units) {
        super(units);
    }

    /** Whether the reset gate applies after the recurrent product (default true, cuDNN's form) or before it. */
    public GRU resetAfter(boolean b) {
        requireNotBuilt("reset_after");
        resetAfter = b;
        return this;
    }

    @Override
    int stateCount() {
        return 1;
    }

    @Override
    int dropoutMaskCount() {
        return implementation == 1 || recurrentDropout != 0 ? 3 : 1;
    }

    @Override
    void buildCell(int inputDim) {
        kernel = addWeight("kernel", new long[]{inputDim, 3L * units}, kernelInitializer, kernelRegularizer, kernelConstraint, true);
        recurrentKernel = addWeight("recurrent_kernel", new long[]{units, 3L * units}, recurrentInitializer,
                recurrentRegularizer, recurrentConstraint, true);
        if (useBias) {
            long[] shape = resetAfter ? new long[]{2, 3L * units} : new long[]{3L * units};
            bias = addWeight("bias", shape, biasInitializer, biasRegularizer, biasConstraint, true);
        }
    }

    @Override
    RecurrentKernel kernel() {
        if (kernelLoop == null) kernelLoop = new GruKernel(this);
        return kernelLoop;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = rnnConfig();
        c.put("activation", activation.name());
        c.put("recurrent_activation", recurrentActivation.name());
        c.put("use_bias", useBias);
        putWeightConfig(c, new LinkedHashMap<>());
        c.put("reset_after", resetAfter);
        RecurrentConfigs.putSeed(c, this);
        return c;
    }

    /**
     * From a config of any Keras version. A config without {@code reset_after} (Keras 1, early Keras 2) means the
     * form those versions had, {@code reset_after=false}.
     */
    public static GRU fromConfig(Config c) {
        GRU g = new GRU(RecurrentConfigs.units(c));
        g.resetAfter(c.getBoolean("reset_after", !RecurrentConfigs.isLegacy(c)));
        return g.withRecurrentConfig(c);
    }
}
