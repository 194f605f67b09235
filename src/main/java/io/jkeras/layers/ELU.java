package io.jkeras.layers;

import io.jkeras.activations.ActivationFunction;
import io.jkeras.activations.Activations;
import io.jkeras.saving.Config;

import java.util.Map;

/**
 * The exponential linear unit, {@code x} if {@code x > 0} else {@code alpha * (exp(x) - 1)}, as
 * {@code keras.layers.ELU} (alpha 1.0 by default). Input: any shape; output: the same shape.
 *
 * <pre>{@code
 * jshell> new ELU().alpha(0.5).apply(Nd4j.createFromArray(-1f, 2f))
 * $1 ==> [-0.3161, 2.0000]
 * }</pre>
 */
public class ELU extends ActivationLayer {
    private double alpha = 1.0;

    /** The scale of the negative part (default 1.0). */
    public ELU alpha(double a) {
        requireNotBuilt("alpha");
        this.alpha = a;
        return this;
    }

    /** The scale of the negative part. */
    public double alpha() {
        return alpha;
    }

    @Override
    protected ActivationFunction makeFunction() {
        return Activations.elu(alpha);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("alpha", alpha); // Keras 3 omits it from its own config but accepts it; Keras 2 wrote it
        return c;
    }

    /** From a config of any Keras version. */
    public static ELU fromConfig(Config c) {
        return new ELU().alpha(c.getDouble("alpha", 1.0)).withBaseConfig(c);
    }
}
