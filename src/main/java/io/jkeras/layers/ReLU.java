package io.jkeras.layers;

import io.jkeras.activations.ActivationFunction;
import io.jkeras.activations.Activations;
import io.jkeras.saving.Config;

import java.util.Map;

/**
 * The rectified linear unit with its options, as {@code keras.layers.ReLU}:
 * <pre>
 * f(x) = max_value                      if x &gt;= max_value
 * f(x) = x                              if threshold &lt; x &lt; max_value
 * f(x) = negative_slope * (x - threshold)  otherwise
 * </pre>
 * Defaults: no max value, slope 0, threshold 0 (plain {@code max(x, 0)}). All must be &gt;= 0.
 * Input: any shape; output: the same shape.
 *
 * <pre>{@code
 * jshell> new ReLU().maxValue(6.0).apply(Nd4j.createFromArray(-1f, 3f, 9f))
 * $1 ==> [0, 3.0000, 6.0000]
 * jshell> new ReLU().negativeSlope(0.5).apply(Nd4j.createFromArray(-10f, 5f))
 * $2 ==> [-5.0000, 5.0000]
 * }</pre>
 */
public class ReLU extends ActivationLayer {
    private Double maxValue;
    private double negativeSlope = 0.0;
    private double threshold = 0.0;

    /** The largest output value, {@code null} (the default) for none. */
    public ReLU maxValue(Double v) {
        requireNotBuilt("max_value");
        if (v != null && v < 0.0) {
            throw new IllegalArgumentException("max_value of a ReLU layer cannot be a negative value. Received: max_value=" + v);
        }
        this.maxValue = v;
        return this;
    }

    /** The slope below the threshold (default 0). */
    public ReLU negativeSlope(double s) {
        requireNotBuilt("negative_slope");
        if (!(s >= 0.0)) {
            throw new IllegalArgumentException("negative_slope of a ReLU layer cannot be a negative value. Received: negative_slope=" + s);
        }
        this.negativeSlope = s;
        return this;
    }

    /** The value below which the output is damped (default 0). */
    public ReLU threshold(double t) {
        requireNotBuilt("threshold");
        if (!(t >= 0.0)) {
            throw new IllegalArgumentException("threshold of a ReLU layer cannot be a negative value. Received: threshold=" + t);
        }
        this.threshold = t;
        return this;
    }

    @Override
    protected ActivationFunction makeFunction() {
        return Activations.relu(negativeSlope, maxValue, threshold);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("max_value", maxValue);
        c.put("negative_slope", negativeSlope);
        c.put("threshold", threshold);
        return c;
    }

    /** From a config of any Keras version (the keys have not changed since Keras 2.2). */
    public static ReLU fromConfig(Config c) {
        return new ReLU().maxValue(c.getDoubleOrNull("max_value"))
                .negativeSlope(c.getDouble("negative_slope", 0.0))
                .threshold(c.getDouble("threshold", 0.0))
                .withBaseConfig(c);
    }
}
