package io.jkeras.layers;

import io.jkeras.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.List;

/**
 * What the layers share about Keras masks (package-private machinery): a mask is a boolean-valued array of a
 * tensor's leading dimensions, {@code (batch, timesteps)} for a sequence, true where a step counts. Masks made
 * here are ND4J {@code BOOL} arrays; masks given by users may be any 0/1 type and are read through {@link #bool}.
 */
final class Masks {
    private Masks() {
    }

    /** The first input's mask, or null (the masks list or its entry may be absent). */
    static INDArray first(List<INDArray> masks) {
        return masks == null || masks.isEmpty() ? null : masks.get(0);
    }

    /** The mask as a {@code BOOL} array (the array itself if it already is one). */
    static INDArray bool(INDArray mask) {
        return mask.dataType() == DataType.BOOL ? mask : mask.neq(0);
    }

    /** Keras 3's merge rule: the OR of the masks when every input has one; null when any has none. */
    static INDArray or(List<INDArray> masks) {
        if (masks == null || masks.isEmpty()) return null;
        for (INDArray m : masks) if (m == null) return null;
        INDArray out = bool(masks.get(0));
        for (int i = 1; i < masks.size(); i++) out = Transforms.or(out, bool(masks.get(i)));
        return out;
    }

    /**
     * The mask as 0/1 values of type {@code t} broadcast to {@code shape}: a mask of lower rank is given trailing
     * axes of size 1 first (Keras's {@code expand_dims(mask, -1)}), so a {@code (batch, steps)} mask covers every
     * feature of {@code (batch, steps, features)}.
     *
     * @throws IllegalArgumentException naming the layer and both shapes when the mask does not cover {@code shape}
     */
    static INDArray expand(INDArray mask, long[] shape, DataType t, Layer layer) {
        INDArray m = mask.dataType() == t ? mask : mask.castTo(t);
        long[] ms = m.shape();
        if (Arrays.equals(ms, shape)) return m;
        boolean ok = ms.length <= shape.length;
        for (int i = 0; ok && i < ms.length; i++) ok = ms[i] == shape[i] || ms[i] == 1;
        if (!ok) throw mismatch(layer, ms, shape);
        long[] padded = Arrays.copyOf(ms, shape.length);
        Arrays.fill(padded, ms.length, shape.length, 1L);
        return m.reshape(padded).broadcast(shape);
    }

    /** The error for a mask whose shape does not cover its tensor's leading dimensions. */
    static IllegalArgumentException mismatch(Layer layer, long[] mask, long[] input) {
        return LayerErrors.of(layer, "The mask of shape " + Shape.ofArray(mask) + " does not match the input of shape "
                + Shape.ofArray(input) + ": a mask covers the input's leading dimensions, e.g. (batch, timesteps) for a "
                + "(batch, timesteps, features) sequence.");
    }
}
