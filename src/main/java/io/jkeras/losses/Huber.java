package io.jkeras.losses;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Huber loss, {@code keras.losses.Huber}: with {@code e = y_pred - y_true}, per element
 * {@code 0.5 e^2} where {@code |e| <= delta} and {@code delta |e| - 0.5 delta^2} elsewhere, averaged
 * over the last axis. Keras names: {@code "Huber"}, {@code "huber"} (the class's default name is
 * {@code "huber_loss"}).
 *
 * <p>Parameter: {@code delta} (default 1.0), where the loss turns from quadratic to linear. Inputs of
 * the same shape. Gradient: {@code e} inside the delta band, {@code delta * sign(e)} outside, over D.
 * The config also writes {@code delta}, which Keras 3.3's {@code get_config} leaves out (its loader
 * accepts it).
 *
 * <pre>{@code
 * jshell> new Huber().call(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>                  Nd4j.createFromArray(new float[][]{{0.6f, 0.4f}, {0.4f, 0.6f}}))
 * $1 ==> 0.155
 * }</pre>
 */
public class Huber extends ElementwiseLoss {
    private double delta = 1.0;

    /** A loss named {@code "huber_loss"} with delta 1.0. */
    public Huber() {
        super("huber_loss");
    }

    /** The delta. */
    public double delta() {
        return delta;
    }

    /** Sets delta (positive); returns this loss. */
    public Huber delta(double delta) {
        if (!(delta > 0)) throw new IllegalArgumentException("Huber's delta must be positive. Received: delta=" + delta);
        this.delta = delta;
        return this;
    }

    /** Keras's {@code abs(e) <= delta}: where the quadratic branch applies. */
    private INDArray quadratic(INDArray e) {
        return Transforms.abs(e, true).lte(delta);
    }

    @Override
    INDArray elementwise(INDArray yTrue, INDArray yPred) {
        INDArray e = yPred.sub(yTrue);
        INDArray linear = Transforms.abs(e, true).muli(delta).subi(0.5 * delta * delta);
        return LossOps.where(quadratic(e), e.mul(e).muli(0.5), linear);
    }

    @Override
    INDArray derivative(INDArray yTrue, INDArray yPred) {
        INDArray e = yPred.sub(yTrue);
        return LossOps.where(quadratic(e), e, Transforms.sign(e, true).muli(delta));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("delta", delta);
        return c;
    }

    @Override
    public Huber name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public Huber reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** From a Keras config ({@code name}, {@code reduction}, optional {@code delta}). */
    public static Huber fromConfig(Config c) {
        return Losses.base(new Huber(), c).delta(c.getDouble("delta", 1.0));
    }
}
