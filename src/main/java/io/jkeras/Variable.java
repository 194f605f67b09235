package io.jkeras;

import io.jkeras.constraints.Constraint;
import io.jkeras.regularizers.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer weight: its value, its accumulated gradient, and how training treats it.
 *
 * <p>Trainable variables are updated by the optimizer; non-trainable ones (BatchNormalization's
 * moving statistics) only by their layer. The gradient is allocated on first use and summed across
 * every call of the layer (shared layers), until {@link #zeroGrad()}.
 *
 * @see io.jkeras.layers.Layer#addWeight
 */
public final class Variable {
    private final String name;
    private final String path;
    private INDArray value;
    private INDArray grad;
    private boolean gradFresh = true;
    private final boolean trainable;
    private final Regularizer regularizer;
    private final Constraint constraint;

    /**
     * @param name the weight's name inside its layer ({@code "kernel"})
     * @param path the layer-qualified name ({@code "dense/kernel"})
     * @param value the initial value (owned by the variable from now on)
     * @param trainable whether an optimizer updates it
     * @param regularizer a penalty added to the loss, or {@code null}
     * @param constraint a projection applied after each update, or {@code null}
     */
    public Variable(String name, String path, INDArray value, boolean trainable,
                    Regularizer regularizer, Constraint constraint) {
        this.name = name;
        this.path = path;
        this.value = value;
        this.trainable = trainable;
        this.regularizer = regularizer;
        this.constraint = constraint;
    }

    /** The short name, e.g. {@code "kernel"}. */
    public String name() {
        return name;
    }

    /** The layer-qualified name, e.g. {@code "dense/kernel"}. */
    public String path() {
        return path;
    }

    /** The current value (the live array: in-place changes are seen by the layer). */
    public INDArray value() {
        return value;
    }

    /** Copies {@code v} into this variable; the shape must match. */
    public void assign(INDArray v) {
        if (!java.util.Arrays.equals(v.shape(), value.shape())) {
            throw new IllegalArgumentException("Variable \"" + path + "\" has shape "
                    + Shape.ofArray(value.shape()) + ", but the value given has shape " + Shape.ofArray(v.shape()));
        }
        value.assign(v);
    }

    /** Whether an optimizer updates this variable (the layer's trainable flag is applied on top). */
    public boolean trainable() {
        return trainable;
    }

    /** The regularizer, or {@code null}. */
    public Regularizer regularizer() {
        return regularizer;
    }

    /** The constraint, or {@code null}. */
    public Constraint constraint() {
        return constraint;
    }

    /** The accumulated gradient, or {@code null} if nothing was accumulated since {@link #zeroGrad()}. */
    public INDArray grad() {
        return gradFresh ? null : grad;
    }

    /** Adds {@code g} into the gradient. */
    public void addGrad(INDArray g) {
        INDArray buf = gradBuffer();
        if (gradBeta() == 0.0) buf.assign(g);
        else buf.addi(g);
    }

    /**
     * Adds {@code g} summed over {@code dims} into the gradient (a bias gradient from a batch of output
     * gradients), reducing straight into the buffer when it is the first contribution: one op, no temporary.
     */
    public void addGradSum(INDArray g, int... dims) {
        INDArray buf = gradBuffer();
        if (leading(dims, g.rank()) && buf.length() > 0 && g.length() % buf.length() == 0) {
            // over the leading axes: a product with ones, far faster than ND4J's reduction (see Sums)
            io.jkeras.utils.Sums.columnSums(g.reshape('c', g.length() / buf.length(), buf.length()), buf, gradBeta());
            return;
        }
        if (gradBeta() == 0.0) g.sum(buf, dims);
        else buf.addi(g.sum(dims));
    }

    /** Whether {@code dims} are exactly the axes 0..k-1 of a rank-{@code rank} array, with k < rank. */
    private static boolean leading(int[] dims, int rank) {
        if (dims.length == 0 || dims.length >= rank) return false;
        for (int i = 0; i < dims.length; i++) if (dims[i] != i) return false;
        return true;
    }

    /**
     * The gradient buffer for writing through a BLAS call: pair it with {@link #gradBeta()}, which is
     * 0 for the first write after {@link #zeroGrad()} (overwrite) and 1 afterwards (accumulate).
     */
    public INDArray gradBuffer() {
        if (grad == null) grad = io.jkeras.utils.Workspaces.persistent(value::ulike); // outlives the step
        return grad;
    }

    /** 0 the first time it is asked after {@link #zeroGrad()}, then 1; see {@link #gradBuffer()}. */
    public double gradBeta() {
        double beta = gradFresh ? 0.0 : 1.0;
        gradFresh = false;
        return beta;
    }

    /** Forgets the accumulated gradient (the buffer is kept for reuse). */
    public void zeroGrad() {
        gradFresh = true;
    }

    /** The number of scalars in this variable. */
    public long size() {
        return value.length();
    }

    @Override
    public String toString() {
        return "<Variable path=" + path + ", shape=" + Shape.ofArray(value.shape()) + ", trainable=" + trainable + ">";
    }
}
