package io.jkeras.losses;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Poisson loss, {@code keras.losses.Poisson}: per sample
 * {@code mean(y_pred - y_true * log(y_pred + 1e-7), axis=-1)}, for count targets and positive
 * predictions (a softplus or exponential output). Keras names: {@code "Poisson"}, {@code "poisson"}.
 *
 * <p>Inputs: y_true and y_pred of the same shape. Gradient: {@code (1 - y_true / (y_pred + 1e-7)) / D}.
 *
 * <pre>{@code
 * jshell> new Poisson().call(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>                    Nd4j.createFromArray(new float[][]{{1, 1}, {0, 0}}))
 * $1 ==> 0.5
 * }</pre>
 */
public class Poisson extends ElementwiseLoss {
    /** A loss named {@code "poisson"}. */
    public Poisson() {
        super("poisson");
    }

    @Override
    INDArray elementwise(INDArray yTrue, INDArray yPred) {
        INDArray log = Transforms.log(yPred.add(LossOps.EPS), false);
        return yPred.sub(log.muli(yTrue));
    }

    @Override
    INDArray derivative(INDArray yTrue, INDArray yPred) {
        return yTrue.div(yPred.add(LossOps.EPS)).rsubi(1.0);
    }

    @Override
    public Poisson name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public Poisson reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** From a Keras config ({@code name}, {@code reduction}). */
    public static Poisson fromConfig(Config c) {
        return Losses.base(new Poisson(), c);
    }
}
