package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Repeats each input vector {@code n} times along a new axis 1, as {@code keras.layers.RepeatVector}.
 *
 * <p>Input {@code (batch, features)}; output {@code (batch, n, features)}.
 *
 * <pre>{@code
 * jshell> new RepeatVector(3).apply(Input.shape(32)).shape()
 * $1 ==> (None, 3, 32)
 * }</pre>
 */
public class RepeatVector extends Layer {
    private final int n;

    /** @param n how many times to repeat, positive */
    public RepeatVector(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("Expected a positive integer value for `n`. Received: n=" + n);
        }
        this.n = n;
        this.inputSpec = new InputSpec().ndim(2);
    }

    /** The repeat count. */
    public int n() {
        return n;
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        return Shape.of(inputShape.get(0), n, inputShape.get(1));
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        long b = input.size(0), f = input.size(1);
        // (b, 1, f) broadcast to (b, n, f): one native broadcast into a new array.
        INDArray out = input.reshape('c', b, 1, f).broadcast(b, n, f);
        // Each input element fed n outputs: its gradient is their sum.
        return Forward.of(out, g -> g.sum(1));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("n", n);
        return c;
    }

    /** From a config of any Keras version. */
    public static RepeatVector fromConfig(Config c) {
        return new RepeatVector(c.getInt("n")).withBaseConfig(c);
    }
}
