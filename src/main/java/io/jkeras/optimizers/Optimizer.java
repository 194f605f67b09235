package io.jkeras.optimizers;

import io.jkeras.Variable;
import io.jkeras.constraints.Constraint;
import io.jkeras.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The base of every optimizer, as Keras 3's {@code keras.optimizers.Optimizer}: a learning rate (a
 * number or a {@link LearningRateSchedule}), an {@code iterations} counter, gradient clipping
 * ({@code clipnorm}, {@code clipvalue} or {@code globalClipnorm}), decoupled weight decay, and
 * per-variable state ("slots") that can be read and restored.
 *
 * <p>One {@link #apply(List)} is one training step, in Keras's order: drop variables without a
 * gradient, unscale by {@code lossScaleFactor}, clip, decay weights ({@code w -= w * wd * lr}), run
 * each variable's update rule, apply each variable's constraint, then count the step. The learning
 * rate of a schedule is evaluated at {@code iterations} before the increment.
 *
 * <p>Fluent setters are named like Keras's keyword arguments; set an optimizer's own options (such
 * as {@code beta1}) before these common ones, which return {@code Optimizer}.
 *
 * <pre>{@code
 * jshell> var opt = new Adam(1e-3).clipnorm(1.0);
 * jshell> opt.apply(model.trainableWeights());   // one step with the accumulated gradients
 * jshell> opt.iterations()
 * $3 ==> 1
 * }</pre>
 */
public abstract class Optimizer extends OptimizerOptions {
    private boolean built;
    private final SlotStore slots = new SlotStore();
    private final Set<Variable> noDecay = Collections.newSetFromMap(new IdentityHashMap<>());
    private Pattern noDecayNames;

    /**
     * @param name the default name ({@code "adam"})
     * @param learningRate the initial learning rate
     */
    protected Optimizer(String name, double learningRate) {
        super(name);
        learningRate(learningRate);
    }

    /**
     * @param name the default name ({@code "adam"})
     * @param schedule the learning-rate schedule
     */
    protected Optimizer(String name, LearningRateSchedule schedule) {
        super(name);
        learningRate(schedule);
    }

    // ---- what each optimizer defines --------------------------------------------------------

    /** The Keras slot layout: groups of slot names, interleaved per variable inside a group. */
    protected abstract List<String[]> slotGroups();

    /** The starting value of a slot (0 unless the optimizer says otherwise). */
    protected double slotInitialValue(String slot) {
        return 0.0;
    }

    /** Updates {@code w} in place from its gradient {@code g} and its slots, by the optimizer's rule. */
    protected abstract void updateStep(INDArray g, INDArray w, Map<String, INDArray> slots, double lr);

    /** Adds the optimizer's own config keys ({@code beta_1}, …) after the common ones. */
    protected abstract void ownConfig(Map<String, Object> config);

    /** Called once per {@link #apply} before the per-variable updates (Nadam's momentum cache). */
    protected void beforeUpdates(List<Variable> updated) {
    }

    /** Called after the first build with the variables it saw (to create optimizer-wide state). */
    protected void onBuild(List<Variable> variables) {
    }

    /** Optimizer-wide state that is not per variable, by name; live arrays (Nadam's {@code u_product}). */
    protected LinkedHashMap<String, INDArray> extraState() {
        return new LinkedHashMap<>();
    }

    /** Refuses to change an option that decides which slots exist once they have been created. */
    protected final void checkNotBuilt(String option) {
        if (built) {
            throw new IllegalStateException("`" + option + "` decides the optimizer's variables and cannot change after "
                    + "the optimizer is built; create a new optimizer instead.");
        }
    }

    /** A reusable scratch array shaped and typed like {@code like}; {@code k} tells apart several at once. */
    protected final INDArray scratch(INDArray like, int k) {
        return slots.scratch(like, k);
    }

    // ---- the training step ------------------------------------------------------------------

    /**
     * Creates the slots of each trainable variable not seen before (Keras builds on the first apply).
     * Variables whose {@link Variable#trainable()} is false are ignored.
     */
    public void build(List<Variable> variables) {
        List<Variable> fresh = new ArrayList<>();
        for (Variable v : variables) {
            if (v.trainable() && !slots.contains(v)) {
                slots.add(v, slotGroups(), this::slotInitialValue);
                fresh.add(v);
            }
        }
        if (!built) {
            built = true;
            onBuild(fresh);
        }
    }

    /**
     * One optimizer step over {@code variables}: each trainable variable with a gradient is updated
     * from it, in place; variables without a gradient are left untouched. The gradient arrays are
     * consumed (clipping and loss-scale division happen in place).
     *
     * @throws IllegalArgumentException if trainable variables are given but none has a gradient
     */
    public void apply(List<Variable> variables) {
        List<Variable> trainable = variables.stream().filter(Variable::trainable).toList();
        if (trainable.isEmpty()) return;
        build(trainable);
        List<Variable> active = new ArrayList<>();
        List<INDArray> grads = new ArrayList<>();
        for (Variable v : trainable) {
            INDArray g = v.grad();
            if (g != null) {
                active.add(v);
                grads.add(g);
            }
        }
        if (active.isEmpty()) throw new IllegalArgumentException("No gradients provided for any variable.");
        Double scale = lossScaleFactor();
        if (scale != null) for (INDArray g : grads) g.divi(scale);
        clip(grads);
        double lr = learningRate();
        Double wd = weightDecay();
        if (wd != null) {
            for (Variable v : active) if (usesWeightDecay(v)) v.value().muli(1.0 - wd * lr);
        }
        beforeUpdates(active);
        for (int i = 0; i < active.size(); i++) {
            Variable v = active.get(i);
            updateStep(grads.get(i), v.value(), slots.of(v), lr);
        }
        for (Variable v : active) {
            Constraint c = v.constraint();
            if (c == null) continue;
            INDArray w = v.value();
            INDArray projected = c.apply(w);
            if (projected != w) w.assign(projected);
        }
        iterations(iterations() + 1);
    }

    /** Keras's order of precedence; only one of the three can be set anyway. */
    private void clip(List<INDArray> grads) {
        Double norm = clipnorm();
        Double global = globalClipnorm();
        Double value = clipvalue();
        if (norm != null && norm > 0) GradientClipping.byNorm(grads, norm);
        else if (global != null && global > 0) GradientClipping.byGlobalNorm(grads, global);
        else if (value != null && value > 0) GradientClipping.byValue(grads, value);
    }

    /**
     * Leaves variables out of weight decay, as Keras's {@code exclude_from_weight_decay}: the given
     * variables, and those whose name contains a match of one of the regular expressions.
     */
    public Optimizer excludeFromWeightDecay(List<Variable> variables, List<String> names) {
        noDecay.clear();
        if (variables != null) noDecay.addAll(variables);
        noDecayNames = names == null || names.isEmpty() ? null : Pattern.compile(String.join("|", names));
        return this;
    }

    private boolean usesWeightDecay(Variable v) {
        if (noDecay.contains(v)) return false;
        return noDecayNames == null || !noDecayNames.matcher(v.name()).find();
    }

    // ---- state ------------------------------------------------------------------------------

    /**
     * The optimizer's variables by Keras name, in Keras's order: {@code iteration}, {@code
     * learning_rate} (absent with a schedule), the slots ({@code dense_kernel_momentum}, …), then
     * optimizer-wide state. Slot arrays are live; the two scalars are fresh.
     */
    public LinkedHashMap<String, INDArray> state() {
        return OptimizerState.read(this, slots, extraState());
    }

    /** The values of {@link #state()} in order: what Keras saves as {@code optimizer/vars/0..n}. */
    public List<INDArray> variables() {
        return new ArrayList<>(state().values());
    }

    /** Restores a {@link #state()} taken from an optimizer of the same kind built on like variables. */
    public void setState(Map<String, INDArray> state) {
        OptimizerState.write(this, state(), state);
    }

    /**
     * Restores the values of {@link #variables()} by position, as Keras's {@code load_own_variables}.
     *
     * @return false (and nothing loaded) if the count differs, as Keras skips with a warning
     */
    public boolean setVariables(List<INDArray> values) {
        return OptimizerState.writeOrdered(this, state(), values);
    }

    /** True once {@link #build} or {@link #apply} has created the slots. */
    public boolean isBuilt() {
        return built;
    }

    /** The variables this optimizer holds slots for, in build order. */
    public List<Variable> builtVariables() {
        return Collections.unmodifiableList(slots.variables());
    }

    // ---- config -----------------------------------------------------------------------------

    /** The Keras class name ({@code "Adam"}). */
    public String className() {
        return getClass().getSimpleName();
    }

    /** Keras 3's config: the common keys in Keras's order, then the optimizer's own. */
    public Map<String, Object> getConfig() {
        Map<String, Object> c = OptimizerConfig.common(this);
        ownConfig(c);
        return c;
    }

    /** Reads the common keys of a config (Keras 1/2 spellings included) into this optimizer. */
    protected final void readCommonConfig(io.jkeras.saving.Config c) {
        OptimizerConfig.readCommon(this, c);
    }

    @Override
    public String toString() {
        return "<" + className() + " name=" + name() + ", learning_rate=" + learningRate() + ", iterations=" + iterations() + ">";
    }
}
