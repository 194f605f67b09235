package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.constraints.Constraint;
import io.jkeras.constraints.Constraints;
import io.jkeras.initializers.Initializer;
import io.jkeras.initializers.Initializers;
import io.jkeras.initializers.Zeros;
import io.jkeras.regularizers.Regularizer;
import io.jkeras.regularizers.Regularizers;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.PRelu;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.PReluBp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;

/**
 * The parametric rectified linear unit, {@code x} if {@code x >= 0} else {@code alpha * x} with a learned
 * {@code alpha}, as {@code keras.layers.PReLU}.
 *
 * <p>Weight {@code alpha} has the input's shape without the batch, with size 1 on each of
 * {@code shared_axes} (1-based like the input's axes: for {@code (batch, h, w, c)} input,
 * {@code sharedAxes(1, 2)} gives one alpha per channel, shape {@code (1, 1, c)}). Initialised with zeros
 * by default. Input: any shape of rank &gt;= 2; output: the same shape.
 *
 * <pre>{@code
 * jshell> PReLU p = new PReLU().sharedAxes(1, 2);
 * jshell> p.apply(Input.shape(28, 28, 16)).shape()
 * $2 ==> (None, 28, 28, 16)
 * jshell> p.weights()
 * $3 ==> [<Variable path=p_re_lu/alpha, shape=(1, 1, 16), trainable=true>]
 * }</pre>
 */
public class PReLU extends Layer {
    private Initializer alphaInitializer = new Zeros();
    private Regularizer alphaRegularizer;
    private Constraint alphaConstraint;
    private int[] sharedAxes;
    private Variable alpha;

    public PReLU() {
        this.inputSpec = new InputSpec().minNdim(2);
    }

    /** How alpha starts: a Keras name ({@code "zeros"}, the default) or an {@link Initializer}. */
    public PReLU alphaInitializer(Object spec) {
        requireNotBuilt("alpha_initializer");
        this.alphaInitializer = Initializers.get(spec);
        return this;
    }

    /** A penalty on alpha: a Keras name or a {@link Regularizer}; {@code null} for none. */
    public PReLU alphaRegularizer(Object spec) {
        requireNotBuilt("alpha_regularizer");
        this.alphaRegularizer = Regularizers.get(spec);
        return this;
    }

    /** A constraint on alpha: a Keras name or a {@link Constraint}; {@code null} for none. */
    public PReLU alphaConstraint(Object spec) {
        requireNotBuilt("alpha_constraint");
        this.alphaConstraint = Constraints.get(spec);
        return this;
    }

    /** Input axes (1-based; the batch is axis 0) along which one alpha is shared; none by default. */
    public PReLU sharedAxes(int... axes) {
        requireNotBuilt("shared_axes");
        for (int a : axes) {
            if (a < 1) {
                throw new IllegalArgumentException("shared_axes of a PReLU layer must be input axes >= 1 (axis 0 is the batch). "
                        + "Received: shared_axes=" + Arrays.toString(axes));
            }
        }
        this.sharedAxes = axes.length == 0 ? null : axes.clone();
        return this;
    }

    @Override
    protected void build(Shape inputShape) {
        int rank = inputShape.rank();
        long[] shape = new long[rank - 1];
        InputSpec spec = new InputSpec().ndim(rank);
        for (int i = 1; i < rank; i++) {
            if (isShared(i)) {
                shape[i - 1] = 1;
            } else {
                Integer d = inputShape.get(i);
                if (d == null) {
                    throw new IllegalArgumentException("Layer \"" + name() + "\" needs a known size for axis " + i
                            + " of its input to make alpha, but received input with shape " + inputShape
                            + ". Give that axis a size, or list it in shared_axes.");
                }
                shape[i - 1] = d;
                spec.axis(i, d);
            }
        }
        if (sharedAxes != null) {
            for (int a : sharedAxes) {
                if (a >= rank) {
                    throw new IllegalArgumentException("shared_axes " + Arrays.toString(sharedAxes) + " of layer \"" + name()
                            + "\" are out of range for input with shape " + inputShape + ".");
                }
            }
        }
        alpha = addWeight("alpha", shape, alphaInitializer, alphaRegularizer, alphaConstraint, true);
        inputSpec = spec;
    }

    private boolean isShared(int axis) {
        if (sharedAxes == null) return false;
        for (int a : sharedAxes) if (a == axis) return true;
        return false;
    }

    private int[] ndSharedAxes() {
        return sharedAxes == null ? new int[0] : sharedAxes;
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        INDArray a = alpha.value();
        // Native prelu broadcasts alpha over the batch and the shared axes (numbered as Keras numbers them).
        INDArray y = Nd4j.exec(new PRelu(input, input.ulike(), a, ndSharedAxes()))[0];
        return Forward.of(y, dy -> {
            INDArray dx = input.ulike();
            INDArray dAlpha = a.ulike();
            Nd4j.exec(new PReluBp(input, a, dy, dx, dAlpha, ndSharedAxes()));
            if (trainable()) alpha.addGrad(dAlpha);
            return dx;
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
        c.put("alpha_initializer", Initializers.serialize(alphaInitializer));
        c.put("alpha_regularizer", Regularizers.serialize(alphaRegularizer));
        c.put("alpha_constraint", Constraints.serialize(alphaConstraint));
        c.put("shared_axes", sharedAxes == null ? null : Arrays.stream(sharedAxes).boxed().toList());
        return c;
    }

    /** From a config of any Keras version ({@code shared_axes} may be null, an int or a list). */
    public static PReLU fromConfig(Config c) {
        PReLU p = new PReLU();
        if (c.get("alpha_initializer") != null) p.alphaInitializer(c.get("alpha_initializer"));
        p.alphaRegularizer(c.get("alpha_regularizer"));
        p.alphaConstraint(c.get("alpha_constraint"));
        int[] shared = c.getInts("shared_axes");
        if (shared != null) p.sharedAxes(shared);
        return p.withBaseConfig(c);
    }
}
