package io.jkeras.optimizers;

import io.jkeras.optimizers.schedules.LearningRateSchedule;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adam, as {@code keras.optimizers.Adam}: adaptive first and second moment estimates.
 *
 * <p>With {@code t = iterations + 1}: {@code m += (g - m) * (1 - beta_1)},
 * {@code v += (g^2 - v) * (1 - beta_2)}, {@code alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)},
 * {@code w -= alpha * m / (sqrt(v) + epsilon)} — epsilon outside the square root and not
 * bias-corrected ("epsilon hat"). With {@code amsgrad}, {@code v_hat = max(v_hat, v)} replaces
 * {@code v} in the last step. Defaults: learning rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7,
 * amsgrad false. Slots: {@code momentum}, {@code velocity} interleaved per variable, then
 * {@code velocity_hat} (amsgrad).
 *
 * <pre>{@code
 * jshell> var opt = new Adam(3e-4).beta2(0.99).amsgrad(true);
 * }</pre>
 */
public class Adam extends Optimizer {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-7;
    boolean amsgrad = false;

    /** Adam with Keras's default learning rate 0.001. */
    public Adam() {
        this(0.001);
    }

    /** @param learningRate the learning rate */
    public Adam(double learningRate) {
        this("adam", learningRate);
    }

    /** @param schedule the learning-rate schedule */
    public Adam(LearningRateSchedule schedule) {
        super("adam", schedule);
    }

    Adam(String name, double learningRate) {
        super(name, learningRate);
    }

    Adam(String name, LearningRateSchedule schedule) {
        super(name, schedule);
    }

    /** The decay rate of the first moment (default 0.9). */
    public Adam beta1(double beta1) {
        this.beta1 = beta1;
        return this;
    }

    /** The decay rate of the second moment (default 0.999). */
    public Adam beta2(double beta2) {
        this.beta2 = beta2;
        return this;
    }

    /** The fuzz factor added to {@code sqrt(v)} (default 1e-7). */
    public Adam epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    /** Uses the AMSGrad variant (default false); fixed once built. */
    public Adam amsgrad(boolean amsgrad) {
        if (amsgrad != this.amsgrad) checkNotBuilt("amsgrad");
        this.amsgrad = amsgrad;
        return this;
    }

    @Override
    protected List<String[]> slotGroups() {
        List<String[]> groups = new ArrayList<>();
        groups.add(new String[]{"momentum", "velocity"});
        if (amsgrad) groups.add(new String[]{"velocity_hat"});
        return groups;
    }

    @Override
    protected void updateStep(INDArray g, INDArray w, Map<String, INDArray> slots, double lr) {
        double t = iterations() + 1;
        double alpha = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        INDArray m = slots.get("momentum");
        INDArray v = slots.get("velocity");
        if (!amsgrad) {
            // ND4J's native adam_updater computes this same update (bias-corrected alpha, epsilon outside the
            // square root) in one pass instead of a dozen; it writes the update into g, consumed here anyway.
            Nd4j.exec(new AdamUpdater(g, v, m, lr, beta1, beta2, epsilon, (int) iterations()));
            w.subi(g);
            return;
        }
        INDArray s = scratch(w, 0);
        m.addi(s.assign(g).subi(m).muli(1 - beta1));
        v.addi(s.assign(g).muli(g).subi(v).muli(1 - beta2));
        if (amsgrad) {
            INDArray vHat = slots.get("velocity_hat");
            Transforms.max(vHat, v, false);
            v = vHat;
        }
        // One scratch array only (the largest kernel of a big model costs as much as each slot).
        Transforms.sqrt(s.assign(v), false).addi(epsilon);
        w.subi(s.rdivi(m).muli(alpha));                          // m / (sqrt(v) + eps) * alpha
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
        c.put("amsgrad", amsgrad);
    }

    /** Reads Adam's own keys (shared with AdamW). */
    void readOwnConfig(Config c) {
        beta1(c.getDouble("beta_1", 0.9)).beta2(c.getDouble("beta_2", 0.999)).epsilon(c.getDouble("epsilon", 1e-7))
                .amsgrad(c.getBoolean("amsgrad", false));
        readCommonConfig(c);
    }

    /** Makes an Adam from its Keras config. */
    public static Adam fromConfig(Config c) {
        Adam o = new Adam();
        o.readOwnConfig(c);
        return o;
    }
}
