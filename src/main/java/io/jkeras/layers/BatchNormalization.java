package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.constraints.Constraint;
import io.jkeras.constraints.Constraints;
import io.jkeras.initializers.Initializer;
import io.jkeras.initializers.Initializers;
import io.jkeras.initializers.Ones;
import io.jkeras.initializers.Zeros;
import io.jkeras.regularizers.Regularizer;
import io.jkeras.regularizers.Regularizers;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * Batch normalization, {@code gamma * (x - mean) / sqrt(var + epsilon) + beta} per channel of
 * {@code axis}, as {@code keras.layers.BatchNormalization}.
 *
 * <p>In training ({@code training=true}) mean and variance are the current batch's (the biased variance,
 * over every axis but {@code axis}), and the moving statistics are updated in place:
 * {@code moving = moving * momentum + batch * (1 - momentum)}. In inference the moving statistics are
 * used. A frozen layer ({@code setTrainable(false)}) always runs in inference mode and never updates its
 * statistics, as Keras 3.
 *
 * <p>With a mask on the input (rank one less than the input's, e.g. {@code (batch, steps)}), training uses the
 * statistics of the unmasked entries only, as Keras 3 ({@link MaskedMoments}); the mask passes on unchanged.
 *
 * <p>Weights, in Keras's order: {@code gamma (c,)} and {@code beta (c,)} (trainable, absent when
 * {@code scale}/{@code center} is off), {@code moving_mean (c,)} and {@code moving_variance (c,)}
 * (non-trainable), with {@code c} the size of {@code axis}. Input: any shape; output: the same shape.
 * Defaults as Keras: axis -1, momentum 0.99, epsilon 1e-3.
 *
 * <pre>{@code
 * jshell> BatchNormalization bn = new BatchNormalization();
 * jshell> bn.apply(Input.shape(28, 28, 16)).shape()
 * $2 ==> (None, 28, 28, 16)
 * jshell> bn.countParams()
 * $3 ==> 64
 * }</pre>
 */
public class BatchNormalization extends Layer {
    private int axis = -1;
    private double momentum = 0.99;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private boolean synchronizedStats;
    private Initializer betaInitializer = new Zeros();
    private Initializer gammaInitializer = new Ones();
    private Initializer movingMeanInitializer = new Zeros();
    private Initializer movingVarianceInitializer = new Ones();
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private Constraint betaConstraint;
    private Constraint gammaConstraint;
    private Variable gamma;
    private Variable beta;
    private Variable movingMean;
    private Variable movingVariance;

    /** A layer with Keras's defaults. */
    public BatchNormalization() {
    }

    /** The axis of the channels (negative counts from the end; default -1, channels-last). */
    public BatchNormalization axis(int a) {
        requireNotBuilt("axis");
        this.axis = a;
        return this;
    }

    /** The moving averages' decay (default 0.99). */
    public BatchNormalization momentum(double m) {
        requireNotBuilt("momentum");
        this.momentum = m;
        return this;
    }

    /** Added to the variance before the square root (default 1e-3). */
    public BatchNormalization epsilon(double e) {
        requireNotBuilt("epsilon");
        this.epsilon = e;
        return this;
    }

    /** Whether to add the learned offset {@code beta} (default true). */
    public BatchNormalization center(boolean c) {
        requireNotBuilt("center");
        this.center = c;
        return this;
    }

    /** Whether to multiply by the learned scale {@code gamma} (default true). */
    public BatchNormalization scale(boolean s) {
        requireNotBuilt("scale");
        this.scale = s;
        return this;
    }

    /**
     * Keras's cross-replica statistics flag; kept for configs only: jkeras trains on one device, where
     * synchronized and local statistics are the same.
     */
    public BatchNormalization synchronizedStats(boolean s) {
        requireNotBuilt("synchronized");
        this.synchronizedStats = s;
        return this;
    }

