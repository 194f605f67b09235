package io.jkeras.layers;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * Adds zero-centred Gaussian noise in training, as {@code keras.layers.GaussianNoise}; the identity in
 * inference. A regularizer, e.g. against overfitting on real-valued inputs.
 *
 * <p>Parameters: {@code stddev} of the noise, in [0, 1]; {@code seed} for a repeatable sequence of this layer
 * alone (otherwise ND4J's generator, which {@code Keras.setRandomSeed} seeds). Output shape = input shape. The
 * gradient passes through unchanged: the noise does not depend on the input.
 *
 * <pre>{@code
 * jshell> new GaussianNoise(0.1).call(List.of(Nd4j.zeros(2, 3)), true).get(0)   // about N(0, 0.1) values
 * }</pre>
 */
public class GaussianNoise extends Layer {
    private final double stddev;
    private Long seed;
    private LayerRandom random = new LayerRandom(null);

    /** @param stddev the noise's standard deviation, in [0, 1] */
    public GaussianNoise(double stddev) {
        if (!(stddev >= 0 && stddev <= 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `stddev`. Expected a float value "
                    + "between 0 and 1. Received: stddev=" + stddev);
        }
        this.stddev = stddev;
    }

    /** A seed for this layer's own generator; {@code null} for ND4J's shared one. */
    public GaussianNoise seed(Long s) {
        requireNotBuilt("seed");
        this.seed = s;
        this.random = new LayerRandom(s);
        return this;
    }

    /** The noise's standard deviation. */
    public double stddev() {
        return stddev;
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        if (!training || stddev == 0) return Forward.of(input, g -> g);
        INDArray noise = Nd4j.createUninitialized(input.dataType(), input.shape());
        random.fill(new GaussianDistribution(noise, 0.0, stddev));
        return Forward.of(noise.addi(input), g -> g);
    }

    /** Passes its input's mask on unchanged, as Keras's {@code supports_masking = True}. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("stddev", stddev);
        c.put("seed", seed);
        return c;
    }

    /** From a Keras config: {@code stddev} ({@code sigma} in Keras 1), {@code seed}. */
    public static GaussianNoise fromConfig(Config c) {
        GaussianNoise n = new GaussianNoise(c.getDouble(c.has("stddev") ? "stddev" : "sigma", 0.0));
        Object s = c.get("seed");
        if (s != null) n.seed(((Number) s).longValue());
        return n.withBaseConfig(c);
    }
}
