package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.activations.ActivationFunction;
import io.jkeras.activations.Activations;
import io.jkeras.constraints.Constraint;
import io.jkeras.constraints.Constraints;
import io.jkeras.initializers.GlorotUniform;
import io.jkeras.initializers.Initializer;
import io.jkeras.initializers.Initializers;
import io.jkeras.initializers.Zeros;
import io.jkeras.regularizers.Regularizer;
import io.jkeras.regularizers.Regularizers;
import io.jkeras.saving.Config;
import io.jkeras.utils.Bias;
import io.jkeras.utils.MatMul;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A densely connected layer, {@code activation(dot(input, kernel) + bias)}, as {@code keras.layers.Dense}.
 *
 * <p>Kernel {@code (input_dim, units)}, bias {@code (units,)}. Input {@code (batch, ..., input_dim)};
 * output {@code (batch, ..., units)} (on rank &gt; 2 it acts on the last axis). Defaults as Keras:
 * glorot_uniform kernel, zeros bias, no activation.
 *
 * <pre>{@code
 * jshell> KerasTensor y = new Dense(64).activation("relu").apply(Input.shape(256));
 * jshell> y.shape()
 * $2 ==> (None, 64)
 * }</pre>
 */
public class Dense extends Layer {
    private final int units;
    private String activation = "linear";
    private boolean useBias = true;
    private Initializer kernelInitializer = new GlorotUniform();
    private Initializer biasInitializer = new Zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    private ActivationFunction act = Activations.get("linear");
    private Variable kernel;
    private Variable bias;

