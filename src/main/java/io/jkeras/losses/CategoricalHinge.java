package io.jkeras.losses;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Categorical hinge loss, {@code keras.losses.CategoricalHinge}: per sample
 * {@code maximum(neg - pos + 1, 0)} with {@code pos = sum(y_true * y_pred, axis=-1)} and
 * {@code neg = max((1 - y_true) * y_pred, axis=-1)}. Keras names: {@code "CategoricalHinge"},
 * {@code "categorical_hinge"}.
 *
 * <p>Inputs: one-hot (or -1/1) y_true and scores y_pred of the same shape {@code (N, ..., C)}; labels
 * are not converted. Gradient where the hinge is active: {@code (1 - y_true)} at the arg-max of
 * {@code (1 - y_true) * y_pred} (shared equally between ties, as autodiff of max does) minus
 * {@code y_true}; 0 elsewhere.
 *
 * <pre>{@code
 * jshell> new CategoricalHinge().call(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>                             Nd4j.createFromArray(new float[][]{{0.6f, 0.4f}, {0.4f, 0.6f}}))
 * $1 ==> 1.4
 * }</pre>
 */
public class CategoricalHinge extends Loss {
    /** A loss named {@code "categorical_hinge"}. */
    public CategoricalHinge() {
        super("categorical_hinge");
    }

    @Override
    protected PerSample perSample(INDArray yTrue, INDArray yPred) {
        INDArray[] tp = sameShape(yTrue, yPred);
        INDArray t = tp[0], p = tp[1];
        long[] shape = p.shape();
        int ax = shape.length - 1;
        INDArray notTrue = t.rsub(1.0);
        INDArray scores = notTrue.mul(p);
        INDArray negKeep = scores.max(true, ax);
        INDArray margin = negKeep.sub(t.mul(p).sum(true, ax)).addi(1.0);
        INDArray values = Transforms.relu(margin, true).reshape(LossOps.without(shape, ax));
        return new PerSample(values, null, g -> {
            INDArray atMax = scores.sub(negKeep).eq(0.0).castTo(p.dataType());
            atMax.divi(atMax.sum(true, ax));
            INDArray active = margin.gt(0.0).castTo(p.dataType()).muli(LossOps.expand(g, shape, ax));
            return atMax.muli(notTrue).subi(t).muli(active);
        });
    }

    @Override
    public CategoricalHinge name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public CategoricalHinge reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** From a Keras config ({@code name}, {@code reduction}). */
    public static CategoricalHinge fromConfig(Config c) {
        return Losses.base(new CategoricalHinge(), c);
    }
}
