package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BatchNormalizationTest {
    private static final long[] NHWC = {5, 4, 4, 3};
    private static final long[] FLAT = {6, 3};

    @Test
    void harness() {
        String[] w = {"gamma (3,)", "beta (3,)", "moving_mean (3,)", "moving_variance (3,)"};
        LayerHarness.of(BatchNormalization::new).inputs(Shape.of(4, 4, 3)).outputs(Shape.of(null, 4, 4, 3)).weights(w).run();
        LayerHarness.of(BatchNormalization::new).inputs(Shape.of(3)).outputs(Shape.of(null, 3)).weights(w).run();
        LayerHarness.of(() -> new BatchNormalization().center(false).momentum(0.9).epsilon(1e-5))
                .inputs(Shape.of(3)).weights("gamma (3,)", "moving_mean (3,)", "moving_variance (3,)").run();
    }

    @Test
    void countsAsKeras() {
        BatchNormalization bn = new BatchNormalization();
        bn.apply(io.jkeras.Input.shape(4, 4, 3));
        assertThat(bn.countParams()).isEqualTo(12);
        assertThat(bn.nonTrainableWeights().stream().mapToLong(Variable::size).sum()).isEqualTo(6);
        assertThat(bn.trainableWeights()).extracting(Variable::name).containsExactly("gamma", "beta");
    }

    @Test
    @ExtendWith(Float64.class)
    void gradientsInTraining() {
        for (long[] shape : List.of(NHWC, FLAT)) {
            INDArray x = data(shape);
            BatchNormalization bn = withAffine(x);
            GradientCheck.create().training(true).check(bn, x);
            // Without gamma and beta the native op takes a different input list.
            GradientCheck.create().training(true).check(new BatchNormalization().center(false).scale(false), x);
        }
    }

    @Test
    @ExtendWith(Float64.class)
    void gradientsInInference() {
        for (long[] shape : List.of(NHWC, FLAT)) {
            INDArray x = data(shape);
            GradientCheck.create().check(withAffine(x), x);
            GradientCheck.create().check(new BatchNormalization().scale(false), x);
        }
    }

    @Test
    @ExtendWith(Float64.class)
    void valuesMatchAPlainComputation() {
        for (long[] shape : List.of(NHWC, FLAT)) {
            INDArray x1 = data(shape);
            INDArray x2 = data(shape).muli(3).addi(1);
            BatchNormalization bn = withAffine(x1);
            double[] g = bn.weights().get(0).value().toDoubleVector();
            double[] b = bn.weights().get(1).value().toDoubleVector();
            double[] mm = bn.weights().get(2).value().toDoubleVector();
            double[] mv = bn.weights().get(3).value().toDoubleVector();

            // First training call: batch statistics, moving ones updated once.
            Ref r1 = Ref.of(flat(x1), 3);
            INDArray y1 = bn.forward(x1, true).output();
            assertClose(y1, r1.normalize(r1.mean, r1.var, g, b, 1e-3));
            for (int c = 0; c < 3; c++) {
                mm[c] = mm[c] * 0.99 + r1.mean[c] * 0.01;
                mv[c] = mv[c] * 0.99 + r1.var[c] * 0.01;
            }
            assertClose(bn.weights().get(2).value(), mm);
            assertClose(bn.weights().get(3).value(), mv);

            // Second call: updated again from the new batch.
            Ref r2 = Ref.of(flat(x2), 3);
            assertClose(bn.forward(x2, true).output(), r2.normalize(r2.mean, r2.var, g, b, 1e-3));
            for (int c = 0; c < 3; c++) {
                mm[c] = mm[c] * 0.99 + r2.mean[c] * 0.01;
                mv[c] = mv[c] * 0.99 + r2.var[c] * 0.01;
            }
            assertClose(bn.weights().get(2).value(), mm);
            assertClose(bn.weights().get(3).value(), mv);

            // Inference: the moving statistics, unchanged by the call.
            assertClose(bn.forward(x1, false).output(), r1.normalize(mm, mv, g, b, 1e-3));
            assertClose(bn.weights().get(2).value(), mm);
        }
    }

    @Test
    @ExtendWith(Float64.class)
    void frozenLayerUsesMovingStatisticsInTraining() {
        for (long[] shape : List.of(NHWC, FLAT)) {
            INDArray x = data(shape);
            BatchNormalization bn = withAffine(x);
            bn.setTrainable(false);
            List<INDArray> before = bn.getWeights();
            double[] g = before.get(0).toDoubleVector();
            double[] b = before.get(1).toDoubleVector();
            Forward f = bn.forward(x, true);
            Ref r = Ref.of(flat(x), 3);
            assertClose(f.output(), r.normalize(before.get(2).toDoubleVector(), before.get(3).toDoubleVector(), g, b, 1e-3));
            for (Variable v : bn.weights()) v.zeroGrad();
            f.backward(Nd4j.ones(DataType.DOUBLE, x.shape()));
            assertThat(bn.getWeights()).isEqualTo(before);
            assertThat(bn.trainableWeights()).isEmpty();
            assertThat(bn.weights().get(0).grad()).as("a frozen layer accumulates no gradient").isNull();
        }
    }

    @Test
    void configHasKerasKeysAndReadsTfKerasAxisList() {
        var c = new BatchNormalization().getConfig();
        assertThat(c).containsKeys("axis", "momentum", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer",
                "moving_mean_initializer", "moving_variance_initializer", "beta_regularizer", "gamma_regularizer",
                "beta_constraint", "gamma_constraint", "synchronized");
        var m = new java.util.HashMap<String, Object>(c);
        m.put("axis", List.of(3));
        m.put("momentum", 0.9);
        var bn = BatchNormalization.fromConfig(io.jkeras.saving.Config.of(m));
        assertThat(bn.getConfig().get("axis")).isEqualTo(3);
        assertThat(bn.getConfig().get("momentum")).isEqualTo(0.9);
    }

    @Test
    void channelsFirstAxis() {
        BatchNormalization bn = new BatchNormalization().axis(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 2, 2);
        bn.apply(x);
        assertThat(bn.weights().get(0).value().shape()).containsExactly(3);
        INDArray y = bn.forward(x, true).output();
        // Each channel of the output has mean 0 over batch and space.
        for (double v : y.mean(0, 2, 3).toDoubleVector()) assertThat(v).isCloseTo(0, within(1e-5));
    }

    /** A layer built on x with non-trivial gamma, beta and moving statistics. */
    private static BatchNormalization withAffine(INDArray x) {
        BatchNormalization bn = new BatchNormalization();
        bn.apply(x);
        bn.setWeights(List.of(Nd4j.createFromArray(1.5, 0.7, -0.4), Nd4j.createFromArray(0.1, -0.2, 0.3),
                Nd4j.createFromArray(0.2, -0.1, 0.05), Nd4j.createFromArray(0.5, 1.3, 0.8)));
        return bn;
    }

    /** Non-constant data whose channels have different means and spreads. */
    private static INDArray data(long[] shape) {
        INDArray scaleByChannel = Nd4j.createFromArray(1.0, 2.0, 0.5);
        INDArray shiftByChannel = Nd4j.createFromArray(0.3, -1.0, 2.0);
        INDArray x = Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
        int last = shape.length - 1;
        org.nd4j.linalg.factory.Broadcast.mul(x, scaleByChannel, x, last);
        return org.nd4j.linalg.factory.Broadcast.add(x, shiftByChannel, x, last);
    }

    private static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').reshape(a.length()).toDoubleVector();
    }

    private static void assertClose(INDArray got, double[] want) {
        double[] g = flat(got);
        assertThat(g).hasSameSizeAs(want);
        for (int i = 0; i < want.length; i++) assertThat(g[i]).as("element %d", i).isCloseTo(want[i], within(1e-9));
    }

    /** Per-channel statistics of a channels-last array, computed one element at a time. */
    private record Ref(double[] x, int channels, double[] mean, double[] var) {
        static Ref of(double[] x, int channels) {
            double[] mean = new double[channels];
            double[] var = new double[channels];
            int n = x.length / channels;
            for (int i = 0; i < x.length; i++) mean[i % channels] += x[i] / n;
            for (int i = 0; i < x.length; i++) var[i % channels] += Math.pow(x[i] - mean[i % channels], 2) / n;
            return new Ref(x, channels, mean, var);
        }

        double[] normalize(double[] m, double[] v, double[] g, double[] b, double eps) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                int c = i % channels;
                y[i] = g[c] * (x[i] - m[c]) / Math.sqrt(v[c] + eps) + b[c];
            }
            return y;
        }
    }
}
