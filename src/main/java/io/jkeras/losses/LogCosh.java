package io.jkeras.losses;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Log-cosh loss, {@code keras.losses.LogCosh}: per sample {@code mean(log(cosh(y_pred - y_true)), axis=-1)},
 * computed as Keras does, {@code x + softplus(-2x) - log(2)}, which does not overflow for large errors.
 * Keras names: {@code "LogCosh"}, {@code "log_cosh"}, {@code "logcosh"}.
 *
 * <p>Inputs of the same shape. Gradient: {@code tanh(y_pred - y_true) / D}.
 *
 * <pre>{@code
 * jshell> new LogCosh().call(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>                    Nd4j.createFromArray(new float[][]{{1, 1}, {0, 0}}))
 * $1 ==> 0.1084...
 * }</pre>
 */
public class LogCosh extends ElementwiseLoss {
    private static final double LOG2 = Math.log(2.0);

    /** A loss named {@code "log_cosh"}. */
    public LogCosh() {
        super("log_cosh");
    }

    @Override
    INDArray elementwise(INDArray yTrue, INDArray yPred) {
        INDArray x = yPred.sub(yTrue);
        return LossOps.softplus(x.mul(-2.0)).addi(x).subi(LOG2);
    }

    @Override
    INDArray derivative(INDArray yTrue, INDArray yPred) {
        return Transforms.tanh(yPred.sub(yTrue), false);
    }

    @Override
    public LogCosh name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public LogCosh reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** From a Keras config ({@code name}, {@code reduction}). */
    public static LogCosh fromConfig(Config c) {
        return Losses.base(new LogCosh(), c);
    }
}
