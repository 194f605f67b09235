package io.jkeras.layers;

import io.jkeras.Shape;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a layer accepts, checked on every call: rank bounds and fixed axis sizes (Keras's {@code InputSpec}).
 * Violations raise Keras's message, naming the layer and the whole received shape.
 *
 * <pre>{@code
 * new InputSpec().minNdim(2).axis(-1, 784)
 * }</pre>
 */
public final class InputSpec {
    private Integer ndim;
    private Integer minNdim;
    private Integer maxNdim;
    private final Map<Integer, Integer> axes = new LinkedHashMap<>();

    /** Exactly this rank (batch included). */
    public InputSpec ndim(int n) {
        this.ndim = n;
        return this;
    }

    /** At least this rank. */
    public InputSpec minNdim(int n) {
        this.minNdim = n;
        return this;
    }

    /** At most this rank. */
    public InputSpec maxNdim(int n) {
        this.maxNdim = n;
        return this;
    }

    /** Axis {@code axis} (negative from the end) must have size {@code value}. */
    public InputSpec axis(int axis, int value) {
        axes.put(axis, value);
        return this;
    }

    /**
     * Checks a received shape.
     *
     * @throws IllegalArgumentException with Keras's wording if the shape does not fit
     */
    public void check(String layerName, int inputIndex, Shape shape) {
        String head = "Input " + inputIndex + " of layer \"" + layerName + "\" is incompatible with the layer: ";
        int r = shape.rank();
        if (ndim != null && r != ndim) {
            throw new IllegalArgumentException(head + "expected ndim=" + ndim + ", found ndim=" + r
                    + ". Full shape received: " + shape);
        }
        if (minNdim != null && r < minNdim) {
            throw new IllegalArgumentException(head + "expected min_ndim=" + minNdim + ", found ndim=" + r
                    + ". Full shape received: " + shape);
        }
        if (maxNdim != null && r > maxNdim) {
            throw new IllegalArgumentException(head + "expected max_ndim=" + maxNdim + ", found ndim=" + r
                    + ". Full shape received: " + shape);
        }
        for (Map.Entry<Integer, Integer> e : axes.entrySet()) {
            int a = e.getKey() < 0 ? r + e.getKey() : e.getKey();
            Integer got = a >= 0 && a < r ? shape.get(a) : null;
            if (got != null && !got.equals(e.getValue())) {
                throw new IllegalArgumentException(head + "expected axis " + e.getKey()
                        + " of input shape to have value " + e.getValue() + ", but received input with shape " + shape);
            }
        }
    }
}
