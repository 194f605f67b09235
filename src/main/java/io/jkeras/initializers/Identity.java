package io.jkeras.initializers;

import io.jkeras.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Eye;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identity matrix times {@code gain}, as {@code keras.initializers.Identity}; 2-D shapes only. A
 * non-square shape gets ones on its main diagonal ({@code eye(rows, cols)}).
 *
 * <pre>{@code
 * new SimpleRNN(32).recurrentInitializer(new Identity(1.0))   // or "identity"
 * }</pre>
 */
public final class Identity implements Initializer {
    private final double gain;

    /** @param gain the value on the diagonal */
    public Identity(double gain) {
        this.gain = gain;
    }

    /** Keras's default: gain 1. */
    public Identity() {
        this(1.0);
    }

    @Override
    public INDArray apply(long[] shape, DataType dataType) {
        if (shape.length != 2) {
            throw new IllegalArgumentException("Identity matrix initializer can only be used for 2D matrices. Received: shape="
                    + Shape.ofArray(shape) + " of rank " + shape.length + ".");
        }
        INDArray eye = Nd4j.exec(new Eye((int) shape[0], (int) shape[1], dataType, new int[0]))[0];
        return gain == 1.0 ? eye : eye.muli(gain);
    }

    /**
     * {@code {"gain": ...}}. Keras 3 writes {@code {}} here (its Identity keeps no config, so a gain is
     * lost on saving); writing the gain keeps it, and Keras 3 reads it back, passing it to the constructor.
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("gain", gain);
        return c;
    }
}
