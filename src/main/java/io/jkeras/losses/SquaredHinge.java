package io.jkeras.losses;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Squared hinge loss, {@code keras.losses.SquaredHinge}: per sample
 * {@code mean(square(maximum(1 - y_true * y_pred, 0)), axis=-1)}. Keras names: {@code "SquaredHinge"},
 * {@code "squared_hinge"}.
 *
 * <p>Labels as {@link Hinge}: -1/1, or 0/1 converted to -1/1 when the whole batch is binary. Gradient:
 * {@code -2 * maximum(1 - y_true * y_pred, 0) * y_true / D}.
 *
 * <pre>{@code
 * jshell> new SquaredHinge().call(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>                         Nd4j.createFromArray(new float[][]{{0.6f, 0.4f}, {0.4f, 0.6f}}))
 * $1 ==> 1.86
 * }</pre>
 */
public class SquaredHinge extends ElementwiseLoss {
    /** A loss named {@code "squared_hinge"}. */
    public SquaredHinge() {
        super("squared_hinge");
    }

    @Override
    INDArray prepareTrue(INDArray yTrue) {
        return Hinge.hingeLabels(yTrue);
    }

    @Override
    INDArray elementwise(INDArray yTrue, INDArray yPred) {
        INDArray m = Transforms.relu(Hinge.margin(yTrue, yPred), false);
        return m.muli(m);
    }

    @Override
    INDArray derivative(INDArray yTrue, INDArray yPred) {
        return Transforms.relu(Hinge.margin(yTrue, yPred), false).muli(yTrue).muli(-2.0);
    }

    @Override
    public SquaredHinge name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public SquaredHinge reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** From a Keras config ({@code name}, {@code reduction}). */
    public static SquaredHinge fromConfig(Config c) {
        return Losses.base(new SquaredHinge(), c);
    }
}
