package io.jkeras.layers;

import io.jkeras.regularizers.L1L2;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Adds a penalty on its output to the model's loss, as {@code keras.layers.ActivityRegularization}; the values
 * pass through unchanged.
 *
 * <p>The penalty is {@code l1 * sum(|y|) + l2 * sum(y^2)} over the whole batch output {@code y} (Keras 3 adds
 * it to {@code model.losses} without dividing by the batch size). The output is the input; each call
 * carries its penalty as the call's loss term ({@link Forward#activityLoss()}), which {@code fit} and
 * {@code evaluate} add to the loss, and its backward adds {@link #penaltyGradient(INDArray)} to the
 * gradient it receives.
 *
 * <p>Parameters: {@code l1}, {@code l2} (default 0). Output shape = input shape.
 *
 * <pre>{@code
 * jshell> var r = new ActivityRegularization(0.0, 0.01);
 * jshell> r.penalty(Nd4j.ones(2, 3))
 * $2 ==> 0.06
 * }</pre>
 */
public class ActivityRegularization extends Layer {
    private final double l1;
    private final double l2;
    private final L1L2 regularizer;

    /** No penalty (Keras's defaults). */
    public ActivityRegularization() {
        this(0.0, 0.0);
    }

    /** @param l1 the L1 factor; @param l2 the L2 factor */
    public ActivityRegularization(double l1, double l2) {
        this.l1 = l1;
        this.l2 = l2;
        this.regularizer = new L1L2(l1, l2);
    }

    /** The L1 factor. */
    public double l1() {
        return l1;
    }

    /** The L2 factor. */
    public double l2() {
        return l2;
    }

    /** The loss term for this output: {@code l1 * sum(|y|) + l2 * sum(y^2)}. */
    public double penalty(INDArray output) {
        return regularizer.loss(output);
    }

    /** d(penalty)/d(output): {@code l1 * sign(y) + 2 * l2 * y}, a new array. */
    public INDArray penaltyGradient(INDArray output) {
        return regularizer.gradient(output);
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        // The output is the input; its penalty joins the model's loss and its gradient the output's gradient.
        return Forward.of(input, g -> g.add(penaltyGradient(input))).withActivityLoss(penalty(input));
    }

    /** Passes its input's mask on unchanged, as Keras's {@code supports_masking = True}. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("l1", l1);
        c.put("l2", l2);
        return c;
    }

    /** From a Keras config: {@code l1}, {@code l2}. */
    public static ActivityRegularization fromConfig(Config c) {
        return new ActivityRegularization(c.getDouble("l1", 0.0), c.getDouble("l2", 0.0)).withBaseConfig(c);
    }
}
