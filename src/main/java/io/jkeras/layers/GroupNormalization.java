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
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;

/**
 * Group normalization: the channels of {@code axis} are split into {@code groups} groups, and each sample
 * is normalized with the mean and (biased) variance of each group over all its other axes, then scaled by
 * {@code gamma} and shifted by {@code beta} per channel, as {@code keras.layers.GroupNormalization}.
 *
 * <p>Weights {@code gamma (c,)} and {@code beta (c,)} (absent when {@code scale}/{@code center} is off).
 * {@code groups} must divide the channel count {@code c}; {@code -1} means one group per channel (instance
 * normalization). Input: any shape of rank &gt;= 2; output: the same shape. Same behaviour in training and
 * inference. Defaults as Keras: groups 32, axis -1, epsilon 1e-3.
 *
 * <pre>{@code
 * jshell> GroupNormalization gn = new GroupNormalization().groups(4);
 * jshell> gn.apply(Input.shape(8, 8, 16)).shape()
 * $2 ==> (None, 8, 8, 16)
 * jshell> gn.countParams()
 * $3 ==> 32
 * }</pre>
 */
public class GroupNormalization extends Layer {
    private int groups = 32;
    private int axis = -1;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = new Zeros();
    private Initializer gammaInitializer = new Ones();
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private Constraint betaConstraint;
    private Constraint gammaConstraint;
    private Variable gamma;
    private Variable beta;

    /** A layer with Keras's defaults (32 groups over the last axis). */
    public GroupNormalization() {
    }

    /** The number of groups (default 32; -1 for one per channel); must divide the channel count. */
    public GroupNormalization groups(int g) {
        requireNotBuilt("groups");
        if (g == 0 || g < -1) throw new IllegalArgumentException("Received an invalid value for `groups`: " + g + ".");
        this.groups = g;
        return this;
    }

    /** The channel axis (negative from the end; default -1). */
    public GroupNormalization axis(int a) {
        requireNotBuilt("axis");
        this.axis = a;
        return this;
    }

    /** Added to the variance before the square root (default 1e-3). */
    public GroupNormalization epsilon(double e) {
        requireNotBuilt("epsilon");
        this.epsilon = e;
        return this;
    }

    /** Whether to add the learned offset {@code beta} (default true). */
    public GroupNormalization center(boolean c) {
        requireNotBuilt("center");
        this.center = c;
        return this;
    }

    /** Whether to multiply by the learned scale {@code gamma} (default true). */
    public GroupNormalization scale(boolean s) {
        requireNotBuilt("scale");
        this.scale = s;
        return this;
    }

    /** How beta starts: a Keras name ({@code "zeros"}, the default) or an {@link Initializer}. */
    public GroupNormalization betaInitializer(Object spec) {
        requireNotBuilt("beta_initializer");
        this.betaInitializer = Initializers.get(spec);
        return this;
    }

    /** How gamma starts: a Keras name ({@code "ones"}, the default) or an {@link Initializer}. */
    public GroupNormalization gammaInitializer(Object spec) {
        requireNotBuilt("gamma_initializer");
        this.gammaInitializer = Initializers.get(spec);
        return this;
    }

    /** A penalty on beta: a Keras name or a {@link Regularizer}; {@code null} for none. */
    public GroupNormalization betaRegularizer(Object spec) {
        requireNotBuilt("beta_regularizer");
        this.betaRegularizer = Regularizers.get(spec);
        return this;
    }

    /** A penalty on gamma: a Keras name or a {@link Regularizer}; {@code null} for none. */
    public GroupNormalization gammaRegularizer(Object spec) {
        requireNotBuilt("gamma_regularizer");
        this.gammaRegularizer = Regularizers.get(spec);
        return this;
    }

    /** A constraint on beta: a Keras name or a {@link Constraint}; {@code null} for none. */
    public GroupNormalization betaConstraint(Object spec) {
        requireNotBuilt("beta_constraint");
        this.betaConstraint = Constraints.get(spec);
        return this;
    }

    /** A constraint on gamma: a Keras name or a {@link Constraint}; {@code null} for none. */
    public GroupNormalization gammaConstraint(Object spec) {
        requireNotBuilt("gamma_constraint");
        this.gammaConstraint = Constraints.get(spec);
        return this;
    }

