package io.jkeras.testing;

import io.jkeras.Variable;
import io.jkeras.layers.Forward;
import io.jkeras.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Float64 central-difference gradient check of a layer (or model): for the scalar
 * L = Σ_k Σ(out_k ⊙ R_k) with fixed random R_k, compares the backward pass's d(L)/d(input) and every
 * weight's d(L)/d(w) with (L(x+ε) − L(x−ε)) / 2ε. Stochastic layers are made repeatable by reseeding
 * ND4J's generator before every forward pass. Arrays larger than {@code maxChecks} elements are
 * checked at that many random positions.
 *
 * <p>Layers and inputs must be float64: call {@code Keras.setFloatx("float64")} before building them
 * (see {@link Float64}).
 */
public final class GradientCheck {
    private double eps = 1e-6;
    private double maxRelError = 1e-5;
    private double minAbsError = 1e-8;
    private int maxChecks = 150;
    private boolean training = false;
    private boolean checkInputs = true;
    private List<INDArray> masks;
    private final Random random = new Random(12345);

    /** A check with the defaults: ε = 1e-6, relative error ≤ 1e-5, inference mode. */
    public static GradientCheck create() {
        return new GradientCheck();
    }

    /** Runs the layer in training mode (dropout etc. with a fixed seed per pass). */
    public GradientCheck training(boolean t) {
        this.training = t;
        return this;
    }

    /** Largest relative error accepted. */
    public GradientCheck maxRelError(double e) {
        this.maxRelError = e;
        return this;
    }

    /** Absolute errors below this pass regardless of the relative error. */
    public GradientCheck minAbsError(double e) {
        this.minAbsError = e;
        return this;
    }

    /** Whether to check input gradients (off for integer inputs such as token ids). */
    public GradientCheck checkInputs(boolean c) {
        this.checkInputs = c;
        return this;
    }

    /** Runs the layer with these input masks ({@code forward(inputs, masks, training)}; null entries for none). */
    public GradientCheck masks(INDArray... m) {
        this.masks = java.util.Arrays.asList(m);
        return this;
    }

    /** Elements checked per array at most. */
    public GradientCheck maxChecks(int n) {
        this.maxChecks = n;
        return this;
    }

    /** Checks input and weight gradients of {@code layer} at {@code inputs} (float64 arrays). */
    public void check(Layer layer, INDArray... inputs) {
        List<INDArray> in = new ArrayList<>(List.of(inputs));
        layer.call(in, training); // builds
        for (INDArray x : in) {
            if (checkInputs) assertThat(x.dataType()).as("gradient checks need float64 inputs").isEqualTo(DataType.DOUBLE);
        }
        List<INDArray> outs = run(layer, in).outputs();
        List<INDArray> proj = new ArrayList<>();
        for (INDArray o : outs) proj.add(Nd4j.rand(DataType.DOUBLE, o.shape()).subi(0.5));

        for (Variable v : layer.weights()) v.zeroGrad();
        Forward f = run(layer, in);
        List<INDArray> dIn = f.backward(proj);

        if (checkInputs) {
            for (int i = 0; i < in.size(); i++) {
                compare("input " + i, in.get(i), dIn.get(i), layer, in, proj);
            }
        }
        for (Variable v : layer.trainableWeights()) {
            assertThat(v.grad()).as("gradient of %s was not computed", v.path()).isNotNull();
            compare("weight " + v.path(), v.value(), v.grad().dup(), layer, in, proj);
        }
    }

    private Forward run(Layer layer, List<INDArray> in) {
        Nd4j.getRandom().setSeed(777);
        return masks == null ? layer.forward(in, training) : layer.forward(in, masks, training);
    }

    private double loss(Layer layer, List<INDArray> in, List<INDArray> proj) {
        Forward f = run(layer, in);
        List<INDArray> outs = f.outputs();
        double l = f.activityLoss(); // a call's own loss term (activity regularization) is part of the loss
        for (int k = 0; k < outs.size(); k++) l += outs.get(k).castTo(DataType.DOUBLE).mul(proj.get(k)).sumNumber().doubleValue();
        return l;
    }

    private void compare(String what, INDArray param, INDArray analytic, Layer layer, List<INDArray> in, List<INDArray> proj) {
        assertThat(analytic.shape()).as("shape of the gradient of %s", what).isEqualTo(param.shape());
        INDArray flatParam = param.reshape(param.length());
        INDArray flatGrad = analytic.reshape(analytic.length());
        assertThat(flatParam.isView() || flatParam.data() == param.data()).as("param must be contiguous").isTrue();
        long n = param.length();
        List<Long> idx = new ArrayList<>();
        if (n <= maxChecks) for (long i = 0; i < n; i++) idx.add(i);
        else for (int i = 0; i < maxChecks; i++) idx.add((long) random.nextInt((int) n));
        for (long i : idx) {
            double orig = flatParam.getDouble(i);
            flatParam.putScalar(i, orig + eps);
            double plus = loss(layer, in, proj);
            flatParam.putScalar(i, orig - eps);
            double minus = loss(layer, in, proj);
            flatParam.putScalar(i, orig);
            double numeric = (plus - minus) / (2 * eps);
            double a = flatGrad.getDouble(i);
            double abs = Math.abs(a - numeric);
            double rel = abs / Math.max(Math.abs(a) + Math.abs(numeric), 1e-12);
            if (abs > minAbsError && rel > maxRelError) {
                throw new AssertionError(String.format("Gradient of %s of layer %s at flat index %d: analytic %.10g, numeric %.10g (rel error %.3g)",
                        what, layer.name(), i, a, numeric, rel));
            }
        }
    }
}
