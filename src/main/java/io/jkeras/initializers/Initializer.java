package io.jkeras.initializers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Fills a new weight, as {@code keras.initializers.Initializer}. Fan-in and fan-out follow Keras's
 * rule: for a kernel of shape {@code (..receptive field.., in, out)}, fan_in = in × field,
 * fan_out = out × field.
 *
 * <pre>{@code
 * INDArray w = new GlorotUniform().apply(new long[]{784, 64}, DataType.FLOAT);
 * }</pre>
 */
public interface Initializer {
    /** A new array of this shape and type, filled by this initializer (from the seeded ND4J generator). */
    INDArray apply(long[] shape, DataType dataType);

    /** The Keras class name written in configs ({@code "GlorotUniform"}). */
    default String className() {
        return getClass().getSimpleName();
    }

    /** Keras's config for this initializer ({@code {"seed": null}}). */
    Map<String, Object> getConfig();

    /** Keras's fan-in and fan-out for a weight shape: {@code [fanIn, fanOut]}. */
    static double[] computeFans(long[] shape) {
        if (shape.length == 0) return new double[]{1, 1};
        if (shape.length == 1) return new double[]{shape[0], shape[0]};
        if (shape.length == 2) return new double[]{shape[0], shape[1]};
        double field = 1;
        for (int i = 0; i < shape.length - 2; i++) field *= shape[i];
        return new double[]{shape[shape.length - 2] * field, shape[shape.length - 1] * field};
    }
}