    @Override
    protected void build(Shape inputShape) {
        int a = Normalizations.resolveAxis(axis, inputShape.rank(), name(), inputShape);
        Integer dim = inputShape.get(a);
        if (dim == null) {
            throw new IllegalArgumentException("Axis " + axis + " of input tensor should have a defined dimension but the layer \""
                    + name() + "\" received an input with shape " + inputShape + ".");
        }
        if (groups == -1) groups = dim; // as Keras: written back, so the config then names the count
        if (dim < groups) {
            throw new IllegalArgumentException("Number of groups (" + groups + ") cannot be more than the number of channels ("
                    + dim + ") of layer \"" + name() + "\".");
        }
        if (dim % groups != 0) {
            throw new IllegalArgumentException("Number of groups (" + groups + ") must divide the number of channels ("
                    + dim + ") of layer \"" + name() + "\".");
        }
        inputSpec = new InputSpec().ndim(inputShape.rank()).axis(axis, dim);
        long[] shape = {dim};
        if (scale) gamma = addWeight("gamma", shape, gammaInitializer, gammaRegularizer, gammaConstraint, true);
        if (center) beta = addWeight("beta", shape, betaInitializer, betaRegularizer, betaConstraint, true);
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        int ax = axis < 0 ? input.rank() + axis : axis;
        long channels = input.size(ax);
        // (..., c, ...) -> (..., groups, c / groups, ...): the group axis sits at ax, its channels at ax + 1.
        long[] grouped = new long[input.rank() + 1];
        for (int i = 0, j = 0; i < input.rank(); i++) {
            if (i == ax) {
                grouped[j++] = groups;
                grouped[j++] = channels / groups;
            } else {
                grouped[j++] = input.size(i);
            }
        }
        long[] weightShape = new long[grouped.length];
        Arrays.fill(weightShape, 1);
        weightShape[ax] = groups;
        weightShape[ax + 1] = channels / groups;
        int[] reduce = Normalizations.allBut(grouped.length, 0, ax); // each sample's group: all axes but batch and group
        int[] perChannel = Normalizations.allBut(grouped.length, ax, ax + 1);
        long n = 1;
        for (int r : reduce) n *= grouped[r];

        INDArray x = input.reshape('c', grouped);
        INDArray g = gamma == null ? null : gamma.value().reshape(weightShape);
        INDArray b = beta == null ? null : beta.value().reshape(weightShape);
        INDArray xhat = x.sub(x.mean(true, reduce));
        INDArray inv = Nd4j.math().rsqrt(xhat.mul(xhat).mean(true, reduce).addi(epsilon));
        xhat.muli(inv);
        INDArray out = g == null ? xhat.dup() : xhat.mul(g);
        if (b != null) out.addi(b);
        long nFinal = n;
        return Forward.of(out.reshape('c', input.shape()), dOut -> {
            INDArray dy = dOut.reshape('c', grouped);
            if (trainable()) {
                if (gamma != null) gamma.addGrad(dy.mul(xhat).sum(perChannel).reshape(channels));
                if (beta != null) beta.addGrad(dy.sum(perChannel).reshape(channels));
            }
            // The normalization derivative within each group: inv * (g - mean(g) - xhat * mean(g * xhat)).
            INDArray dxhat = g == null ? dy : dy.mul(g);
            INDArray m1 = dxhat.sum(true, reduce).divi(nFinal);
            INDArray m2 = dxhat.mul(xhat).sum(true, reduce).divi(nFinal);
            return dxhat.sub(m1).subi(xhat.mul(m2)).muli(inv).reshape('c', input.shape());
        });
    }

    /** Passes its input's mask on unchanged, as Keras's {@code supports_masking = True}. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("groups", groups);
        c.put("axis", axis);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        c.put("beta_initializer", Initializers.serialize(betaInitializer));
        c.put("gamma_initializer", Initializers.serialize(gammaInitializer));
        c.put("beta_regularizer", Regularizers.serialize(betaRegularizer));
        c.put("gamma_regularizer", Regularizers.serialize(gammaRegularizer));
        c.put("beta_constraint", Constraints.serialize(betaConstraint));
        c.put("gamma_constraint", Constraints.serialize(gammaConstraint));
        return c;
    }

    /** From a Keras config. */
    public static GroupNormalization fromConfig(Config c) {
        GroupNormalization l = new GroupNormalization();
        l.groups(c.getInt("groups", 32));
        l.axis(c.getInt("axis", -1));
        l.epsilon(c.getDouble("epsilon", 1e-3));
        l.center(c.getBoolean("center", true));
        l.scale(c.getBoolean("scale", true));
        if (c.get("beta_initializer") != null) l.betaInitializer(c.get("beta_initializer"));
        if (c.get("gamma_initializer") != null) l.gammaInitializer(c.get("gamma_initializer"));
        l.betaRegularizer(c.get("beta_regularizer"));
        l.gammaRegularizer(c.get("gamma_regularizer"));
        l.betaConstraint(c.get("beta_constraint"));
        l.gammaConstraint(c.get("gamma_constraint"));
        return l.withBaseConfig(c);
    }
}
