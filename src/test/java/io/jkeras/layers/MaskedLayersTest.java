package io.jkeras.layers;

import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the existing layers read and pass on masks, each against a plain-Java reference of Keras 3's formula. */
class MaskedLayersTest {
    private static final INDArray MASK = Nd4j.createFromArray(new boolean[][]{{true, true, false, false}, {true, false, true, true}});

    private static double[][][] values(INDArray x) {
        double[][][] v = new double[(int) x.size(0)][(int) x.size(1)][(int) x.size(2)];
        for (int i = 0; i < v.length; i++) for (int j = 0; j < v[0].length; j++) for (int k = 0; k < v[0][0].length; k++) v[i][j][k] = x.getDouble(i, j, k);
        return v;
    }

    @Test
    void passThroughLayersKeepTheMaskAndOthersDropIt() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 3);
        for (Layer l : List.of(new Dense(2), new Dropout(0.5), new Activation("relu"), new LayerNormalization(), new GaussianNoise(0.1),
                new SpatialDropout1D(0.3), new ReLU(), new Identity())) {
            l.apply(x);
            assertThat(l.forward(List.of(x), List.of(MASK), true).masks()).as(l.className()).containsExactly(MASK);
        }
        for (Layer l : List.of(new Flatten(), new Conv1D(2, 2), new GlobalMaxPooling1D())) {
            l.apply(x);
            assertThat(l.forward(List.of(x), List.of(MASK), false).masks()).as(l.className()).isNull();
        }
    }

    @Test
    void globalAveragePooling1DAveragesTheUnmaskedStepsOnly() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 3);
        GlobalAveragePooling1D gap = new GlobalAveragePooling1D();
        gap.apply(x);
        Forward f = gap.forward(List.of(x), List.of(MASK), false);
        assertThat(f.masks()).as("the steps are pooled away, and the mask with them").isNull();
        double[][][] v = values(x);
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                int n = 0;
                for (int t = 0; t < 4; t++) if (MASK.getDouble(b, t) != 0) { sum += v[b][t][c]; n++; }
                assertThat(f.output().getDouble(b, c)).isCloseTo(sum / n, org.assertj.core.api.Assertions.within(1e-6));
            }
        }
        // channels_first reads the steps on axis 2
        GlobalAveragePooling1D first = new GlobalAveragePooling1D().dataFormat("channels_first").keepdims(true);
        INDArray xt = x.permute(0, 2, 1).dup();
        first.apply(xt);
        INDArray y = first.forward(List.of(xt), List.of(MASK), false).output();
        assertThat(y.shape()).containsExactly(2, 3, 1);
        assertThat(y.reshape(2, 3).equalsWithEps(f.output(), 1e-6)).isTrue();
    }

    @Test
    void globalMaxPooling1DIgnoresTheMaskAsKeras3() {
        // Keras 3's GlobalMaxPooling1D has no mask argument: the max runs over every step and the mask is dropped.
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 3);
        GlobalMaxPooling1D gmp = new GlobalMaxPooling1D();
        gmp.apply(x);
        Forward f = gmp.forward(List.of(x), List.of(MASK), false);
        assertThat(f.output()).isEqualTo(x.max(1));
        assertThat(f.masks()).isNull();
    }

    @Test
    @ExtendWith(Float64.class)
    void maskedGradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 3).subi(0.5);
        GradientCheck.create().masks(MASK).check(new GlobalAveragePooling1D(), x);
        GradientCheck.create().masks(MASK).check(new GlobalAveragePooling1D().dataFormat("channels_first"), x.permute(0, 2, 1).dup());
        INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 4, 3).subi(0.5);
        INDArray other = Nd4j.createFromArray(new boolean[][]{{false, true, true, false}, {true, false, false, true}});
        GradientCheck.create().masks(MASK, other).check(new Multiply(), x, y);
        GradientCheck.create().masks(MASK, null).check(new Multiply(), x, y);
        GradientCheck.create().masks(MASK, other).check(new Maximum(), x, y);
        GradientCheck.create().masks(null, other).check(new Minimum(), x, y);
        GradientCheck.create().masks(MASK).training(true).check(new BatchNormalization(), x.mul(3).addi(1));
        GradientCheck.create().masks(MASK).training(true).check(new BatchNormalization().center(false), x.mul(2));
        INDArray scores = Nd4j.rand(DataType.DOUBLE, 2, 4, 4);
        GradientCheck.create().masks(Nd4j.createFromArray(new boolean[][][]{{{true, false, true, true}}, {{true, true, false, false}}})).check(new Softmax(), scores);
        GradientCheck.create().masks(Nd4j.createFromArray(new boolean[][][]{{{false, false, false, false}}, {{true, true, false, true}}})).check(new Softmax(), scores);
    }

    @Test
    void mergesOrTheMasksWhenEveryInputHasOne() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 2, 4, 3), b = Nd4j.rand(DataType.FLOAT, 2, 4, 3);
        INDArray other = Nd4j.createFromArray(new boolean[][]{{false, true, true, false}, {false, false, false, true}});
        INDArray or = Nd4j.createFromArray(new boolean[][]{{true, true, true, false}, {true, false, true, true}});
        for (Merge m : List.of(new Add(), new Subtract(), new Average(), new Multiply(), new Maximum(), new Minimum())) {
            m.apply(a, b);
            assertThat(m.forward(List.of(a, b), List.of(MASK, other), false).masks()).as(m.className()).containsExactly(or);
            assertThat(m.forward(List.of(a, b), Arrays.asList(MASK, null), false).masks()).as(m.className()).isNull();
        }
        // Add uses masked values as they are
        Add add = new Add();
        add.apply(a, b);
        assertThat(add.forward(List.of(a, b), List.of(MASK, other), false).output()).isEqualTo(a.add(b));
    }

    @Test
    void multiplyAndMaximumLeaveMaskedEntriesOut() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 2, 4, 3).subi(0.5), b = Nd4j.rand(DataType.FLOAT, 2, 4, 3).subi(0.5);
        INDArray other = Nd4j.createFromArray(new boolean[][]{{false, true, true, false}, {false, false, false, true}});
        Multiply mul = new Multiply();
        mul.apply(a, b);
        INDArray p = mul.forward(List.of(a, b), List.of(MASK, other), false).output();
        Maximum max = new Maximum();
        max.apply(a, b);
        INDArray mx = max.forward(List.of(a, b), List.of(MASK, other), false).output();
        INDArray mxOne = max.forward(List.of(a, b), Arrays.asList(MASK, null), false).output();
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < 4; t++) {
                boolean va = MASK.getDouble(i, t) != 0, vb = other.getDouble(i, t) != 0;
                for (int c = 0; c < 3; c++) {
                    double x = a.getDouble(i, t, c), y = b.getDouble(i, t, c);
                    // Keras 3.4+: masked factors count as 1, and the product is 0 where every input is masked
                    double prod = !va && !vb ? 0 : (va ? x : 1) * (vb ? y : 1);
                    assertThat(p.getDouble(i, t, c)).isCloseTo(prod, org.assertj.core.api.Assertions.within(1e-6));
                    // the maximum over the inputs that count; the first input's value where none does
                    double m = va && vb ? Math.max(x, y) : va ? x : vb ? y : x;
                    assertThat(mx.getDouble(i, t, c)).isCloseTo(m, org.assertj.core.api.Assertions.within(1e-6));
                    assertThat(mxOne.getDouble(i, t, c)).isCloseTo(va ? Math.max(x, y) : y, org.assertj.core.api.Assertions.within(1e-6));
                }
            }
        }
    }

    @Test
    void concatenateJoinsMasksAlongTimeAndOrsThemAlongFeatures() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 2, 4, 3), b = Nd4j.rand(DataType.FLOAT, 2, 2, 3);
        INDArray mb = Nd4j.createFromArray(new boolean[][]{{false, true}, {true, false}});
        Concatenate time = new Concatenate(1);
        time.apply(a, b);
        INDArray joined = time.forward(List.of(a, b), List.of(MASK, mb), false).masks().get(0);
        assertThat(joined).isEqualTo(Nd4j.createFromArray(new boolean[][]{{true, true, false, false, false, true}, {true, false, true, true, true, false}}));
        // an input without a mask counts as all true
        INDArray half = time.forward(List.of(a, b), Arrays.asList(null, mb), false).masks().get(0);
        assertThat(half).isEqualTo(Nd4j.createFromArray(new boolean[][]{{true, true, true, true, false, true}, {true, true, true, true, true, false}}));

        INDArray c = Nd4j.rand(DataType.FLOAT, 2, 4, 5);
        INDArray other = Nd4j.createFromArray(new boolean[][]{{false, true, true, false}, {false, false, false, true}});
        Concatenate features = new Concatenate();
        features.apply(a, c);
        assertThat(features.forward(List.of(a, c), List.of(MASK, other), false).masks().get(0))
                .isEqualTo(Nd4j.createFromArray(new boolean[][]{{true, true, true, false}, {true, false, true, true}}));
        assertThat(features.forward(List.of(a, c), Arrays.asList(MASK, null), false).masks().get(0))
                .isEqualTo(Nd4j.ones(DataType.BOOL, 2, 4));
        assertThat(features.forward(List.of(a, c), Arrays.asList(null, null), false).masks()).isNull();
    }

    @Test
    void batchNormalizationTrainsOnTheUnmaskedStatistics() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 3).muli(4);
        BatchNormalization bn = new BatchNormalization().momentum(0.5);
        bn.apply(x);
        Forward f = bn.forward(List.of(x), List.of(MASK), true);
        assertThat(f.masks()).containsExactly(MASK);
        double[][][] v = values(x);
        for (int c = 0; c < 3; c++) {
            double s = 0, n = 0;
            for (int b = 0; b < 2; b++) for (int t = 0; t < 4; t++) if (MASK.getDouble(b, t) != 0) { s += v[b][t][c]; n++; }
            double mean = s / (n + 1e-7), var = 0;
            for (int b = 0; b < 2; b++) for (int t = 0; t < 4; t++) if (MASK.getDouble(b, t) != 0) var += (v[b][t][c] - mean) * (v[b][t][c] - mean);
            var /= n + 1e-7;
            for (int b = 0; b < 2; b++) {
                for (int t = 0; t < 4; t++) {
                    double expected = (v[b][t][c] - mean) / Math.sqrt(var + 1e-3); // every entry is normalised, masked ones too
                    assertThat(f.output().getDouble(b, t, c)).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-4));
                }
            }
            assertThat(bn.weights().get(2).value().getDouble(c)).isCloseTo(0.5 * mean, org.assertj.core.api.Assertions.within(1e-5));
            assertThat(bn.weights().get(3).value().getDouble(c)).isCloseTo(0.5 + 0.5 * var, org.assertj.core.api.Assertions.within(1e-4));
        }
        assertThatThrownBy(() -> bn.forward(List.of(x), List.of(Nd4j.ones(DataType.BOOL, 2)), true))
                .hasMessageContaining("The mask provided should be one dimension less than the inputs. Received: mask.shape=(2,), inputs.shape=(2, 4, 3)");
    }

    @Test
    void softmaxGivesZerosWhereAWholeRowIsMasked() {
        // Keras 3 multiplies the softmax by the mask: a row with no kept entry is all zeros, not uniform.
        INDArray scores = Nd4j.rand(DataType.FLOAT, 2, 4);
        INDArray keys = Nd4j.createFromArray(new boolean[][]{{false, false, false, false}, {true, false, true, true}});
        Softmax s = new Softmax();
        s.apply(scores);
        Forward f = s.forward(List.of(scores), List.of(keys), true);
        assertThat(f.output().getRow(0).toDoubleVector()).containsOnly(0.0);
        assertThat(f.output().getRow(1).sumNumber().doubleValue()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(f.output().getDouble(1, 1)).isZero();
        // and nothing flows back through the masked row
        assertThat(f.backward(Nd4j.rand(DataType.FLOAT, 2, 4)).getRow(0).toDoubleVector()).containsOnly(0.0);
    }

    @Test
    void softmaxGivesMaskedEntriesNoProbability() {
        INDArray scores = Nd4j.rand(DataType.FLOAT, 2, 3, 4);
        INDArray keys = Nd4j.createFromArray(new boolean[][][]{{{true, true, false, false}}, {{true, false, true, false}}});
        Softmax s = new Softmax();
        s.apply(scores);
        INDArray y = s.forward(List.of(scores), List.of(keys), false).output();
        for (int b = 0; b < 2; b++) {
            for (int q = 0; q < 3; q++) {
                double z = 0;
                for (int k = 0; k < 4; k++) if (keys.getDouble(b, 0, k) != 0) z += Math.exp(scores.getDouble(b, q, k));
                for (int k = 0; k < 4; k++) {
                    double expected = keys.getDouble(b, 0, k) != 0 ? Math.exp(scores.getDouble(b, q, k)) / z : 0;
                    assertThat(y.getDouble(b, q, k)).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-6));
                }
            }
        }
        // a (batch, steps) sequence mask does not broadcast to (batch, steps, classes): an error, as in Keras
        INDArray seq = Nd4j.rand(DataType.FLOAT, 2, 4, 3);
        assertThatThrownBy(() -> s.forward(List.of(seq), List.of(MASK), false)).hasMessageContaining("cannot be broadcast to the input of shape (2, 4, 3)");
    }
}
