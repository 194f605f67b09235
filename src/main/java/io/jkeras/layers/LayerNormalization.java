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
import java.util.List;
import java.util.Map;

/**
 * Layer normalization, {@code gamma * (x - mean) / sqrt(var + epsilon) + beta} with mean and (biased)
 * variance taken over {@code axis} of each sample, as {@code keras.layers.LayerNormalization}.
 *
 * <p>Weights {@code gamma} and {@code beta}, each of the shape of the normalized axes ({@code (c,)} for the
 * default last axis); absent when {@code scale}/{@code center} is off. With {@code rms_scaling} the output is
 * {@code gamma * x / sqrt(var + epsilon)} (no centring, no beta), as Keras 3. Input: any shape; output: the
 * same shape. Same behaviour in training and inference. Defaults as Keras: axis -1, epsilon 1e-3.
 *
 * <pre>{@code
 * jshell> LayerNormalization ln = new LayerNormalization();
 * jshell> ln.apply(Input.shape(10, 64)).shape()
 * $2 ==> (None, 10, 64)
 * jshell> ln.weights()
 * $3 ==> [<Variable path=layer_normalization/gamma, shape=(64,), trainable=true>, <Variable path=layer_normalization/beta, shape=(64,), trainable=true>]
 * }</pre>
 */
public class LayerNormalization extends Layer {
    private int[] axis = {-1};
    /** Keras writes the axis as an int until build, then as a list: kept to write configs as Keras does. */
    private boolean axisAsList;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private boolean rmsScaling;
    private Initializer betaInitializer = new Zeros();
    private Initializer gammaInitializer = new Ones();
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private Constraint betaConstraint;
    private Constraint gammaConstraint;
    private Variable gamma;
    private Variable beta;

    /** A layer with Keras's defaults. */
    public LayerNormalization() {
    }

    /** The axis or axes normalized over (negative from the end; default -1). */
    public LayerNormalization axis(int... a) {
        requireNotBuilt("axis");
        if (a.length == 0) throw new IllegalArgumentException("LayerNormalization needs at least one axis.");
        this.axis = a.clone();
        this.axisAsList = a.length > 1;
        return this;
    }

    /** Added to the variance before the square root (default 1e-3). */
    public LayerNormalization epsilon(double e) {
        requireNotBuilt("epsilon");
        this.epsilon = e;
        return this;
    }

    /** Whether to add the learned offset {@code beta} (default true). */
    public LayerNormalization center(boolean c) {
        requireNotBuilt("center");
        this.center = c;
        return this;
    }

    /** Whether to multiply by the learned scale {@code gamma} (default true). */
    public LayerNormalization scale(boolean s) {
        requireNotBuilt("scale");
        this.scale = s;
        return this;
    }

    /** Keras 3's RMS form: {@code gamma * x / sqrt(var + epsilon)}, ignoring {@code center} and {@code scale}. */
    public LayerNormalization rmsScaling(boolean r) {
        requireNotBuilt("rms_scaling");
        this.rmsScaling = r;
        return this;
    }

    /** How beta starts: a Keras name ({@code "zeros"}, the default) or an {@link Initializer}. */
    public LayerNormalization betaInitializer(Object spec) {
        requireNotBuilt("beta_initializer");
        this.betaInitializer = Initializers.get(spec);
        return this;
    }

    /** How gamma starts: a Keras name ({@code "ones"}, the default) or an {@link Initializer}. */
    public LayerNormalization gammaInitializer(Object spec) {
        requireNotBuilt("gamma_initializer");
        this.gammaInitializer = Initializers.get(spec);
        return this;
    }

    /** A penalty on beta: a Keras name or a {@link Regularizer}; {@code null} for none. */
    public LayerNormalization betaRegularizer(Object spec) {
        requireNotBuilt("beta_regularizer");
        this.betaRegularizer = Regularizers.get(spec);
        return this;
    }

    /** A penalty on gamma: a Keras name or a {@link Regularizer}; {@code null} for none. */
    public LayerNormalization gammaRegularizer(Object spec) {
        requireNotBuilt("gamma_regularizer");
        this.gammaRegularizer = Regularizers.get(spec);
        return this;
    }

    /** A constraint on beta: a Keras name or a {@link Constraint}; {@code null} for none. */
    public LayerNormalization betaConstraint(Object spec) {
        requireNotBuilt("beta_constraint");
        this.betaConstraint = Constraints.get(spec);
        return this;
    }

    /** A constraint on gamma: a Keras name or a {@link Constraint}; {@code null} for none. */
    public LayerNormalization gammaConstraint(Object spec) {
        requireNotBuilt("gamma_constraint");
        this.gammaConstraint = Constraints.get(spec);
        return this;
    }