    /** How beta starts: a Keras name ({@code "zeros"}, the default) or an {@link Initializer}. */
    public BatchNormalization betaInitializer(Object spec) {
        requireNotBuilt("beta_initializer");
        this.betaInitializer = Initializers.get(spec);
        return this;
    }

    /** How gamma starts: a Keras name ({@code "ones"}, the default) or an {@link Initializer}. */
    public BatchNormalization gammaInitializer(Object spec) {
        requireNotBuilt("gamma_initializer");
        this.gammaInitializer = Initializers.get(spec);
        return this;
    }

    /** How the moving mean starts (default {@code "zeros"}). */
    public BatchNormalization movingMeanInitializer(Object spec) {
        requireNotBuilt("moving_mean_initializer");
        this.movingMeanInitializer = Initializers.get(spec);
        return this;
    }

    /** How the moving variance starts (default {@code "ones"}). */
    public BatchNormalization movingVarianceInitializer(Object spec) {
        requireNotBuilt("moving_variance_initializer");
        this.movingVarianceInitializer = Initializers.get(spec);
        return this;
    }

    /** A penalty on beta: a Keras name or a {@link Regularizer}; {@code null} for none. */
    public BatchNormalization betaRegularizer(Object spec) {
        requireNotBuilt("beta_regularizer");
        this.betaRegularizer = Regularizers.get(spec);
        return this;
    }

    /** A penalty on gamma: a Keras name or a {@link Regularizer}; {@code null} for none. */
    public BatchNormalization gammaRegularizer(Object spec) {
        requireNotBuilt("gamma_regularizer");
        this.gammaRegularizer = Regularizers.get(spec);
        return this;
    }

    /** A constraint on beta: a Keras name or a {@link Constraint}; {@code null} for none. */
    public BatchNormalization betaConstraint(Object spec) {
        requireNotBuilt("beta_constraint");
        this.betaConstraint = Constraints.get(spec);
        return this;
    }

    /** A constraint on gamma: a Keras name or a {@link Constraint}; {@code null} for none. */
    public BatchNormalization gammaConstraint(Object spec) {
        requireNotBuilt("gamma_constraint");
        this.gammaConstraint = Constraints.get(spec);
        return this;
    }