    /** @param units the output size, positive */
    public Dense(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("Received an invalid value for `units`, expected a positive integer. Received: units=" + units);
        }
        this.units = units;
        this.inputSpec = new InputSpec().minNdim(2);
    }

    // Covariant forms of the base setters, so that chains like new Dense(64).inputShape(784).activation("relu") compile.

    @Override
    @SuppressWarnings("unchecked")
    public Dense name(String n) {
        return super.name(n);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Dense inputShape(int... dims) {
        return super.inputShape(dims);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Dense dtype(String d) {
        return super.dtype(d);
    }

    /** The activation by Keras name ({@code "relu"}); {@code null} or {@code "linear"} for none. */
    public Dense activation(String name) {
        requireNotBuilt("activation");
        this.act = Activations.get(name);
        this.activation = act.name();
        return this;
    }

    /** Whether to add a bias (default true). */
    public Dense useBias(boolean b) {
        requireNotBuilt("use_bias");
        this.useBias = b;
        return this;
    }

    /** The kernel initializer: a Keras name ({@code "he_normal"}) or an {@link Initializer}. */
    public Dense kernelInitializer(Object spec) {
        requireNotBuilt("kernel_initializer");
        this.kernelInitializer = Initializers.get(spec);
        return this;
    }

    /** The bias initializer: a Keras name or an {@link Initializer}. */
    public Dense biasInitializer(Object spec) {
        requireNotBuilt("bias_initializer");
        this.biasInitializer = Initializers.get(spec);
        return this;
    }

    /** A kernel penalty: a Keras name ({@code "l2"}) or a {@link Regularizer}. */
    public Dense kernelRegularizer(Object spec) {
        requireNotBuilt("kernel_regularizer");
        this.kernelRegularizer = Regularizers.get(spec);
        return this;
    }

    /** A bias penalty: a Keras name or a {@link Regularizer}. */
    public Dense biasRegularizer(Object spec) {
        requireNotBuilt("bias_regularizer");
        this.biasRegularizer = Regularizers.get(spec);
        return this;
    }

    /** A kernel constraint: a Keras name ({@code "max_norm"}) or a {@link Constraint}. */
    public Dense kernelConstraint(Object spec) {
        requireNotBuilt("kernel_constraint");
        this.kernelConstraint = Constraints.get(spec);
        return this;
    }

    /** A bias constraint: a Keras name or a {@link Constraint}. */
    public Dense biasConstraint(Object spec) {
        requireNotBuilt("bias_constraint");
        this.biasConstraint = Constraints.get(spec);
        return this;
    }

    /** The number of output units. */
    public int units() {
        return units;
    }

    @Override
    protected void build(Shape inputShape) {
        Integer in = inputShape.get(-1);
        if (in == null) {
            throw new IllegalArgumentException("The last dimension of the inputs to a Dense layer should be defined. "
                    + "Found None. Full input shape received: " + inputShape);
        }
        kernel = addWeight("kernel", new long[]{in, units}, kernelInitializer, kernelRegularizer, kernelConstraint, true);
        if (useBias) bias = addWeight("bias", new long[]{units}, biasInitializer, biasRegularizer, biasConstraint, true);
        inputSpec = new InputSpec().minNdim(2).axis(-1, in);
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        return inputShape.with(-1, units);
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        long in = kernel.value().size(0);
        // Rank > 2: act on the last axis through a 2-D view (no copy for contiguous input).
        INDArray x = input.rank() == 2 ? input : input.reshape('c', input.length() / in, in);
        INDArray z = Nd4j.createUninitialized(x.dataType(), x.size(0), units);
        MatMul.gemm(x, kernel.value(), z, false, false, 1.0, 0.0);
        if (useBias) Bias.addInPlace(z, bias.value());
        INDArray y = act.forward(z);
        long[] outShape = input.shape().clone();
        outShape[outShape.length - 1] = units;
        INDArray out = input.rank() == 2 ? y : y.reshape('c', outShape);
        // From d(loss)/d(z): weight gradients, then d(loss)/d(input) unless the caller needs none.
        UnaryOperator<INDArray> weightGrads = dz -> {
            if (trainable()) { // a frozen layer needs no weight gradients
                MatMul.gemm(x, dz, kernel.gradBuffer(), true, false, 1.0, kernel.gradBeta());
                if (useBias) bias.addGradSum(dz, 0);
            }
            return dz;
        };
        UnaryOperator<INDArray> fromZ = dz -> {
            weightGrads.apply(dz);
            INDArray dx = Nd4j.createUninitialized(x.dataType(), x.size(0), in);
            MatMul.gemm(dz, kernel.value(), dx, false, true, 1.0, 0.0);
            return input.rank() == 2 ? dx : dx.reshape('c', input.shape());
        };
        UnaryOperator<INDArray> toZ = dOut -> act.backward(z, y, input.rank() == 2 ? dOut : dOut.reshape('c', x.size(0), units));
        UnaryOperator<INDArray> backward = dOut -> fromZ.apply(toZ.apply(dOut));
        Forward f = input.rank() == 2 && act.isLastAxisSoftmax(2)
                ? Forward.withSoftmaxLogits(out, backward, z, fromZ) : Forward.of(out, backward);
        return f.withWeightsOnlyBackward(dOut -> weightGrads.apply(toZ.apply(dOut)));
    }

    /** Passes its input's mask on unchanged, as Keras's {@code supports_masking = True}. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("units", units);
        c.put("activation", activation);
        c.put("use_bias", useBias);
        c.put("kernel_initializer", Initializers.serialize(kernelInitializer));
        c.put("bias_initializer", Initializers.serialize(biasInitializer));
        c.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        c.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        c.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        c.put("bias_constraint", Constraints.serialize(biasConstraint));
        return c;
    }

    /** From a config of any Keras version ({@code units}, or Keras 1's {@code output_dim} and {@code init}). */
    public static Dense fromConfig(Config c) {
        Dense d = new Dense(c.getInt("units", "output_dim"));
        // Keras 3 may write the activation as a serialized object rather than a name.
        d.activation(Activations.get(c.get("activation")).name());
        d.useBias(c.getBoolean("use_bias", c.getBoolean("bias", true)));
        Object ki = c.get("kernel_initializer", "init");
        if (ki != null) d.kernelInitializer(ki);
        if (c.get("bias_initializer") != null) d.biasInitializer(c.get("bias_initializer"));
        d.kernelRegularizer(c.get("kernel_regularizer", "W_regularizer"));
        d.biasRegularizer(c.get("bias_regularizer", "b_regularizer"));
        d.kernelConstraint(c.get("kernel_constraint", "W_constraint"));
        d.biasConstraint(c.get("bias_constraint", "b_constraint"));
        return d.withBaseConfig(c);
    }
}