    @Override
    protected void build(Shape inputShape) {
        long[] shape = new long[axis.length];
        for (int i = 0; i < axis.length; i++) {
            Integer d = inputShape.get(Normalizations.resolveAxis(axis[i], inputShape.rank(), name(), inputShape));
            if (d == null) {
                throw new IllegalArgumentException("Axis " + axis[i] + " of the input to layer \"" + name()
                        + "\" should have a defined dimension, but received input with shape " + inputShape + ".");
            }
            shape[i] = d;
        }
        if (scale || rmsScaling) gamma = addWeight("gamma", shape, gammaInitializer, gammaRegularizer, gammaConstraint, true);
        if (center && !rmsScaling) beta = addWeight("beta", shape, betaInitializer, betaRegularizer, betaConstraint, true);
        axisAsList = true; // as Keras's build turns self.axis into a list
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        int rank = input.rank();
        int[] axes = new int[axis.length];
        for (int i = 0; i < axes.length; i++) axes[i] = axis[i] < 0 ? rank + axis[i] : axis[i];
        long n = 1;
        for (int a : axes) n *= input.size(a);
        // gamma and beta reshaped to broadcast against the input: size 1 on every other axis.
        INDArray g = gamma == null ? null : broadcastable(gamma.value(), input, axes);
        INDArray b = beta == null ? null : broadcastable(beta.value(), input, axes);

        INDArray mean = input.mean(true, axes);
        INDArray centred = input.sub(mean);
        INDArray variance = centred.mul(centred).mean(true, axes);
        INDArray inv = Nd4j.math().rsqrt(variance.addi(epsilon));
        // Normal form: xhat = (x - mean) * inv. RMS form: xhat = x * inv (variance still centred, as Keras's ops.var).
        INDArray xhat = rmsScaling ? input.mul(inv) : centred.muli(inv);
        INDArray out = g == null ? xhat.dup() : xhat.mul(g);
        if (b != null) out.addi(b);
        int[] others = Normalizations.allBut(rank, axes);
        long nFinal = n;
        return Forward.of(out, dy -> {
            if (trainable()) {
                if (gamma != null) gamma.addGrad(sumTo(dy.mul(xhat), others, gamma.value()));
                if (beta != null) beta.addGrad(sumTo(dy, others, beta.value()));
            }
            INDArray dxhat = g == null ? dy : dy.mul(g);
            if (rmsScaling) {
                // d/dx of x*inv(x): inv*dxhat - inv^3 (x - mean) mean(dxhat * x)
                INDArray proj = dxhat.mul(input).mean(true, axes).muli(inv).muli(inv).muli(inv);
                return dxhat.mul(inv).subi(input.sub(mean).muli(proj));
            }
            // The usual normalization derivative: inv * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)).
            INDArray m1 = dxhat.sum(true, axes).divi(nFinal);
            INDArray m2 = dxhat.mul(xhat).sum(true, axes).divi(nFinal);
            return dxhat.sub(m1).subi(xhat.mul(m2)).muli(inv);
        });
    }

    /** A weight of the normalized axes' shape, reshaped to size 1 on the other axes of the input. */
    private static INDArray broadcastable(INDArray w, INDArray input, int[] axes) {
        long[] shape = new long[input.rank()];
        Arrays.fill(shape, 1);
        for (int a : axes) shape[a] = input.size(a);
        return w.reshape(shape);
    }

    /** Sums a full-shape gradient over the non-normalized axes into the weight's shape. */
    private static INDArray sumTo(INDArray full, int[] others, INDArray weight) {
        return full.sum(others).reshape(weight.shape());
    }

    /** Passes its input's mask on unchanged, as Keras's {@code supports_masking = True}. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axisAsList ? Arrays.stream(axis).boxed().toList() : axis[0]);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        c.put("rms_scaling", rmsScaling);
        c.put("beta_initializer", Initializers.serialize(betaInitializer));
        c.put("gamma_initializer", Initializers.serialize(gammaInitializer));
        c.put("beta_regularizer", Regularizers.serialize(betaRegularizer));
        c.put("gamma_regularizer", Regularizers.serialize(gammaRegularizer));
        c.put("beta_constraint", Constraints.serialize(betaConstraint));
        c.put("gamma_constraint", Constraints.serialize(gammaConstraint));
        return c;
    }

    /** From a config of any Keras version ({@code axis} an int or a list). */
    public static LayerNormalization fromConfig(Config c) {
        LayerNormalization l = new LayerNormalization();
        int[] ax = c.getInts("axis");
        if (ax != null) {
            l.axis(ax);
            l.axisAsList = c.get("axis") instanceof List;
        }
        l.epsilon(c.getDouble("epsilon", 1e-3));
        l.center(c.getBoolean("center", true));
        l.scale(c.getBoolean("scale", true));
        l.rmsScaling(c.getBoolean("rms_scaling", false));
        if (c.get("beta_initializer") != null) l.betaInitializer(c.get("beta_initializer"));
        if (c.get("gamma_initializer") != null) l.gammaInitializer(c.get("gamma_initializer"));
        l.betaRegularizer(c.get("beta_regularizer"));
        l.gammaRegularizer(c.get("gamma_regularizer"));
        l.betaConstraint(c.get("beta_constraint"));
        l.gammaConstraint(c.get("gamma_constraint"));
        return l.withBaseConfig(c);
    }
}
