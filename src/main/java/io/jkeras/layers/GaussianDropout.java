package io.jkeras.layers;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * Multiplicative 1-centred Gaussian noise in training, as {@code keras.layers.GaussianDropout}: each input is
 * multiplied by a draw of {@code N(1, sqrt(rate / (1 - rate)))}, the noise whose variance equals that of
 * inverted dropout at that rate; the identity in inference.
 *
 * <p>Parameters: {@code rate} in [0, 1]; {@code seed} for this layer's own generator. Output shape = input
 * shape. The gradient is multiplied by the same draw.
 *
 * <pre>{@code
 * jshell> new GaussianDropout(0.2).call(List.of(Nd4j.ones(2, 3)), true).get(0)   // about N(1, 0.5) values
 * }</pre>
 */
public class GaussianDropout extends Layer {
    private final double rate;
    private Long seed;
    private LayerRandom random = new LayerRandom(null);

    /** @param rate the equivalent dropout rate, in [0, 1] */
    public GaussianDropout(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `rate`. Expected a float value "
                    + "between 0 and 1. Received: rate=" + rate);
        }
        this.rate = rate;
    }

    /** A seed for this layer's own generator; {@code null} for ND4J's shared one. */
    public GaussianDropout seed(Long s) {
        requireNotBuilt("seed");
        this.seed = s;
        this.random = new LayerRandom(s);
        return this;
    }

    /** The equivalent dropout rate. */
    public double rate() {
        return rate;
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        if (!training || rate == 0) return Forward.of(input, g -> g);
        INDArray noise = Nd4j.createUninitialized(input.dataType(), input.shape());
        random.fill(new GaussianDistribution(noise, 1.0, Math.sqrt(rate / (1.0 - rate))));
        return Forward.of(input.mul(noise), g -> g.mul(noise));
    }

    /** Passes its input's mask on unchanged, as Keras's {@code supports_masking = True}. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("rate", rate);
        c.put("seed", seed);
        return c;
    }

    /** From a Keras config: {@code rate} ({@code p} in Keras 1), {@code seed}. */
    public static GaussianDropout fromConfig(Config c) {
        GaussianDropout d = new GaussianDropout(c.getDouble(c.has("rate") ? "rate" : "p", 0.0));
        Object s = c.get("seed");
        if (s != null) d.seed(((Number) s).longValue());
        return d.withBaseConfig(c);
    }
}
