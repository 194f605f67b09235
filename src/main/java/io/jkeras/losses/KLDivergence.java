package io.jkeras.losses;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Kullback-Leibler divergence, {@code keras.losses.KLDivergence}: per sample
 * {@code sum(t * log(t / p), axis=-1)} with {@code t = clip(y_true, 1e-7, 1)} and
 * {@code p = clip(y_pred, 1e-7, 1)}. Keras names: {@code "KLDivergence"}, {@code "kl_divergence"},
 * {@code "kld"}, {@code "kullback_leibler_divergence"}.
 *
 * <p>Inputs: probability distributions of the same shape {@code (N, ..., C)}. Gradient:
 * {@code -t / p} where y_pred lies inside the clip range, 0 where the clip is active.
 *
 * <pre>{@code
 * jshell> new KLDivergence().call(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>                         Nd4j.createFromArray(new float[][]{{0.6f, 0.4f}, {0.4f, 0.6f}}))
 * $1 ==> 0.4581...
 * }</pre>
 */
public class KLDivergence extends ElementwiseLoss {
    /** A loss named {@code "kl_divergence"}. */
    public KLDivergence() {
        super("kl_divergence");
    }

    @Override
    boolean sumsOverAxis() {
        return true;
    }

    @Override
    INDArray prepareTrue(INDArray yTrue) {
        return LossOps.clip(yTrue, LossOps.EPS, 1.0);
    }

    @Override
    INDArray elementwise(INDArray yTrue, INDArray yPred) {
        INDArray ratio = yTrue.div(LossOps.clip(yPred, LossOps.EPS, 1.0));
        return Transforms.log(ratio, false).muli(yTrue);
    }

    @Override
    INDArray derivative(INDArray yTrue, INDArray yPred) {
        INDArray pass = LossOps.inside(yPred, LossOps.EPS, 1.0);
        return yTrue.div(LossOps.clip(yPred, LossOps.EPS, 1.0)).negi().muli(pass);
    }

    @Override
    public KLDivergence name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public KLDivergence reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** From a Keras config ({@code name}, {@code reduction}). */
    public static KLDivergence fromConfig(Config c) {
        return Losses.base(new KLDivergence(), c);
    }
}
