package io.jkeras.layers;

import io.jkeras.activations.ActivationFunction;
import io.jkeras.activations.Activations;
import io.jkeras.saving.Config;

import io.jkeras.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Softmax along an axis (the last by default), or jointly along several, as {@code keras.layers.Softmax}.
 * Input: any shape; output: the same shape, summing to 1 along the axes.
 *
 * <p>A mask on the input (Keras's {@code mask=}: true to keep, false to mask; the input's shape, or one that
 * broadcasts to it from the right, as attention scores use it) adds -1e9 (-3e4 in float16) to the masked
 * entries before the softmax, so they get no probability, and multiplies the output by the mask, so that a
 * row masked entirely gives zeros, as Keras 3. A {@code (batch, steps)} sequence mask
 * does not broadcast to {@code (batch, steps, classes)} from the right: Keras fails there, and so does this layer.
 *
 * <pre>{@code
 * jshell> new Softmax().apply(Nd4j.createFromArray(1f, 2f, 1f))
 * $1 ==> [0.2119, 0.5761, 0.2119]
 * jshell> new Softmax().axis(1).apply(Input.shape(5, 3)).shape()
 * $2 ==> (None, 5, 3)
 * }</pre>
 */
public class Softmax extends ActivationLayer {
    private int[] axis = {-1};

    /** The axis (or axes, normalised jointly) of the normalisation; negative counts from the end (default -1). */
    public Softmax axis(int... axes) {
        requireNotBuilt("axis");
        if (axes.length == 0) throw new IllegalArgumentException("The Softmax layer needs at least one axis.");
        this.axis = axes.clone();
        return this;
    }

    /** The normalised axes. */
    public int[] axis() {
        return axis.clone();
    }

    @Override
    protected ActivationFunction makeFunction() {
        return Activations.softmax(axis);
    }

    @Override
    public Forward forward(List<INDArray> inputs, List<INDArray> masks, boolean training) {
        INDArray m = Masks.first(masks);
        if (m == null) return super.forward(inputs, masks, training);
        INDArray x = inputs.get(0);
        long[] xs = x.shape(), ms = m.shape();
        boolean ok = ms.length <= xs.length;
        for (int i = 1; ok && i <= ms.length; i++) ok = ms[ms.length - i] == 1 || ms[ms.length - i] == xs[xs.length - i];
        if (!ok) {
            throw LayerErrors.of(this, "The mask of shape " + Shape.ofArray(ms) + " cannot be broadcast to the input of shape "
                    + Shape.ofArray(xs) + ". Softmax's mask must have the input's shape (or broadcast to it from the right).");
        }
        long[] padded = new long[xs.length];
        java.util.Arrays.fill(padded, 1L);
        System.arraycopy(ms, 0, padded, xs.length - ms.length, ms.length);
        double big = x.dataType() == DataType.HALF ? -3e4 : -1e9;
        INDArray keep = m.castTo(x.dataType()).reshape(padded).broadcast(xs);
        INDArray adder = keep.rsub(1.0).muli(big);
        // The adder is a constant: d/dx equals d/d(x + adder). Then the output times the mask, as Keras 3 does,
        // so that a row masked entirely gives zeros rather than a uniform distribution; the gradient goes back
        // through the same product (no fused softmax-crossentropy shortcut here, which would not see it).
        Forward inner = forward(x.add(adder), training);
        INDArray y = inner.outputs().get(0).mul(keep);
        return Forward.of(y, dy -> inner.backward(dy.mul(keep))).withMasks(List.of(m));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis.length == 1 ? (Object) axis[0] : Arrays.stream(axis).boxed().toList());
        return c;
    }

    /** From a config of any Keras version; {@code axis} may be an int or a list. */
    public static Softmax fromConfig(Config c) {
        Softmax s = new Softmax();
        int[] axes = c.getInts("axis");
        if (axes != null) s.axis(axes);
        return s.withBaseConfig(c);
    }
}
