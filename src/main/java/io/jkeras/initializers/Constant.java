package io.jkeras.initializers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every value the same scalar, as {@code keras.initializers.Constant}.
 *
 * <pre>{@code
 * new Dense(64).biasInitializer(new Constant(0.1))
 * }</pre>
 */
public final class Constant implements Initializer {
    private final double value;

    /** @param value the scalar to fill with */
    public Constant(double value) {
        this.value = value;
    }

    /** Keras's default: 0. */
    public Constant() {
        this(0.0);
    }

    /** The fill value. */
    public double value() {
        return value;
    }

    @Override
    public INDArray apply(long[] shape, DataType dataType) {
        return Nd4j.valueArrayOf(shape, value, dataType);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("value", value);
        return c;
    }
}
