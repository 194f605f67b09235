package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dot product of two batched tensors along one axis each, as {@code keras.layers.Dot} (Keras's
 * {@code batch_dot}): sample by sample, {@code x} contracted on {@code axes[0]} with {@code y} on
 * {@code axes[1]}.
 *
 * <p>{@code axes}: one axis for both inputs, or a pair; negative from the end; never the batch axis 0.
 * {@code normalize}: L2-normalise both inputs along their axes first, so that 2-D inputs give the cosine
 * similarity. Output: {@code (batch, x's other axes..., y's other axes...)}, or {@code (batch, 1)} when
 * nothing else is left. {@code (b, n)·(b, n)} with axes 1 gives {@code (b, 1)}; {@code (b, n, d)} and
 * {@code (b, m, d)} with axes 2 give {@code (b, n, m)}. No weights.
 *
 * <pre>{@code
 * jshell> new Dot(2).apply(Input.shape(5, 8), Input.shape(7, 8)).shape()   // attention scores
 * $1 ==> (None, 5, 7)
 * jshell> Merging.dot(List.of(a, b), 1, true)                               // cosine similarity
 * }</pre>
 */
public class Dot extends Layer {
    private final int[] axes;
    private final boolean pair;
    private boolean normalize;

    /** @param axes the axis of both inputs to contract */
    public Dot(int axes) {
        this.axes = new int[]{axes, axes};
        this.pair = false;
    }

    /** @param axesX the axis of the first input; {@code axesY} that of the second */
    public Dot(int axesX, int axesY) {
        this.axes = new int[]{axesX, axesY};
        this.pair = true;
    }

    /** Whether to L2-normalise the inputs along the dot axes first (default false). */
    public Dot normalize(boolean n) {
        requireNotBuilt("normalize");
        this.normalize = n;
        return this;
    }

    /** The axes as {@code (x, y)}, as given. */
    public int[] axes() {
        return axes.clone();
    }

    /** Whether the inputs are L2-normalised first. */
    public boolean normalize() {
        return normalize;
    }

    @Override
    protected int expectedInputCount() {
        return -1; // checked below with Keras's own message
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        if (shapes.size() != 2) {
            throw LayerErrors.of(this, "A `Dot` layer should be called on a list of 2 inputs. Received: input_shape=" + shapes);
        }
        super.checkInputs(shapes);
        outputShape(shapes.get(0), shapes.get(1));
    }

    @Override
    public List<Shape> computeOutputShape(List<Shape> inputShapes) {
        return List.of(outputShape(inputShapes.get(0), inputShapes.get(1)));
    }

    /** The axes made non-negative for these ranks; Keras's messages for rank &lt; 2 and for axis 0. */
    int[] resolvedAxes(Shape x, Shape y) {
        if (x.rank() < 2 || y.rank() < 2) {
            throw LayerErrors.of(this, "Cannot do batch_dot on inputs with rank < 2. Received inputs with shapes "
                    + x + " and " + y + ".");
        }
        // Keras: a single negative axis is taken modulo each rank; a non-negative one is used as is for both.
        int a = axes[0] < 0 ? Math.floorMod(axes[0], x.rank()) : axes[0];
        int b = axes[1] < 0 ? Math.floorMod(axes[1], y.rank()) : axes[1];
        if (a >= x.rank() || b >= y.rank()) {
            throw LayerErrors.of(this, "Invalid `axes` " + axesString() + " for inputs with shapes " + x + " and " + y + ".");
        }
        if (a == 0 || b == 0) {
            throw LayerErrors.of(this, "Cannot perform batch_dot over axis 0. If your inputs are not batched, add a "
                    + "dummy batch dimension to your inputs using keras.ops.expand_dims(x, 0)");
        }
        return new int[]{a, b};
    }

    private Shape outputShape(Shape x, Shape y) {
        int[] ax = resolvedAxes(x, y);
        Integer dx = x.get(ax[0]), dy = y.get(ax[1]);
        if (dx != null && dy != null && !dx.equals(dy)) {
            throw LayerErrors.of(this, "Incompatible input shapes: axis values " + dx + " (at axis " + ax[0] + ") != "
                    + dy + " (at axis " + ax[1] + "). Full input shapes: " + x + ", " + y);
        }
        Integer bx = x.get(0), by = y.get(0);
        if (bx != null && by != null && !bx.equals(by)) {
            throw LayerErrors.of(this, "Cannot do batch_dot on inputs with different batch sizes. Received inputs "
                    + "with shapes " + x + " and " + y + ".");
        }
        List<Integer> out = new ArrayList<>();
        out.add(bx != null ? bx : by);
        for (int i = 1; i < x.rank(); i++) if (i != ax[0]) out.add(x.get(i));
        for (int i = 1; i < y.rank(); i++) if (i != ax[1]) out.add(y.get(i));
        if (out.size() == 1) out.add(1);
        return Shape.of(out);
    }

    private String axesString() {
        return pair ? "(" + axes[0] + ", " + axes[1] + ")" : String.valueOf(axes[0]);
    }

    @Override
    public Forward forward(List<INDArray> inputs, boolean training) {
        if (inputs.size() != 2) {
            throw LayerErrors.of(this, "A `Dot` layer should be called on a list of 2 inputs. Received: " + inputs.size() + " inputs");
        }
        INDArray x = inputs.get(0), y = inputs.get(1);
        Shape out = outputShape(Shape.ofArray(x.shape()), Shape.ofArray(y.shape())); // checks the real sizes
        int[] ax = resolvedAxes(Shape.ofArray(x.shape()), Shape.ofArray(y.shape()));
        if (!normalize) return BatchDot.forward(x, y, ax[0], ax[1], out.toLongArray(0));
        L2Normalized nx = new L2Normalized(x, ax[0]), ny = new L2Normalized(y, ax[1]);
        Forward f = BatchDot.forward(nx.value(), ny.value(), ax[0], ax[1], out.toLongArray(0));
        return Forward.of(f.outputs(), g -> {
            List<INDArray> d = f.backward(g);
            return List.of(nx.backward(d.get(0)), ny.backward(d.get(1)));
        });
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axes", pair ? List.of(axes[0], axes[1]) : axes[0]);
        c.put("normalize", normalize);
        return c;
    }

    /** From a config of any Keras version ({@code axes} an int or a pair; Keras 1's Merge spelled it {@code dot_axes}). */
    public static Dot fromConfig(Config c) {
        int[] a = c.getInts("axes", "dot_axes");
        if (a == null || a.length < 1 || a.length > 2) {
            throw new IllegalArgumentException("Invalid format for argument `axes`: it should be an int or contain two "
                    + "elements. Received: axes=" + c.get("axes", "dot_axes"));
        }
        Dot d = c.get("axes", "dot_axes") instanceof List<?> && a.length == 2 ? new Dot(a[0], a[1]) : new Dot(a[0]);
        return d.normalize(c.getBoolean("normalize", false)).withBaseConfig(c);
    }
}
