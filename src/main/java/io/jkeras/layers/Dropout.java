package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * Randomly zeroes a fraction {@code rate} of the inputs during training and scales the kept ones by
 * {@code 1 / (1 - rate)} (inverted dropout), as {@code keras.layers.Dropout}. In inference it is the identity.
 *
 * <p>Parameters: {@code rate} in [0, 1]; {@code noise_shape} (full shape, batch included, {@code null}
 * entries taken from the input) to share one mask along some axes, e.g. {@code (None, 1, features)};
 * {@code seed} for a repeatable sequence of masks of this layer alone (otherwise ND4J's generator, which
 * {@code Keras.setRandomSeed} seeds). Output shape = input shape.
 *
 * <pre>{@code
 * jshell> Layer d = new Dropout(0.5);
 * jshell> d.call(List.of(Nd4j.ones(2, 4)), true).get(0)   // training: about half 0, the rest 2.0
 * $2 ==> [[2.0, 0, 2.0, 2.0], [0, 0, 2.0, 2.0]]
 * jshell> d.apply(Nd4j.ones(2, 4))                       // inference: the identity
 * }</pre>
 */
public class Dropout extends Layer {
    private final double rate;
    private Shape noiseShape;
    private Long seed;
    /** This layer's own generator when seeded: like Keras's SeedGenerator it advances on every call. */
    private Random generator;

    /** @param rate the fraction of inputs to drop, in [0, 1] */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `rate`. Expected a float value "
                    + "between 0 and 1. Received: rate=" + rate);
        }
        this.rate = rate;
    }

    /** The mask's shape, batch included; {@code null} entries follow the input (Keras's {@code noise_shape}). */
    public Dropout noiseShape(Integer... dims) {
        requireNotBuilt("noise_shape");
        this.noiseShape = dims == null ? null : Shape.of(dims);
        return this;
    }

    /** A seed for this layer's own generator; {@code null} for ND4J's shared one. */
    public Dropout seed(Long s) {
        requireNotBuilt("seed");
        this.seed = s;
        return this;
    }

    /** The drop fraction. */
    public double rate() {
        return rate;
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        super.checkInputs(shapes);
        if (noiseShape != null) maskShape(shapes.get(0)); // fail at call time, not in the first training step
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        if (!training || rate == 0) return Forward.of(input, g -> g);
        long[] shape = maskShape(Shape.ofArray(input.shape())).toLongArray(1);
        INDArray mask = Nd4j.createUninitialized(input.dataType(), shape);
        if (rate == 1) {
            mask.assign(0); // nothing is kept; 1 / (1 - rate) is undefined
        } else {
            BernoulliDistribution keep = new BernoulliDistribution(mask, 1 - rate);
            if (seed == null) Nd4j.getExecutioner().exec(keep);
            else Nd4j.getExecutioner().exec(keep, generator());
            mask.muli(1 / (1 - rate)); // the mask carries the scaling: one multiply forward, one backward
        }
        // mul broadcasts a noise_shape mask over the input; both results are new arrays.
        return Forward.of(input.mul(mask), g -> g.mul(mask));
    }

    private Random generator() {
        if (generator == null) generator = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        return generator;
    }

    /** The noise shape with unknown entries filled from the input; each entry must be 1 or the input's size. */
    private Shape maskShape(Shape input) {
        return noiseShapeFor(this, noiseShape, input);
    }

    /** A {@code noise_shape} resolved against an input shape (shared with AlphaDropout); {@code null} means the input's. */
    static Shape noiseShapeFor(Layer layer, Shape noiseShape, Shape input) {
        if (noiseShape == null) return input;
        if (noiseShape.rank() != input.rank()) {
            throw LayerErrors.of(layer, "`noise_shape` must have the rank of the inputs. Received: noise_shape="
                    + noiseShape + ", input shape=" + input);
        }
        Shape s = noiseShape;
        for (int i = 0; i < s.rank(); i++) {
            Integer n = s.get(i), d = input.get(i);
            if (n == null) s = s.with(i, d);
            else if (n != 1 && d != null && !n.equals(d)) {
                throw LayerErrors.of(layer, "`noise_shape` must be broadcastable to the input shape: each entry "
                        + "must be 1, None or the input's size. Received: noise_shape=" + noiseShape + ", input shape=" + input);
            }
        }
        return s;
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

    /** From a config of any Keras version (Keras 1 spelled the rate {@code p}). */
    public static Dropout fromConfig(Config c) {
        Dropout d = new Dropout(c.getDouble(c.has("rate") ? "rate" : "p", 0.5));
        Shape ns = c.getShape("noise_shape");
        if (ns != null) d.noiseShape(ns.dims().toArray(new Integer[0]));
        Object s = c.get("seed");
        if (s != null) d.seed(((Number) s).longValue());
        return d.withBaseConfig(c);
    }
}
