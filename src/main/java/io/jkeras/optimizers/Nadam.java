package io.jkeras.optimizers;

import io.jkeras.Keras;
import io.jkeras.Variable;
import io.jkeras.optimizers.schedules.LearningRateSchedule;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nadam, as {@code keras.optimizers.Nadam}: Adam with Nesterov momentum and Dozat's momentum schedule.
 *
 * <p>With {@code t = iterations + 1}, {@code u_t = beta_1 * (1 - 0.5 * 0.96^t)} and
 * {@code u_{t+1} = beta_1 * (1 - 0.5 * 0.96^(t+1))}, the product {@code P = prod(u_1..u_t)} is kept
 * as optimizer state (updated once per step, before the variables). Then
 * {@code m += (g - m)(1 - beta_1)}, {@code v += (g^2 - v)(1 - beta_2)},
 * {@code m_hat = u_{t+1} m / (1 - P u_{t+1}) + (1 - u_t) g / (1 - P)}, {@code v_hat = v / (1 - beta_2^t)},
 * {@code w -= lr * m_hat / (sqrt(v_hat) + epsilon)}. Defaults: learning rate 0.001, beta_1 0.9,
 * beta_2 0.999, epsilon 1e-7. Slots: {@code momentum}, {@code velocity} interleaved, then {@code u_product}.
 *
 * <pre>{@code
 * jshell> var opt = new Nadam(2e-3);
 * }</pre>
 */
public class Nadam extends Optimizer {
    private static final double DECAY = 0.96;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private INDArray uProduct;

    /** Nadam with Keras's default learning rate 0.001. */
    public Nadam() {
        this(0.001);
    }

    /** @param learningRate the learning rate */
    public Nadam(double learningRate) {
        super("nadam", learningRate);
    }

    /** @param schedule the learning-rate schedule */
    public Nadam(LearningRateSchedule schedule) {
        super("nadam", schedule);
    }

    /** The decay rate of the first moment (default 0.9). */
    public Nadam beta1(double beta1) {
        this.beta1 = beta1;
        return this;
    }

    /** The decay rate of the second moment (default 0.999). */
    public Nadam beta2(double beta2) {
        this.beta2 = beta2;
        return this;
    }

    /** The fuzz factor added to {@code sqrt(v_hat)} (default 1e-7). */
    public Nadam epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected List<String[]> slotGroups() {
        return List.<String[]>of(new String[]{"momentum", "velocity"});
    }

    @Override
    protected void onBuild(List<Variable> variables) {
        // Keras keeps the product in the first variable's type.
        DataType type = variables.isEmpty() ? Keras.dataType(Keras.floatx()) : variables.get(0).value().dataType();
        uProduct = io.jkeras.utils.Workspaces.persistent(() -> Nd4j.scalar(type, 1.0));
    }

    @Override
    protected LinkedHashMap<String, INDArray> extraState() {
        LinkedHashMap<String, INDArray> m = new LinkedHashMap<>();
        if (uProduct != null) m.put("u_product", uProduct);
        return m;
    }

    /**
     * Also reads the layout of earlier Keras 3 releases, which created {@code u_product} before the
     * slots instead of after them: a rank-0 array right after {@code iteration} / {@code learning_rate}
     * (where a slot, shaped like a weight, has rank 1 or more) is moved to the end.
     */
    @Override
    public boolean setVariables(List<INDArray> values) {
        int first = learningRateSchedule() == null ? 2 : 1;
        int last = values.size() - 1;
        if (last > first && values.get(first).rank() == 0 && values.get(last).rank() != 0) {
            List<INDArray> moved = new java.util.ArrayList<>(values);
            moved.add(moved.remove(first));
            values = moved;
        }
        return super.setVariables(values);
    }

    private double u(double step) {
        return beta1 * (1.0 - 0.5 * Math.pow(DECAY, step));
    }

    @Override
    protected void beforeUpdates(List<Variable> updated) {
        uProduct.assign(uProduct.getDouble(0) * u(iterations() + 1));
    }

    @Override
    protected void updateStep(INDArray g, INDArray w, Map<String, INDArray> slots, double lr) {
        double t = iterations() + 1;
        double uT = u(t);
        double uNext = u(t + 1);
        double product = uProduct.getDouble(0);
        double productNext = product * uNext;
        INDArray m = slots.get("momentum");
        INDArray v = slots.get("velocity");
        INDArray s0 = scratch(w, 0);
        INDArray s1 = scratch(w, 1);
        m.addi(s0.assign(g).subi(m).muli(1 - beta1));
        v.addi(s0.assign(g).muli(g).subi(v).muli(1 - beta2));
        s0.assign(m).muli(uNext / (1 - productNext)).addi(s1.assign(g).muli((1 - uT) / (1 - product)));  // m_hat
        s1.assign(v).divi(1 - Math.pow(beta2, t));                                                   // v_hat
        Transforms.sqrt(s1, false).addi(epsilon);
        w.subi(s0.muli(lr).divi(s1));
    }

    @Override
    protected void ownConfig(Map<String, Object> c) {
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
    }

    /** Makes a Nadam from its Keras config. */
    public static Nadam fromConfig(Config c) {
        Nadam o = new Nadam().beta1(c.getDouble("beta_1", 0.9)).beta2(c.getDouble("beta_2", 0.999))
                .epsilon(c.getDouble("epsilon", 1e-7));
        o.readCommonConfig(c);
        return o;
    }
}
