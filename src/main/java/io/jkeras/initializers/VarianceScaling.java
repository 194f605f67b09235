package io.jkeras.initializers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Samples scaled to the weight's fan, as {@code keras.initializers.VarianceScaling}; the Glorot, He and
 * LeCun initializers are its presets.
 *
 * <p>With n the fan ({@code fan_in}, {@code fan_out} or their average): {@code truncated_normal} draws
 * with stddev {@code sqrt(scale / n) / 0.87962566}, {@code untruncated_normal} with {@code sqrt(scale / n)},
 * {@code uniform} within {@code ±sqrt(3 scale / n)}.
 *
 * <pre>{@code
 * new VarianceScaling(2.0, "fan_in", "truncated_normal", 42L)   // He normal, seeded
 * }</pre>
 */
public class VarianceScaling implements Initializer {
    private final double scale;
    private final String mode;
    private final String distribution;
    private final Long seed;

    /**
     * @param scale positive scaling factor
     * @param mode {@code fan_in}, {@code fan_out} or {@code fan_avg}
     * @param distribution {@code truncated_normal}, {@code untruncated_normal} or {@code uniform}
     * @param seed a seed for repeatable values, or {@code null} for the session generator
     */
    public VarianceScaling(double scale, String mode, String distribution, Long seed) {
        if (scale <= 0) throw new IllegalArgumentException("Argument `scale` must be positive float. Received: scale=" + scale);
        if (!mode.equals("fan_in") && !mode.equals("fan_out") && !mode.equals("fan_avg")) {
            throw new IllegalArgumentException("Invalid `mode` argument: expected one of {\"fan_in\", \"fan_out\", \"fan_avg\"}. Received: mode=" + mode);
        }
        String d = distribution.equals("normal") ? "truncated_normal" : distribution;
        if (!d.equals("truncated_normal") && !d.equals("untruncated_normal") && !d.equals("uniform")) {
            throw new IllegalArgumentException("Invalid `distribution` argument: expected one of {\"normal\", \"uniform\", "
                    + "\"truncated_normal\", \"untruncated_normal\"}. Received: distribution=" + distribution);
        }
        this.scale = scale;
        this.mode = mode;
        this.distribution = d;
        this.seed = seed;
    }

    /** Keras's defaults: scale 1, fan_in, truncated normal, no seed. */
    public VarianceScaling() {
        this(1.0, "fan_in", "truncated_normal", null);
    }

    @Override
    public INDArray apply(long[] shape, DataType dataType) {
        double[] fans = Initializer.computeFans(shape);
        double n = switch (mode) {
            case "fan_in" -> fans[0];
            case "fan_out" -> fans[1];
            default -> (fans[0] + fans[1]) / 2.0;
        };
        double s = scale / Math.max(1.0, n);
        return switch (distribution) {
            // 0.879... is the stddev of a standard normal truncated to (-2, 2).
            case "truncated_normal" -> Sampling.truncatedNormal(shape, dataType, 0.0, Math.sqrt(s) / 0.87962566103423978, seed);
            case "untruncated_normal" -> Sampling.normal(shape, dataType, 0.0, Math.sqrt(s), seed);
            default -> {
                double limit = Math.sqrt(3.0 * s);
                yield Sampling.uniform(shape, dataType, -limit, limit, seed);
            }
        };
    }

    /** The seed, or {@code null}. */
    public Long seed() {
        return seed;
    }

    @Override
    public Map<String, Object> getConfig() {
        // Keras 3's key order: the seed first (its RandomInitializer base), then the subclass's keys.
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", seed);
        c.put("scale", scale);
        c.put("mode", mode);
        c.put("distribution", distribution);
        return c;
    }
}
