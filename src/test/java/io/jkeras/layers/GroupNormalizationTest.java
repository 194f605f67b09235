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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GroupNormalizationTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new GroupNormalization().groups(2)).inputs(Shape.of(4, 4, 6)).outputs(Shape.of(null, 4, 4, 6))
                .weights("gamma (6,)", "beta (6,)").run();
        LayerHarness.of(() -> new GroupNormalization().groups(3)).inputs(Shape.of(6)).weights("gamma (6,)", "beta (6,)").run();
        LayerHarness.of(() -> new GroupNormalization().groups(-1).center(false)).inputs(Shape.of(3, 4)).weights("gamma (4,)").run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x4 = Nd4j.rand(DataType.DOUBLE, 2, 3, 3, 6).subi(0.5).muli(3);
        INDArray x2 = Nd4j.rand(DataType.DOUBLE, 3, 6).subi(0.5).muli(3);
        for (boolean training : new boolean[]{true, false}) {
            GradientCheck.create().training(training).check(randomAffine(new GroupNormalization().groups(2), x4), x4);
            GradientCheck.create().training(training).check(randomAffine(new GroupNormalization().groups(3), x2), x2);
        }
        GradientCheck.create().check(randomAffine(new GroupNormalization().groups(3).axis(1), x4), x4);
        GradientCheck.create().check(new GroupNormalization().groups(-1).scale(false).center(false), x4);
    }

    @Test
    @ExtendWith(Float64.class)
    void valuesMatchAPlainComputation() {
        // Input (2, 3, 4): 2 groups of 2 channels, each normalized over 3 positions x 2 channels per sample.
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 4).subi(0.5).muli(4);
        GroupNormalization gn = randomAffine(new GroupNormalization().groups(2), x);
        double[] g = gn.weights().get(0).value().toDoubleVector();
        double[] b = gn.weights().get(1).value().toDoubleVector();
        double[] xs = x.dup('c').reshape(x.length()).toDoubleVector();
        double[] want = new double[xs.length];
        for (int s = 0; s < 2; s++) {
            for (int grp = 0; grp < 2; grp++) {
                double mean = 0;
                double var = 0;
                for (int p = 0; p < 3; p++) for (int c = 2 * grp; c < 2 * grp + 2; c++) mean += xs[s * 12 + p * 4 + c] / 6;
                for (int p = 0; p < 3; p++) for (int c = 2 * grp; c < 2 * grp + 2; c++) var += Math.pow(xs[s * 12 + p * 4 + c] - mean, 2) / 6;
                for (int p = 0; p < 3; p++) {
                    for (int c = 2 * grp; c < 2 * grp + 2; c++) {
                        int i = s * 12 + p * 4 + c;
                        want[i] = g[c] * (xs[i] - mean) / Math.sqrt(var + 1e-3) + b[c];
                    }
                }
            }
        }
        double[] got = gn.apply(x).dup('c').reshape(x.length()).toDoubleVector();
        for (int i = 0; i < want.length; i++) assertThat(got[i]).isCloseTo(want[i], within(1e-9));
    }

    @Test
    void groupsMustDivideTheChannels() {
        assertThatThrownBy(() -> new GroupNormalization().groups(4).apply(io.jkeras.Input.shape(6)))
                .hasMessageContaining("Number of groups (4) must divide the number of channels (6)");
        assertThatThrownBy(() -> new GroupNormalization().apply(io.jkeras.Input.shape(6)))
                .hasMessageContaining("Number of groups (32) cannot be more than the number of channels (6)");
        GroupNormalization all = new GroupNormalization().groups(-1);
        all.apply(io.jkeras.Input.shape(6));
        assertThat(all.getConfig().get("groups")).isEqualTo(6);
    }

    private static GroupNormalization randomAffine(GroupNormalization gn, INDArray x) {
        gn.apply(x);
        for (var v : gn.weights()) v.assign(Nd4j.rand(v.value().dataType(), v.value().shape()).addi(0.5));
        return gn;
    }
}
