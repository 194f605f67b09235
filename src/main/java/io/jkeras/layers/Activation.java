package io.jkeras.layers;

import io.jkeras.activations.ActivationFunction;
import io.jkeras.activations.Activations;
import io.jkeras.saving.Config;

import java.util.Map;

/**
 * Applies an activation function, as {@code keras.layers.Activation}.
 *
 * <p>The function is given by its Keras name ({@code "relu"}, {@code "softmax"}, {@code "gelu"}, … see
 * {@link Activations#names()}) or as an {@link ActivationFunction}; only its name is written to the
 * config, so a parameterised function (say {@code Activations.elu(0.5)}) is saved with its defaults —
 * use the dedicated layer ({@link ELU}) to keep the parameter. Input: any shape; output: the same shape.
 *
 * <pre>{@code
 * jshell> new Activation("relu").apply(Nd4j.createFromArray(-3f, -1f, 0f, 2f))
 * $1 ==> [0, 0, 0, 2.0000]
 * jshell> new Activation("softmax").apply(Input.shape(10)).shape()
 * $2 ==> (None, 10)
 * }</pre>
 */
public class Activation extends ActivationLayer {
    private final ActivationFunction activation;

    /**
     * @param activation a Keras activation name; {@code null} means {@code "linear"}
     * @throws IllegalArgumentException naming the activation, if unknown
     */
    public Activation(String activation) {
        this.activation = Activations.get(activation);
    }

    /** @param activation the function itself (only its name is saved) */
    public Activation(ActivationFunction activation) {
        if (activation == null) throw new IllegalArgumentException("Argument `activation` cannot be null.");
        this.activation = activation;
    }

    /** The function this layer applies. */
    public ActivationFunction activation() {
        return activation;
    }

    @Override
    protected ActivationFunction makeFunction() {
        return activation;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("activation", activation.name());
        return c;
    }

    /** From a config of any Keras version; {@code activation} may be a name or a serialized function. */
    public static Activation fromConfig(Config c) {
        return new Activation(Activations.get(c.get("activation"))).withBaseConfig(c);
    }
}
