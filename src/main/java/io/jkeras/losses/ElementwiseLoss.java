package io.jkeras.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The shape of most Keras losses: an element-wise term {@code f(y_true, y_pred)}, averaged (or, for
 * KL divergence, summed) over one axis, by default the last. A subclass supplies f and df/dy_pred; this
 * class aligns shapes as Keras's {@code LossFunctionWrapper} does and chains the reduction over the axis
 * into the backward pass (the mean spreads d/d(per-sample) evenly over the axis: times 1/C).
 */
abstract class ElementwiseLoss extends Loss {
    ElementwiseLoss(String name) {
        super(name);
    }

    /** The axis reduced to get per-sample losses (Keras: -1, or the {@code axis} argument). */
    int reducedAxis() {
        return -1;
    }

    /** True to sum over the axis instead of averaging (Keras's kl_divergence). */
    boolean sumsOverAxis() {
        return false;
    }

    /** Rewrites the targets once per call (label smoothing, hinge's 0/1 to -1/1); identity by default. */
    INDArray prepareTrue(INDArray yTrue) {
        return yTrue;
    }

    /** The element-wise loss, a new array shaped as y_pred. */
    abstract INDArray elementwise(INDArray yTrue, INDArray yPred);

    /** d(element-wise loss)/d(y_pred), a new array shaped as y_pred (autodiff's value at clips and kinks). */
    abstract INDArray derivative(INDArray yTrue, INDArray yPred);

    @Override
    protected PerSample perSample(INDArray yTrue, INDArray yPred) {
        INDArray[] tp = sameShape(yTrue, yPred);
        INDArray t = prepareTrue(tp[0]);
        INDArray p = tp[1];
        long[] shape = p.shape();
        int ax = LossOps.axis(reducedAxis(), shape, name());
        INDArray f = elementwise(t, p);
        boolean sum = sumsOverAxis();
        INDArray values = sum ? LossOps.sum(f, ax) : LossOps.mean(f, ax);
        double scale = sum ? 1.0 : 1.0 / shape[ax];
        return new PerSample(values, null,
                g -> derivative(t, p).muli(LossOps.expand(g, shape, ax)).muli(scale));
    }
}
