package io.jkeras.layers;

import io.jkeras.activations.ActivationFunction;
import io.jkeras.activations.Activations;
import io.jkeras.saving.Config;

import java.util.Map;

/**
 * The leaky rectified linear unit, {@code x} if {@code x >= 0} else {@code negative_slope * x}, as
 * {@code keras.layers.LeakyReLU}. The layer's default slope is 0.3 (the {@code "leaky_relu"} function's is
 * 0.2, as in Keras). Keras 2 called the slope {@code alpha}; both keys load. Input: any shape; output:
 * the same shape.
 *
 * <pre>{@code
 * jshell> new LeakyReLU().negativeSlope(0.5).apply(Nd4j.createFromArray(-10f, -5f, 0f, 5f))
 * $1 ==> [-5.0000, -2.5000, 0, 5.0000]
 * }</pre>
 */
public class LeakyReLU extends ActivationLayer {
    private double negativeSlope = 0.3;

    /** The slope for negative inputs, &gt;= 0 (default 0.3). */
    public LeakyReLU negativeSlope(double s) {
        requireNotBuilt("negative_slope");
        if (!(s >= 0.0)) {
            throw new IllegalArgumentException("The negative_slope value of a Leaky ReLU layer cannot be None or negative value. "
                    + "Expected a float. Received: negative_slope=" + s);
        }
        this.negativeSlope = s;
        return this;
    }

    /** The slope for negative inputs. */
    public double negativeSlope() {
        return negativeSlope;
    }

    @Override
    protected ActivationFunction makeFunction() {
        return Activations.leakyRelu(negativeSlope);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("negative_slope", negativeSlope);
        return c;
    }

    /** From a Keras 3 config ({@code negative_slope}) or a Keras 1/2 one ({@code alpha}). */
    public static LeakyReLU fromConfig(Config c) {
        Object s = c.get("negative_slope", "alpha");
        LeakyReLU l = new LeakyReLU();
        if (s != null) l.negativeSlope(((Number) s).doubleValue());
        return l.withBaseConfig(c);
    }
}
