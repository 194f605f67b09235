package io.jkeras.initializers;

import io.jkeras.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Qr;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An orthogonal matrix (times {@code gain}), as {@code keras.initializers.Orthogonal}; the default
 * recurrent-kernel initializer of LSTM and GRU.
 *
 * <p>For a shape {@code (d0, ..., dn-1, dn)} the weight is viewed as a matrix of
 * {@code rows = d0 × ... × dn-1} by {@code cols = dn}. A normal matrix of shape
 * {@code (max(rows, cols), min(rows, cols))} is factored {@code Q R}; each column of Q is multiplied by
 * the sign of R's diagonal (so the result is uniformly distributed over orthogonal matrices), and Q is
 * transposed when {@code rows < cols}. So the columns are orthonormal when {@code rows >= cols}, else the
 * rows are.
 *
 * <pre>{@code
 * INDArray w = new Orthogonal(1.0, 42L).apply(new long[]{64, 64}, DataType.FLOAT);   // w^T w = I
 * }</pre>
 */
public final class Orthogonal implements Initializer {
    private final double gain;
    private final Long seed;

    /**
     * @param gain a factor applied to the orthogonal matrix
     * @param seed a seed for repeatable values, or {@code null} for the session generator
     */
    public Orthogonal(double gain, Long seed) {
        this.gain = gain;
        this.seed = seed;
    }

    /** Keras's defaults: gain 1, unseeded. */
    public Orthogonal() {
        this(1.0, null);
    }

    @Override
    public INDArray apply(long[] shape, DataType dataType) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("The tensor to initialize must be at least two-dimensional. Received: shape="
                    + Shape.ofArray(shape) + " of rank " + shape.length + ".");
        }
        long rows = 1;
        for (int i = 0; i < shape.length - 1; i++) rows *= shape[i];
        long cols = shape[shape.length - 1];
        // ND4J's QR runs in float and double only; other float types are factored in float and cast back.
        DataType work = dataType == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
        INDArray a = Sampling.normal(new long[]{Math.max(rows, cols), Math.min(rows, cols)}, work, 0.0, 1.0, seed);
        INDArray[] qr = Nd4j.exec(new Qr(a, false)); // reduced: q (m, n), r (n, n)
        INDArray q = qr[0];
        q.muliRowVector(Transforms.sign(Nd4j.diag(qr[1]), false));
        // A transposed view would stay one after a reshape to the same 2-D shape: copy it into 'c' order.
        if (rows < cols) q = q.transpose().dup('c');
        INDArray w = q.reshape('c', shape).muli(gain);
        return w.dataType() == dataType ? w : w.castTo(dataType);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", seed);
        c.put("gain", gain);
        return c;
    }
}
