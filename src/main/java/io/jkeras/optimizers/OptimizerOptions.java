package io.jkeras.optimizers;

import io.jkeras.Keras;
import io.jkeras.optimizers.schedules.LearningRateSchedule;

/**
 * The options every optimizer shares (learning rate, step counter, clipping, weight decay, loss
 * scale), with Keras's defaults (all off) and checks. Package-private: its public methods are part
 * of {@link Optimizer}'s API; it only keeps that class to the training step and its state.
 */
abstract class OptimizerOptions {
    private String name;
    private double learningRate;
    private LearningRateSchedule schedule;
    private long iterations;
    private Double weightDecay;
    private Double clipnorm;
    private Double clipvalue;
    private Double globalClipnorm;
    private Double lossScaleFactor;
    private final Options extra = new Options();

    OptimizerOptions(String name) {
        this.name = name;
    }

    private Optimizer self() {
        return (Optimizer) this;
    }

    /**
     * The learning rate of the coming step: the schedule at {@link #iterations()}, or the number,
     * held at {@code Keras.floatx()} precision as Keras holds it in a floatx variable.
     */
    public double learningRate() {
        return schedule != null ? toFloatx(schedule.apply(iterations)) : learningRate;
    }

    /** Sets a constant learning rate (as Keras, refused when the optimizer was made with a schedule). */
    public Optimizer learningRate(double lr) {
        if (schedule != null) {
            throw new IllegalStateException("This optimizer was created with a `LearningRateSchedule` object as its "
                    + "`learning_rate` constructor argument, hence its learning rate is not settable. If you need the "
                    + "learning rate to be settable, you should instantiate the optimizer with a float `learning_rate` argument.");
        }
        this.learningRate = toFloatx(lr);
        return self();
    }

    /** Uses a learning-rate schedule from now on. */
    public Optimizer learningRate(LearningRateSchedule schedule) {
        this.schedule = java.util.Objects.requireNonNull(schedule, "schedule");
        return self();
    }

    /** The schedule, or null when the learning rate is a number. */
    public LearningRateSchedule learningRateSchedule() {
        return schedule;
    }

    static double toFloatx(double x) {
        return "float64".equals(Keras.floatx()) ? x : (double) (float) x;
    }

    /** The number of steps applied so far. */
    public long iterations() {
        return iterations;
    }

    /** Sets the step counter (restoring a run). */
    public Optimizer iterations(long n) {
        this.iterations = n;
        return self();
    }

    /** The name ({@code "adam"}). */
    public String name() {
        return name;
    }

    /** Sets the name. */
    public Optimizer name(String name) {
        this.name = name;
        return self();
    }

    /** Decoupled weight decay, or null. */
    public Double weightDecay() {
        return weightDecay;
    }

    /** Sets decoupled weight decay ({@code w -= w * wd * lr} before each update); null turns it off. */
    public Optimizer weightDecay(Double wd) {
        this.weightDecay = wd;
        return self();
    }

    /** Per-variable gradient norm clip, or null. */
    public Double clipnorm() {
        return clipnorm;
    }

    /** Clips each gradient to this L2 norm; exclusive with clipvalue and globalClipnorm. */
    public Optimizer clipnorm(Double c) {
        checkOneClip(c, clipvalue, globalClipnorm);
        this.clipnorm = c;
        return self();
    }

    /** Per-element gradient clip, or null. */
    public Double clipvalue() {
        return clipvalue;
    }

    /** Clips each gradient element into {@code [-c, c]}; exclusive with the norm clips. */
    public Optimizer clipvalue(Double c) {
        checkOneClip(c, clipnorm, globalClipnorm);
        this.clipvalue = c;
        return self();
    }

    /** Joint gradient norm clip, or null. */
    public Double globalClipnorm() {
        return globalClipnorm;
    }

    /** Clips all gradients together to this joint L2 norm; exclusive with clipnorm and clipvalue. */
    public Optimizer globalClipnorm(Double c) {
        checkOneClip(c, clipnorm, clipvalue);
        this.globalClipnorm = c;
        return self();
    }

    /** The loss scale the gradients are divided by, or null. */
    public Double lossScaleFactor() {
        return lossScaleFactor;
    }

    /** Divides the gradients by this factor before clipping (mixed-precision loss scaling). */
    public Optimizer lossScaleFactor(Double s) {
        this.lossScaleFactor = s;
        return self();
    }

    /** Keras options kept for the config only (EMA, gradient accumulation: not applied by jkeras). */
    Options options() {
        return extra;
    }

    private void checkOneClip(Double c, Double other1, Double other2) {
        if (c != null && (other1 != null || other2 != null)) {
            throw new IllegalArgumentException("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. "
                    + "Received: clipnorm=" + py(clipnorm) + ", clipvalue=" + py(clipvalue)
                    + ", global_clipnorm=" + py(globalClipnorm) + ", and now another one =" + c);
        }
    }

    private static String py(Double d) {
        return d == null ? "None" : d.toString();
    }
}
