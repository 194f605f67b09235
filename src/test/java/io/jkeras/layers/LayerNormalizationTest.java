package io.jkeras.layers;

import io.jkeras.Shape;
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

class LayerNormalizationTest {
    @Test
    void harness() {
        LayerHarness.of(LayerNormalization::new).inputs(Shape.of(4, 4, 3)).outputs(Shape.of(null, 4, 4, 3))
                .weights("gamma (3,)", "beta (3,)").run();
        LayerHarness.of(LayerNormalization::new).inputs(Shape.of(5)).outputs(Shape.of(null, 5))
                .weights("gamma (5,)", "beta (5,)").run();
        LayerHarness.of(() -> new LayerNormalization().axis(1, 2)).inputs(Shape.of(4, 3)).weights("gamma (4, 3)", "beta (4, 3)").run();
        LayerHarness.of(() -> new LayerNormalization().rmsScaling(true)).inputs(Shape.of(5)).weights("gamma (5,)").run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x4 = Nd4j.rand(DataType.DOUBLE, 2, 4, 4, 3).subi(0.5).muli(3);
        INDArray x2 = Nd4j.rand(DataType.DOUBLE, 3, 5).subi(0.5).muli(3);
        for (boolean training : new boolean[]{true, false}) {
            GradientCheck.create().training(training).check(randomAffine(new LayerNormalization(), x4), x4);
            GradientCheck.create().training(training).check(randomAffine(new LayerNormalization(), x2), x2);
        }
        GradientCheck.create().check(randomAffine(new LayerNormalization().axis(1, 2), x4), x4);
        GradientCheck.create().check(randomAffine(new LayerNormalization().axis(1), x4), x4);
        GradientCheck.create().check(randomAffine(new LayerNormalization().rmsScaling(true), x4), x4);
        GradientCheck.create().check(new LayerNormalization().center(false).scale(false), x2);
    }

    @Test
    @ExtendWith(Float64.class)
    void valuesMatchAPlainComputation() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 4).subi(0.5).muli(4);
        LayerNormalization ln = randomAffine(new LayerNormalization(), x);
        double[] g = ln.weights().get(0).value().toDoubleVector();
        double[] b = ln.weights().get(1).value().toDoubleVector();
        double[] xs = x.dup('c').reshape(x.length()).toDoubleVector();
        double[] want = new double[xs.length];
        for (int row = 0; row < xs.length / 4; row++) {
            double mean = 0;
            double var = 0;
            for (int c = 0; c < 4; c++) mean += xs[row * 4 + c] / 4;
            for (int c = 0; c < 4; c++) var += Math.pow(xs[row * 4 + c] - mean, 2) / 4;
            for (int c = 0; c < 4; c++) want[row * 4 + c] = g[c] * (xs[row * 4 + c] - mean) / Math.sqrt(var + 1e-3) + b[c];
        }
        double[] got = ln.apply(x).dup('c').reshape(x.length()).toDoubleVector();
        for (int i = 0; i < want.length; i++) assertThat(got[i]).isCloseTo(want[i], within(1e-9));
    }

    @Test
    void configWritesTheAxisAsKerasDoes() {
        LayerNormalization ln = new LayerNormalization();
        assertThat(ln.getConfig().get("axis")).isEqualTo(-1);
        ln.apply(io.jkeras.Input.shape(3));
        assertThat(ln.getConfig().get("axis")).isEqualTo(List.of(-1));
        assertThat(ln.getConfig()).containsKeys("epsilon", "center", "scale", "rms_scaling", "beta_initializer",
                "gamma_initializer", "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint");
    }

    private static LayerNormalization randomAffine(LayerNormalization ln, INDArray x) {
        ln.apply(x);
        for (var v : ln.weights()) v.assign(Nd4j.rand(v.value().dataType(), v.value().shape()).addi(0.5));
        return ln;
    }
}