    @Override
    protected void build(Shape inputShape) {
        int rank = inputShape.rank();
        int a = Normalizations.resolveAxis(axis, rank, name(), inputShape);
        Integer c = inputShape.get(a);
        if (c == null) {
            throw new IllegalArgumentException("Axis " + axis + " of input tensor should have a defined dimension but the layer \""
                    + name() + "\" received an input with shape " + inputShape + ".");
        }
        long[] shape = {c};
        if (scale) gamma = addWeight("gamma", shape, gammaInitializer, gammaRegularizer, gammaConstraint, true);
        if (center) beta = addWeight("beta", shape, betaInitializer, betaRegularizer, betaConstraint, true);
        movingMean = addWeight("moving_mean", shape, movingMeanInitializer, null, null, false);
        movingVariance = addWeight("moving_variance", shape, movingVarianceInitializer, null, null, false);
        inputSpec = new InputSpec().ndim(rank).axis(axis, c);
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        int ax = axis < 0 ? input.rank() + axis : axis;
        int[] reduce = Normalizations.allBut(input.rank(), ax);
        // A frozen BatchNormalization runs in inference mode even in training (Keras >= 2.1.3).
        boolean batchStats = training && trainable();
        INDArray mean;
        INDArray variance;
        if (batchStats) {
            mean = input.mean(reduce);
            variance = input.var(false, reduce); // biased, as Keras's ops.moments
            movingMean.value().muli(momentum).addi(mean.mul(1.0 - momentum));
            movingVariance.value().muli(momentum).addi(variance.mul(1.0 - momentum));
        } else {
            mean = movingMean.value();
            variance = movingVariance.value();
        }
        INDArray out = input.ulike();
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("batchnorm")
                .addInputs(withAffine(input, mean, variance))
                .addOutputs(out)
                .addIntegerArguments(scale ? 1 : 0, center ? 1 : 0, ax)
                .addFloatingPointArguments(epsilon);
        Nd4j.exec(op.build());
        if (batchStats) return Forward.of(out, dy -> backwardTraining(input, mean, variance, dy, ax));
        return Forward.of(out, dy -> backwardInference(input, mean, variance, dy, ax, reduce));
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Forward forward(List<INDArray> inputs, List<INDArray> masks, boolean training) {
        INDArray mask = Masks.first(masks);
        if (mask == null) return super.forward(inputs, masks, training);
        INDArray x = inputs.get(0);
        if (mask.rank() != x.rank() - 1) {
            throw LayerErrors.of(this, "The mask provided should be one dimension less than the inputs. Received: mask.shape="
                    + Shape.ofArray(mask.shape()) + ", inputs.shape=" + Shape.ofArray(x.shape()));
        }
        Forward f = training && trainable() ? maskedTraining(x, mask) : forward(x, training);
        return f.withMasks(List.of(mask));
    }

    /** Training on the statistics of the unmasked entries; the derivative through them from {@link MaskedMoments}. */
    private Forward maskedTraining(INDArray x, INDArray mask) {
        int ax = axis < 0 ? x.rank() + axis : axis;
        int[] reduce = Normalizations.allBut(x.rank(), ax);
        MaskedMoments mm = new MaskedMoments(x, mask, ax, reduce);
        INDArray mean = mm.mean(), variance = mm.variance();
        movingMean.value().muli(momentum).addi(mean.mul(1.0 - momentum));
        movingVariance.value().muli(momentum).addi(variance.mul(1.0 - momentum));
        INDArray out = x.ulike();
        Nd4j.exec(DynamicCustomOp.builder("batchnorm").addInputs(withAffine(x, mean, variance)).addOutputs(out)
                .addIntegerArguments(scale ? 1 : 0, center ? 1 : 0, ax).addFloatingPointArguments(epsilon).build());
        return Forward.of(out, dy -> {
            INDArray inv = Nd4j.math().rsqrt(variance.add(epsilon));
            INDArray g = scale ? Broadcast.mul(dy, gamma.value(), dy.ulike(), ax) : dy;
            addAffineGradients(x, mean, inv, dy, ax, reduce);
            return mm.inputGradient(g, x, inv);
        });
    }

    /** The op inputs: x, mean, variance, then gamma and beta where present. */
    private INDArray[] withAffine(INDArray x, INDArray mean, INDArray variance, INDArray... tail) {
        int n = 3 + (scale ? 1 : 0) + (center ? 1 : 0) + tail.length;
        INDArray[] in = new INDArray[n];
        int i = 0;
        in[i++] = x;
        in[i++] = mean;
        in[i++] = variance;
        if (scale) in[i++] = gamma.value();
        if (center) in[i++] = beta.value();
        for (INDArray t : tail) in[i++] = t;
        return in;
    }

    /** Batch statistics depend on the input: the native batchnorm_bp gives that full derivative. */
    private INDArray backwardTraining(INDArray x, INDArray mean, INDArray variance, INDArray dy, int ax) {
        INDArray dx = x.ulike();
        INDArray dGamma = scale ? gamma.value().ulike() : null;
        INDArray dBeta = center ? beta.value().ulike() : null;
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("batchnorm_bp")
                .addInputs(withAffine(x, mean, variance, dy))
                .addIntegerArguments(scale ? 1 : 0, center ? 1 : 0, ax)
                .addFloatingPointArguments(epsilon);
        // Outputs: d input, d mean, d variance (unused), then d gamma and d beta where present.
        INDArray[] outs = scale && center ? new INDArray[]{dx, mean.ulike(), variance.ulike(), dGamma, dBeta}
                : scale ? new INDArray[]{dx, mean.ulike(), variance.ulike(), dGamma}
                : center ? new INDArray[]{dx, mean.ulike(), variance.ulike(), dBeta}
                : new INDArray[]{dx, mean.ulike(), variance.ulike()};
        op.addOutputs(outs);
        Nd4j.exec(op.build());
        if (trainable()) {
            if (scale) gamma.addGrad(dGamma);
            if (center) beta.addGrad(dBeta);
        }
        return dx;
    }

    /**
     * Moving statistics are constants here, so the layer is affine per channel; the native bp would
     * differentiate through batch statistics, hence these few broadcast ops instead.
     */
    private INDArray backwardInference(INDArray x, INDArray mean, INDArray variance, INDArray dy, int ax, int[] reduce) {
        INDArray inv = Nd4j.math().rsqrt(variance.add(epsilon));
        INDArray factor = scale ? inv.mul(gamma.value()) : inv;
        INDArray dx = Broadcast.mul(dy, factor, dy.ulike(), ax);
        addAffineGradients(x, mean, inv, dy, ax, reduce);
        return dx;
    }

    /** d gamma = sum(dy (x - mean) inv), d beta = sum(dy), over every axis but the channels'. */
    private void addAffineGradients(INDArray x, INDArray mean, INDArray inv, INDArray dy, int ax, int[] reduce) {
        if (!trainable()) return;
        if (scale) {
            INDArray xhat = Broadcast.sub(x, mean, x.ulike(), ax);
            Broadcast.mul(xhat, inv, xhat, ax);
            gamma.addGrad(xhat.muli(dy).sum(reduce));
        }
        if (center) beta.addGrad(dy.sum(reduce));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        c.put("beta_initializer", Initializers.serialize(betaInitializer));
        c.put("gamma_initializer", Initializers.serialize(gammaInitializer));
        c.put("moving_mean_initializer", Initializers.serialize(movingMeanInitializer));
        c.put("moving_variance_initializer", Initializers.serialize(movingVarianceInitializer));
        c.put("beta_regularizer", Regularizers.serialize(betaRegularizer));
        c.put("gamma_regularizer", Regularizers.serialize(gammaRegularizer));
        c.put("beta_constraint", Constraints.serialize(betaConstraint));
        c.put("gamma_constraint", Constraints.serialize(gammaConstraint));
        c.put("synchronized", synchronizedStats);
        return c;
    }

    /** From a config of any Keras version (tf.keras writes {@code axis} as a one-element list). */
    public static BatchNormalization fromConfig(Config c) {
        BatchNormalization b = new BatchNormalization();
        int[] ax = c.getInts("axis");
        if (ax != null) {
            if (ax.length != 1) {
                throw new IllegalArgumentException("BatchNormalization over several axes is not supported; received axis="
                        + java.util.Arrays.toString(ax) + ".");
            }
            b.axis(ax[0]);
        }
        b.momentum(c.getDouble("momentum", 0.99));
        b.epsilon(c.getDouble("epsilon", 1e-3));
        b.center(c.getBoolean("center", true));
        b.scale(c.getBoolean("scale", true));
        b.synchronizedStats(c.getBoolean("synchronized", false));
        if (c.get("beta_initializer") != null) b.betaInitializer(c.get("beta_initializer"));
        if (c.get("gamma_initializer") != null) b.gammaInitializer(c.get("gamma_initializer"));
        if (c.get("moving_mean_initializer") != null) b.movingMeanInitializer(c.get("moving_mean_initializer"));
        if (c.get("moving_variance_initializer") != null) b.movingVarianceInitializer(c.get("moving_variance_initializer"));
        b.betaRegularizer(c.get("beta_regularizer"));
        b.gammaRegularizer(c.get("gamma_regularizer"));
        b.betaConstraint(c.get("beta_constraint"));
        b.gammaConstraint(c.get("gamma_constraint"));
        return b.withBaseConfig(c);
    }
}
