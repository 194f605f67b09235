package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.activations.ActivationFunction;
import io.jkeras.activations.Activations;
import io.jkeras.initializers.Initializers;
import io.jkeras.saving.Config;

import java.util.Map;

/**
 * Reads the keys that {@link LSTM}, {@link GRU} and {@link SimpleRNN} share from a config written by any Keras
 * version: Keras 3's names, Keras 2's ({@code implementation}) and Keras 1's ({@code output_dim}, {@code init},
 * {@code inner_init}, {@code inner_activation}, {@code forget_bias_init}, {@code W_regularizer},
 * {@code dropout_W}, {@code dropout_U}, {@code consume_less}). Package-private.
 *
 * <p>Keras 1 and 2 meant {@code clip(0.2 x + 0.5, 0, 1)} by {@code "hard_sigmoid"}, Keras 3 {@code relu6(x + 3) / 6}.
 * Keras 3 writes a {@code seed} key in every recurrent layer's config and older versions never do, so a config
 * without one reads {@code "hard_sigmoid"} the old way (a file written by Keras 1 or 2 then predicts what it
 * predicted there), and a layer using the old function writes no {@code seed} ({@link #putSeed}), so that it
 * survives jkeras's own save and load.
 */
final class RecurrentConfigs {
    private RecurrentConfigs() {
    }

    /** True for a config written before Keras 3 (no {@code seed} key). */
    static boolean isLegacy(Config c) {
        return !c.has("seed");
    }

    /**
     * Keras 3's {@code seed} key, unless the layer uses Keras 1/2's hard sigmoid: a config without the key reads
     * back as a legacy one, so that a model loaded from a Keras 2 file and saved again keeps its function (Keras 3
     * itself reads such a config with its own hard sigmoid, as it reads the Keras 2 file).
     */
    static void putSeed(Map<String, Object> c, RecurrentBase<?> layer) {
        Class<?> keras2 = Activations.hardSigmoidKeras2().getClass();
        if (layer.activation.getClass() == keras2 || layer.recurrentActivation.getClass() == keras2) return;
        c.put("seed", layer.seed);
    }

    /** The units, from {@code units} or Keras 1's {@code output_dim}. */
    static int units(Config c) {
        return c.getInt("units", "output_dim");
    }

    /** An activation by its config entry, with the pre-Keras-3 meaning of {@code hard_sigmoid} for legacy configs. */
    static ActivationFunction activation(Config c, Object spec) {
        ActivationFunction f = Activations.get(spec);
        if (isLegacy(c) && "hard_sigmoid".equals(f.name())) return Activations.hardSigmoidKeras2();
        return f;
    }

    /** Applies every shared key present in {@code c} to {@code layer}. */
    static void apply(RecurrentBase<?> layer, Config c) {
        layer.returnSequences(c.getBoolean("return_sequences", false));
        layer.returnState(c.getBoolean("return_state", false));
        layer.goBackwards(c.getBoolean("go_backwards", false));
        layer.stateful(c.getBoolean("stateful", false));
        layer.unroll(c.getBoolean("unroll", false));
        layer.zeroOutputForMask(c.getBoolean("zero_output_for_mask", false));
        if (c.has("activation")) layer.activation = activation(c, c.get("activation"));
        Object ra = c.get("recurrent_activation", "inner_activation");
        if (ra != null) layer.recurrentActivation = activation(c, ra);
        layer.useBias(c.getBoolean("use_bias", true));
        Object ki = c.get("kernel_initializer", "init");
        if (ki != null) layer.kernelInitializer(ki);
        Object ri = c.get("recurrent_initializer", "inner_init");
        if (ri != null) layer.recurrentInitializer(ri);
        if (c.get("bias_initializer") != null) layer.biasInitializer(c.get("bias_initializer"));
        layer.kernelRegularizer(c.get("kernel_regularizer", "W_regularizer"));
        layer.recurrentRegularizer(c.get("recurrent_regularizer", "U_regularizer"));
        layer.biasRegularizer(c.get("bias_regularizer", "b_regularizer"));
        layer.activityRegularizer(c.get("activity_regularizer"));
        layer.kernelConstraint(c.get("kernel_constraint", "W_constraint"));
        layer.recurrentConstraint(c.get("recurrent_constraint", "U_constraint"));
        layer.biasConstraint(c.get("bias_constraint", "b_constraint"));
        layer.dropout(number(c, "dropout", "dropout_W"));
        layer.recurrentDropout(number(c, "recurrent_dropout", "dropout_U"));
        layer.seed(Initializers.seed(c));
        if (c.get("implementation") instanceof Number n) layer.implementation(n.intValue());
        else if (c.get("consume_less") instanceof String s) layer.implementation(s.equals("mem") ? 1 : s.equals("gpu") ? 2 : 0);
        // Keras 1 gave a recurrent layer its input as input_dim and input_length rather than batch_input_shape.
        if (c.getShape("batch_input_shape", "batch_shape") == null && c.get("input_dim") instanceof Number in) {
            Integer length = c.get("input_length") instanceof Number l ? l.intValue() : null;
            layer.setBatchInputShape(Shape.of(null, length, in.intValue()));
        }
    }

    private static double number(Config c, String key, String legacyKey) {
        Object v = c.get(key, legacyKey);
        return v instanceof Number n ? n.doubleValue() : 0.0;
    }

    /** Keras 1's {@code forget_bias_init}: {@code "one"} is Keras 2's {@code unit_forget_bias=True}. */
    static boolean unitForgetBias(Config c) {
        if (c.has("unit_forget_bias")) return c.getBoolean("unit_forget_bias", true);
        Object fbi = c.get("forget_bias_init");
        if (fbi == null) return true;
        return "one".equals(fbi) || "ones".equals(fbi) || (fbi instanceof Map<?, ?> m && "Ones".equals(m.get("class_name")));
    }
}
