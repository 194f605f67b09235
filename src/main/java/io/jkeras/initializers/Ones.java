package io.jkeras.initializers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * All ones, as {@code keras.initializers.Ones}; BatchNormalization's default gamma.
 *
 * <pre>{@code
 * new Dense(64).biasInitializer(new Ones())   // or "ones", "one"
 * }</pre>
 */
public final class Ones implements Initializer {
    @Override
    public INDArray apply(long[] shape, DataType dataType) {
        return Nd4j.ones(dataType, shape);
    }

    @Override
    public Map<String, Object> getConfig() {
        return new LinkedHashMap<>();
    }
}
