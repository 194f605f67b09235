package io.jkeras.layers;

import io.jkeras.activations.ActivationFunction;
import io.jkeras.activations.Activations;
import io.jkeras.saving.Config;

import java.util.Arrays;
import java.util.Map;

/**
 * Softmax along an axis (the last by default), or jointly along several, as {@code keras.layers.Softmax}.
 * Input: any shape; output: the same shape, summing to 1 along the axes.
 *
 * <pre>{@code
 * jshell> new Softmax().apply(Nd4j.createFromArray(1f, 2f, 1f))
 * $1 ==> [0.2119, 0.5761, 0.2119]
 * jshell> new Softmax().axis(1).apply(Input.shape(5, 3)).shape()
 * $2 ==> (None, 5, 3)
 * }</pre>
 */
public class Softmax extends ActivationLayer {
    private int[] axis = {-1};

    /** The axis (or axes, normalised jointly) of the normalisation; negative counts from the end (default -1). */
    public Softmax axis(int... axes) {
        requireNotBuilt("axis");
        if (axes.length == 0) throw new IllegalArgumentException("The Softmax layer needs at least one axis.");
        this.axis = axes.clone();
        return this;
    }

    /** The normalised axes. */
    public int[] axis() {
        return axis.clone();
    }

    @Override
    protected ActivationFunction makeFunction() {
        return Activations.softmax(axis);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis.length == 1 ? (Object) axis[0] : Arrays.stream(axis).boxed().toList());
        return c;
    }

    /** From a config of any Keras version; {@code axis} may be an int or a list. */
    public static Softmax fromConfig(Config c) {
        Softmax s = new Softmax();
        int[] axes = c.getInts("axis");
        if (axes != null) s.axis(axes);
        return s.withBaseConfig(c);
    }
}
