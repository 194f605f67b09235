package io.jkeras.initializers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Normal values with those more than two standard deviations from the mean discarded and re-drawn,
 * as {@code keras.initializers.TruncatedNormal}. {@code stddev} is that of the normal before truncation
 * (the values' own standard deviation is ≈ 0.88 × stddev), as in Keras.
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer(new TruncatedNormal(0.0, 0.02, 42L))   // or "truncated_normal"
 * }</pre>
 */
public final class TruncatedNormal implements Initializer {
    private final double mean;
    private final double stddev;
    private final Long seed;

    /**
     * @param mean the mean
     * @param stddev the standard deviation of the normal before truncation
     * @param seed a seed for repeatable values, or {@code null} for the session generator
     */
    public TruncatedNormal(double mean, double stddev, Long seed) {
        this.mean = mean;
        this.stddev = stddev;
        this.seed = seed;
    }

    /** Keras's defaults: mean 0, stddev 0.05, unseeded. */
    public TruncatedNormal() {
        this(0.0, 0.05, null);
    }

    @Override
    public INDArray apply(long[] shape, DataType dataType) {
        return Sampling.truncatedNormal(shape, dataType, mean, stddev, seed);
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
