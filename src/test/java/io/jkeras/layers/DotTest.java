package io.jkeras.layers;

import io.jkeras.Input;
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

class DotTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new Dot(1)).inputs(Shape.of(4), Shape.of(4)).outputs(Shape.of(null, 1)).weights().run();
        LayerHarness.of(() -> new Dot(-1).normalize(true)).inputs(Shape.of(4), Shape.of(4)).outputs(Shape.of(null, 1)).weights().run();
        LayerHarness.of(() -> new Dot(2)).inputs(Shape.of(3, 4), Shape.of(5, 4)).outputs(Shape.of(null, 3, 5)).weights().run();
        LayerHarness.of(() -> new Dot(1, 2)).inputs(Shape.of(4, 3), Shape.of(5, 4)).outputs(Shape.of(null, 3, 5)).weights().run();
        LayerHarness.of(() -> new Dot(2, 1)).inputs(Shape.of(3, 4), Shape.of(4)).outputs(Shape.of(null, 3)).weights().run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new Dot(1), rand(3, 4), rand(3, 4));
        GradientCheck.create().check(new Dot(1).normalize(true), rand(3, 4), rand(3, 4));
        // every operand layout: contracted axis natural, transposable, and permuted (rank 4)
        int[][] pairs = {{2, 1}, {2, 2}, {1, 1}, {1, 2}};
        for (int[] p : pairs) {
            INDArray x = p[0] == 2 ? rand(2, 3, 4) : rand(2, 4, 3);
            INDArray y = p[1] == 1 ? rand(2, 4, 5) : rand(2, 5, 4);
            GradientCheck.create().check(new Dot(p[0], p[1]), x, y);
            GradientCheck.create().check(new Dot(p[0], p[1]).normalize(true), x, y);
        }
        GradientCheck.create().check(new Dot(2, 3), rand(2, 3, 4, 2), rand(2, 2, 5, 4));
        GradientCheck.create().check(new Dot(1, 1), rand(2, 4), rand(2, 4, 3));
    }

    private static INDArray rand(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
    }

    @Test
    void rowWiseDotAndCosine() {
        INDArray x = Nd4j.createFromArray(new float[][]{{1, 2}, {3, 4}});
        INDArray y = Nd4j.createFromArray(new float[][]{{5, 6}, {7, 8}});
        assertThat(new Dot(1).apply(x, y).toFloatMatrix()).isEqualTo(new float[][]{{17}, {53}});
        INDArray a = Nd4j.createFromArray(new float[][]{{3, 4}, {1, 0}});
        INDArray b = Nd4j.createFromArray(new float[][]{{4, 3}, {0, 2}});
        INDArray cos = new Dot(1).normalize(true).apply(a, b);
        assertThat(cos.getDouble(0, 0)).isCloseTo(24.0 / 25, within(1e-6));
        assertThat(cos.getDouble(1, 0)).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void batchedMatchesANaiveProduct() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 4), y = Nd4j.rand(DataType.FLOAT, 2, 5, 4);
        INDArray z = new Dot(2).apply(x, y);   // z[b, i, j] = Σ_k x[b, i, k] y[b, j, k]
        assertThat(z.shape()).containsExactly(2, 3, 5);
        for (int b = 0; b < 2; b++)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 5; j++) {
                    double s = 0;
                    for (int k = 0; k < 4; k++) s += x.getDouble(b, i, k) * y.getDouble(b, j, k);
                    assertThat(z.getDouble(b, i, j)).isCloseTo(s, within(1e-5));
                }
        INDArray w = Nd4j.rand(DataType.FLOAT, 2, 4, 3);
        INDArray v = new Dot(1, 2).apply(w, y); // v[b, i, j] = Σ_k w[b, k, i] y[b, j, k]
        assertThat(v.shape()).containsExactly(2, 3, 5);
        double s = 0;
        for (int k = 0; k < 4; k++) s += w.getDouble(1, k, 2) * y.getDouble(1, 4, k);
        assertThat(v.getDouble(1, 2, 4)).isCloseTo(s, within(1e-5));
    }

    @Test
    void stridedViewsGiveTheSameResultAsCopies() {
        INDArray view = Nd4j.rand(DataType.FLOAT, 2, 3, 4).permute(0, 2, 1); // (2, 4, 3), not contiguous
        // Dot(1, 2) takes both operands through transpose flags; Dot(2, 1) through reshapes
        for (Dot d : new Dot[]{new Dot(1, 2), new Dot(2, 1)}) {
            INDArray other = d.axes()[1] == 2 ? Nd4j.rand(DataType.FLOAT, 2, 4, 5).permute(0, 2, 1)
                    : Nd4j.rand(DataType.FLOAT, 2, 5, 3).permute(0, 2, 1);
            Forward a = d.forward(java.util.List.of(view, other), true);
            Forward b = d.forward(java.util.List.of(view.dup('c'), other.dup('c')), true);
            assertThat(a.output().equalsWithEps(b.output(), 1e-5)).isTrue();
            INDArray g = Nd4j.rand(DataType.FLOAT, a.output().shape());
            java.util.List<INDArray> da = a.backward(java.util.List.of(g)), db = b.backward(java.util.List.of(g));
            assertThat(da.get(0).equalsWithEps(db.get(0), 1e-5)).isTrue();
            assertThat(da.get(1).equalsWithEps(db.get(1), 1e-5)).isTrue();
        }
    }

    @Test
    void kerasErrors() {
        Dot d = new Dot(1);
        assertThatThrownBy(() -> d.apply(Input.shape(3), Input.shape(4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer \"" + d.name() + "\" (Dot): Incompatible input shapes: axis values 3 (at axis 1) != 4 "
                        + "(at axis 1). Full input shapes: (None, 3), (None, 4)");
        Dot d2 = new Dot(1);
        assertThatThrownBy(() -> d2.apply(Input.shape(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A `Dot` layer should be called on a list of 2 inputs. Received: input_shape=[(None, 3)]");
        Dot d3 = new Dot(0);
        assertThatThrownBy(() -> d3.apply(Input.shape(3), Input.shape(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot perform batch_dot over axis 0");
        Dot d4 = new Dot(1);
        assertThatThrownBy(() -> d4.apply(Nd4j.rand(DataType.FLOAT, 2, 3), Nd4j.rand(DataType.FLOAT, 3, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different batch sizes");
    }

    @Test
    void configKeepsIntOrPairAxes() {
        assertThat(new Dot(1).getConfig()).containsEntry("axes", 1).containsEntry("normalize", false);
        assertThat(new Dot(1, 2).getConfig()).containsEntry("axes", java.util.List.of(1, 2));
    }
}
