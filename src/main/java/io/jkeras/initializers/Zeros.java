package io.jkeras.initializers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * All zeros, as {@code keras.initializers.Zeros}; the default bias initializer.
 *
 * <pre>{@code
 * new Dense(64).biasInitializer(new Zeros())
 * }</pre>
 */
public final class Zeros implements Initializer {
    @Override
    public INDArray apply(long[] shape, DataType dataType) {
        return Nd4j.zeros(dataType, shape);
    }

    @Override
    public Map<String, Object> getConfig() {
        return new java.util.LinkedHashMap<>();
    }
}
