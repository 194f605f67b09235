package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * Dropout that keeps SELU's self-normalizing property, as {@code keras.layers.AlphaDropout}: in training a
 * fraction {@code rate} of the inputs is set to SELU's negative saturation value {@code -scale * alpha}
 * instead of 0, then an affine map {@code a * x + b} restores the mean and variance the inputs had; the
 * identity in inference. Pair it with {@code activation("selu")} and {@code lecun_normal} initialisation.
 *
 * <p>With {@code alpha_p = -1.6732632423543772 * 1.0507009873554805}, keep mask {@code k} (1 with probability
 * {@code 1 - rate}): {@code a = ((1 - rate) (1 + rate alpha_p^2))^-1/2}, {@code b = -a alpha_p rate},
 * {@code y = a (x k + alpha_p (1 - k)) + b}, so {@code dy/dx = a k}.
 *
 * <p>Parameters: {@code rate} in [0, 1]; {@code noise_shape} as {@link Dropout}'s; {@code seed}. Output shape =
 * input shape.
 *
 * <pre>{@code
 * jshell> new AlphaDropout(0.1).call(List.of(Nd4j.zeros(2, 3)), true).get(0)
 * }</pre>
 */
public class AlphaDropout extends Layer {
    private static final double ALPHA_P = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946;
    private final double rate;
    private Shape noiseShape;
    private Long seed;
    private LayerRandom random = new LayerRandom(null);

    /** @param rate the fraction of inputs to drop, in [0, 1] */
    public AlphaDropout(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `rate`. Expected a float value "
                    + "between 0 and 1. Received: rate=" + rate);
        }
        this.rate = rate;
    }

    /** The mask's shape, batch included; {@code null} entries follow the input (Keras's {@code noise_shape}). */
    public AlphaDropout noiseShape(Integer... dims) {
        requireNotBuilt("noise_shape");
        this.noiseShape = dims == null ? null : Shape.of(dims);
        return this;
    }

    /** A seed for this layer's own generator; {@code null} for ND4J's shared one. */
    public AlphaDropout seed(Long s) {
        requireNotBuilt("seed");
        this.seed = s;
        this.random = new LayerRandom(s);
        return this;
    }

    /** The drop fraction. */
    public double rate() {
        return rate;
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        super.checkInputs(shapes);
        Dropout.noiseShapeFor(this, noiseShape, shapes.get(0));
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        if (!training || rate == 0) return Forward.of(input, g -> g);
        long[] shape = Dropout.noiseShapeFor(this, noiseShape, Shape.ofArray(input.shape())).toLongArray(1);
        INDArray kept = Nd4j.createUninitialized(input.dataType(), shape);
        random.fill(new BernoulliDistribution(kept, 1 - rate));
        double a = Math.pow((1 - rate) * (1 + rate * ALPHA_P * ALPHA_P), -0.5);
        double b = -a * ALPHA_P * rate;
        // y = x * (a k) + (a alpha_p (1 - k) + b): one scale and one offset array, both in the mask's shape.
        INDArray scale = kept.mul(a);
        INDArray offset = kept.mul(-a * ALPHA_P).addi(a * ALPHA_P + b);
        INDArray y = input.mul(scale); // broadcasts a noise_shape mask; a new array
        y.addi(offset);
        return Forward.of(y, g -> g.mul(scale));
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
        c.put("noise_shape", noiseShape == null ? null : noiseShape.dims());
        return c;
    }

    /** From a Keras config: {@code rate}, {@code noise_shape}, {@code seed}. */
    public static AlphaDropout fromConfig(Config c) {
        AlphaDropout d = new AlphaDropout(c.getDouble("rate", 0.0));
        Shape ns = c.getShape("noise_shape");
        if (ns != null) d.noiseShape(ns.dims().toArray(new Integer[0]));
        Object s = c.get("seed");
        if (s != null) d.seed(((Number) s).longValue());
        return d.withBaseConfig(c);
    }
}
