package io.jkeras.layers;

import io.jkeras.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The base of the element-wise merging layers ({@link Add}, {@link Subtract}, {@link Multiply},
 * {@link Average}, {@link Maximum}, {@link Minimum}), as Keras's {@code Merge}.
 *
 * <p>Takes at least two inputs with the same batch size. Their per-sample shapes broadcast as in Keras: aligned
 * from the right, a size of 1 stretches, and a lower-rank input gains size-1 axes right after the batch axis.
 * The output has the broadcast shape; each input's gradient is summed back over the axes it was stretched on.
 * Subclasses give the operation on inputs already broadcast to the output shape and its gradients.
 * ({@link Concatenate} and {@link Dot} have shape rules of their own and extend {@link Layer} directly.)
 *
 * <p>Masks, as Keras 3 (3.4 and later): the output's mask is the OR of the inputs' masks when every input has one,
 * and there is none otherwise. {@link Multiply}, {@link Maximum} and {@link Minimum} also leave masked entries
 * out of the operation (see {@link MaskedMerge}); {@link Add}, {@link Subtract} and {@link Average} use every value.
 *
 * <pre>{@code
 * jshell> new Add().apply(Input.shape(16), Input.shape(1)).shape()
 * $1 ==> (None, 16)
 * }</pre>
 */
public abstract class Merge extends Layer {
    /** Any number of inputs; {@link #checkInputs} asks for at least two. */
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

    /** The broadcast shape of the inputs (batch included); Keras's messages when they do not broadcast. */
    protected Shape outputShape(List<Shape> shapes) {
        Set<Integer> batches = new HashSet<>();
        for (Shape s : shapes) if (s.get(0) != null) batches.add(s.get(0));
        if (batches.size() > 1) {
            throw LayerErrors.of(this, "Cannot merge tensors with different batch sizes. Got tensors with shapes " + shapes);
        }
        Shape out = shapes.get(0).dropBatch();
        for (int i = 1; i < shapes.size(); i++) out = broadcast(out, shapes.get(i).dropBatch());
        return out.withBatch(batches.isEmpty() ? null : batches.iterator().next());
    }

    /** Keras's element-wise rule for two per-sample shapes (unknown sizes stay unknown). */
    private Shape broadcast(Shape a, Shape b) {
        if (a.rank() < b.rank()) return broadcast(b, a);
        List<Integer> out = new ArrayList<>(a.dims().subList(0, a.rank() - b.rank()));
        for (int k = 0; k < b.rank(); k++) {
            Integer i = a.get(a.rank() - b.rank() + k), j = b.get(k);
            if (i == null || j == null) out.add(null);
            else if (i == 1) out.add(j);
            else if (j == 1 || i.equals(j)) out.add(i);
            else throw LayerErrors.of(this, "Inputs have incompatible shapes. Received shapes " + a + " and " + b);
        }
        return Shape.of(out);
    }

    @Override
    public Forward forward(List<INDArray> inputs, boolean training) {
        List<Shape> shapes = new ArrayList<>();
        for (INDArray x : inputs) shapes.add(Shape.ofArray(x.shape()));
        LayerErrors.requireAtLeast(this, shapes, 2);
        long[] out = outputShape(shapes).toLongArray(0); // also checks the real batch sizes
        List<INDArray> xs = new ArrayList<>(inputs.size());
        for (INDArray x : inputs) xs.add(stretch(x, out));
        INDArray y = merge(xs);
        return Forward.of(List.of(y), g -> {
            List<INDArray> dx = gradients(xs, y, g.get(0));
            List<INDArray> res = new ArrayList<>(dx.size());
            for (int i = 0; i < dx.size(); i++) res.add(shrink(dx.get(i), inputs.get(i).shape()));
            return res;
        });
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** Keras 3's rule: the OR of the inputs' masks when every input has one, else none. */
    @Override
    public List<INDArray> computeMask(List<INDArray> inputs, List<INDArray> masks) {
        INDArray m = Masks.or(masks);
        return m == null ? null : List.of(m);
    }

    @Override
    public Forward forward(List<INDArray> inputs, List<INDArray> masks, boolean training) {
        List<INDArray> out = computeMask(inputs, masks);
        Double fill = maskedFill();
        boolean anyMask = masks != null && masks.stream().anyMatch(java.util.Objects::nonNull);
        Forward f = fill != null && anyMask ? MaskedMerge.forward(this, inputs, masks, fill, zeroWhereAllMasked())
                : forward(inputs, training);
        return out == null ? f : f.withMasks(out);
    }

    /**
     * The value a masked entry takes so that it does not count (Multiply: 1; Maximum: the lowest number;
     * Minimum: the highest), or null where Keras uses masked values as they are (Add, Subtract, Average).
     */
    protected Double maskedFill() {
        return null;
    }

    /** Where every input is masked: true for a 0 output (Multiply), false for the first input's value (Maximum, Minimum). */
    protected boolean zeroWhereAllMasked() {
        return false;
    }

    /** The input itself when it has the output's shape (the usual case); else a broadcast copy. */
    static INDArray stretch(INDArray x, long[] out) {
        if (java.util.Arrays.equals(x.shape(), out)) return x;
        return x.reshape('c', padded(x.shape(), out.length)).broadcast(out);
    }

    /** The gradient summed over the axes that {@link #stretch} stretched, in the input's shape. */
    static INDArray shrink(INDArray g, long[] in) {
        if (java.util.Arrays.equals(g.shape(), in)) return g;
        long[] p = padded(in, g.rank());
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < p.length; i++) if (p[i] == 1 && g.size(i) != 1) axes.add(i);
        INDArray s = axes.isEmpty() ? g : g.sum(true, axes.stream().mapToInt(Integer::intValue).toArray());
        return s.reshape('c', in);
    }

    /** {@code shape} with size-1 axes inserted after the batch axis up to {@code rank}, as Keras's expand_dims(x, 1). */
    private static long[] padded(long[] shape, int rank) {
        long[] p = new long[rank];
        java.util.Arrays.fill(p, 1);
        p[0] = shape[0];
        System.arraycopy(shape, 1, p, rank - shape.length + 1, shape.length - 1);
        return p;
    }

    /**
     * Maximum's and Minimum's gradient: each element of {@code g} goes to the first input that equals the
     * output there (the winner; the first one on ties, as TensorFlow's repeated maximum does), 0 elsewhere.
     */
    static List<INDArray> winnerGradients(List<INDArray> xs, INDArray y, INDArray g) {
        int n = xs.size();
        List<INDArray> out = new ArrayList<>(n);
        INDArray free = null; // 1 where no earlier input has won yet
        for (int i = 0; i < n; i++) {
            INDArray won;
            if (i == n - 1) {
                won = free; // the output is one of the inputs everywhere: what no one else won is the last one's
            } else {
                won = xs.get(i).eq(y).castTo(g.dataType());
                if (free != null) won.muli(free);
                free = free == null ? won.rsub(1) : free.subi(won);
            }
            out.add(g.mul(won));
        }
        return out;
    }

    /**
     * The operation on inputs of identical shape. Must not modify them.
     *
     * @param xs the inputs, broadcast to the output shape
     */
    protected abstract INDArray merge(List<INDArray> xs);

    /**
     * The gradient for each input (output-shaped), given the inputs, the output and d(loss)/d(output).
     * Each must be a new array or {@code g} itself; none may modify {@code g}.
     */
    protected abstract List<INDArray> gradients(List<INDArray> xs, INDArray y, INDArray g);
}
