package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Joins its inputs along one axis, as {@code keras.layers.Concatenate}.
 *
 * <p>{@code axis}: the axis to join on, negative from the end (default {@code -1}). Inputs: at least two
 * tensors of the same rank whose sizes agree on every other axis; output: the same shape with the
 * {@code axis} sizes summed. No weights.
 *
 * <p>Masks, as Keras 3: each input's mask is widened to the input's shape (all true for an input without one),
 * the widened masks are joined along {@code axis}, and the output's mask is their OR over the last axis. Joined
 * along the time axis of sequences, the masks are concatenated; joined along the features (the last axis), a step
 * counts where any input's step counts.
 *
 * <pre>{@code
 * jshell> new Concatenate().apply(Input.shape(8), Input.shape(4)).shape()   // or Merging.concatenate(a, b)
 * $1 ==> (None, 12)
 * }</pre>
 */
public class Concatenate extends Layer {
    private final int axis;

    /** Concatenation along the last axis. */
    public Concatenate() {
        this(-1);
    }

    /** @param axis the axis to join on; negative counts from the end */
    public Concatenate(int axis) {
        this.axis = axis;
    }

    /** The axis as given (possibly negative). */
    public int axis() {
        return axis;
    }

    @Override
    protected int expectedInputCount() {
        return -1;
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        LayerErrors.requireAtLeast(this, shapes, 2);
        super.checkInputs(shapes);
        outputShape(shapes);
    }

    @Override
    public List<Shape> computeOutputShape(List<Shape> inputShapes) {
        return List.of(outputShape(inputShapes));
    }

    /** Sums the {@code axis} sizes; every other axis must agree (unknown sizes agree with anything). */
    private Shape outputShape(List<Shape> shapes) {
        int rank = shapes.get(0).rank();
        String mismatch = "A `Concatenate` layer requires inputs with matching shapes except for the concatenation "
                + "axis. Received: input_shape=" + shapes;
        for (Shape s : shapes) if (s.rank() != rank) throw LayerErrors.of(this, mismatch);
        int a = resolvedAxis(rank);
        Shape out = shapes.get(0);
        for (int i = 1; i < shapes.size(); i++) {
            Shape s = shapes.get(i);
            for (int d = 0; d < rank; d++) {
                Integer u = out.get(d), v = s.get(d);
                if (d == a) out = out.with(d, u == null || v == null ? null : u + v);
                else if (u == null) out = out.with(d, v);
                else if (v != null && !u.equals(v)) throw LayerErrors.of(this, mismatch);
            }
        }
        return out;
    }

    private int resolvedAxis(int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw LayerErrors.of(this, "Invalid axis " + axis + " for inputs of rank " + rank
                    + ". Expected an axis in [" + -rank + ", " + rank + ").");
        }
        return a;
    }

    @Override
    public Forward forward(List<INDArray> inputs, boolean training) {
        List<Shape> shapes = new ArrayList<>();
        for (INDArray x : inputs) shapes.add(Shape.ofArray(x.shape()));
        LayerErrors.requireAtLeast(this, shapes, 2);
        outputShape(shapes); // real batch sizes too: a Keras message rather than a native one
        int a = resolvedAxis(inputs.get(0).rank());
        INDArray y = Nd4j.concat(a, inputs.toArray(new INDArray[0]));
        return Forward.of(List.of(y), g -> {
            // Each input's gradient is its slab of g: views, never copies.
            List<INDArray> out = new ArrayList<>(inputs.size());
            long from = 0;
            for (INDArray x : inputs) {
                INDArrayIndex[] idx = new INDArrayIndex[x.rank()];
                for (int d = 0; d < idx.length; d++) idx[d] = NDArrayIndex.all();
                idx[a] = NDArrayIndex.interval(from, from + x.size(a));
                out.add(g.get(0).get(idx));
                from += x.size(a);
            }
            return out;
        });
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public List<INDArray> computeMask(List<INDArray> inputs, List<INDArray> masks) {
        if (masks == null || masks.stream().allMatch(java.util.Objects::isNull)) return null;
        int a = resolvedAxis(inputs.get(0).rank());
        INDArray[] full = new INDArray[inputs.size()];
        for (int i = 0; i < full.length; i++) {
            INDArray x = inputs.get(i), m = masks.get(i);
            full[i] = m == null ? Nd4j.ones(DataType.FLOAT, x.shape()) : Masks.expand(m, x.shape(), DataType.FLOAT, this);
        }
        INDArray joined = Nd4j.concat(a, full);
        return List.of(joined.max(joined.rank() - 1).neq(0)); // any() over the last axis
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        return c;
    }

    /** From a config of any Keras version ({@code concat_axis} in Keras 1's Merge). */
    public static Concatenate fromConfig(Config c) {
        Object a = c.get("axis", "concat_axis");
        return new Concatenate(a == null ? -1 : ((Number) a).intValue()).withBaseConfig(c);
    }
}
