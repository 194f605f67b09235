package io.jkeras.initializers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Normally distributed values, as {@code keras.initializers.RandomNormal}.
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer(new RandomNormal(0.0, 0.01, 42L))   // or "random_normal", "normal"
 * }</pre>
 */
public final class RandomNormal implements Initializer {
    private final double mean;
    private final double stddev;
    private final Long seed;

    /**
     * @param mean the mean
     * @param stddev the standard deviation
     * @param seed a seed for repeatable values, or {@code null} for the session generator
     */
    public RandomNormal(double mean, double stddev, Long seed) {
        this.mean = mean;
        this.stddev = stddev;
        this.seed = seed;
    }

    /** Keras's defaults: mean 0, stddev 0.05, unseeded. */
    public RandomNormal() {
        this(0.0, 0.05, null);
    }

    @Override
    public INDArray apply(long[] shape, DataType dataType) {
        return Sampling.normal(shape, dataType, mean, stddev, seed);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", seed);
        c.put("mean", mean);
        c.put("stddev", stddev);
        return c;
    }
}
