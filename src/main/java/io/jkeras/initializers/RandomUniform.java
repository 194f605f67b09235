package io.jkeras.initializers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Uniform values in {@code [minval, maxval)}, as {@code keras.initializers.RandomUniform}.
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer(new RandomUniform(-0.1, 0.1, 42L))   // or "random_uniform", "uniform"
 * }</pre>
 */
public final class RandomUniform implements Initializer {
    private final double minval;
    private final double maxval;
    private final Long seed;

    /**
     * @param minval lower bound (inclusive)
     * @param maxval upper bound (exclusive)
     * @param seed a seed for repeatable values, or {@code null} for the session generator
     */
    public RandomUniform(double minval, double maxval, Long seed) {
        this.minval = minval;
        this.maxval = maxval;
        this.seed = seed;
    }

    /** Keras's defaults: {@code [-0.05, 0.05)}, unseeded. */
    public RandomUniform() {
        this(-0.05, 0.05, null);
    }

    @Override
    public INDArray apply(long[] shape, DataType dataType) {
        return Sampling.uniform(shape, dataType, minval, maxval, seed);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", seed);
        c.put("minval", minval);
        c.put("maxval", maxval);
        return c;
    }
}
