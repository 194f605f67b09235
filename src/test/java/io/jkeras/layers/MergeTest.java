package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
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
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The element-wise merging layers: Add, Subtract, Multiply, Average, Maximum, Minimum. */
class MergeTest {
    private static final List<Supplier<Layer>> ALL = List.of(Add::new, Subtract::new, Multiply::new, Average::new,
            Maximum::new, Minimum::new);
    private static final List<Supplier<Layer>> MANY = List.of(Add::new, Multiply::new, Average::new, Maximum::new, Minimum::new);

    @Test
    void harness() {
        for (Supplier<Layer> f : ALL) {
            LayerHarness.of(f).inputs(Shape.of(3, 4), Shape.of(3, 4)).outputs(Shape.of(null, 3, 4)).weights().run();
            // broadcasting: (3, 4) with (4,) and with (3, 1)
            LayerHarness.of(f).inputs(Shape.of(3, 4), Shape.of(4)).outputs(Shape.of(null, 3, 4)).weights().run();
            LayerHarness.of(f).inputs(Shape.of(3, 1), Shape.of(1, 4)).outputs(Shape.of(null, 3, 4)).weights().run();
        }
        for (Supplier<Layer> f : MANY) {
            LayerHarness.of(f).inputs(Shape.of(5), Shape.of(5), Shape.of(5)).outputs(Shape.of(null, 5)).weights().run();
        }
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        for (Supplier<Layer> f : ALL) {
            GradientCheck.create().check(f.get(), rand(3, 4), rand(3, 4));
            GradientCheck.create().check(f.get(), rand(2, 3, 4), rand(2, 4));
            GradientCheck.create().check(f.get(), rand(2, 3, 1), rand(2, 1, 4));
        }
        for (Supplier<Layer> f : MANY) GradientCheck.create().check(f.get(), rand(3, 5), rand(3, 5), rand(3, 5));
    }

    private static INDArray rand(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
    }

    @Test
    void values() {
        INDArray a = Nd4j.createFromArray(new float[][]{{1, 5, -2}});
        INDArray b = Nd4j.createFromArray(new float[][]{{4, 2, -3}});
        INDArray c = Nd4j.createFromArray(new float[][]{{0, 8, 1}});
        assertThat(new Add().apply(a, b, c).toFloatVector()).containsExactly(5, 15, -4);
        assertThat(new Subtract().apply(a, b).toFloatVector()).containsExactly(-3, 3, 1);
        assertThat(new Multiply().apply(a, b, c).toFloatVector()).containsExactly(0, 80, 6);
        assertThat(new Average().apply(a, b, c).toFloatVector()).containsExactly(5f / 3, 5, -4f / 3);
        assertThat(new Maximum().apply(a, b, c).toFloatVector()).containsExactly(4, 8, 1);
        assertThat(new Minimum().apply(a, b, c).toFloatVector()).containsExactly(0, 2, -3);
        // (1, 2, 1) + (1, 3): the second gains an axis after the batch, as Keras's expand_dims(x, 1)
        INDArray col = Nd4j.createFromArray(new float[]{10, 20}).reshape(1, 2, 1);
        INDArray y = new Add().apply(col, Nd4j.createFromArray(new float[][]{{1, 2, 3}}));
        assertThat(y.shape()).containsExactly(1, 2, 3);
        assertThat(y.reshape(6).toFloatVector()).containsExactly(11, 12, 13, 21, 22, 23);
    }

    @Test
    void gradientsGoToTheWinnerAndProductsOfTheOthers() {
        INDArray a = Nd4j.createFromArray(new float[][]{{1, 5, 2}});
        INDArray b = Nd4j.createFromArray(new float[][]{{4, 2, 2}});
        INDArray g = Nd4j.createFromArray(new float[][]{{1, 2, 3}});
        List<INDArray> dMax = new Maximum().forward(List.of(a, b), true).backward(List.of(g));
        assertThat(dMax.get(0).toFloatVector()).containsExactly(0, 2, 3); // a tie goes to the first input
        assertThat(dMax.get(1).toFloatVector()).containsExactly(1, 0, 0);
        List<INDArray> dMin = new Minimum().forward(List.of(a, b), true).backward(List.of(g));
        assertThat(dMin.get(0).toFloatVector()).containsExactly(1, 0, 3);
        assertThat(dMin.get(1).toFloatVector()).containsExactly(0, 2, 0);
        List<INDArray> dMul = new Multiply().forward(List.of(a, b), true).backward(List.of(g));
        assertThat(dMul.get(0).toFloatVector()).containsExactly(4, 4, 6);
        assertThat(dMul.get(1).toFloatVector()).containsExactly(1, 10, 6);
        List<INDArray> dSub = new Subtract().forward(List.of(a, b), true).backward(List.of(g));
        assertThat(dSub.get(1).toFloatVector()).containsExactly(-1, -2, -3);
        // broadcast input: its gradient sums over the stretched axis
        INDArray row = Nd4j.createFromArray(new float[][]{{1, 1, 1}});
        List<INDArray> dAdd = new Add().forward(List.of(Nd4j.ones(DataType.FLOAT, 1, 4, 3), row), true)
                .backward(List.of(Nd4j.ones(DataType.FLOAT, 1, 4, 3)));
        assertThat(dAdd.get(1).toFloatMatrix()).isEqualTo(new float[][]{{4, 4, 4}});
        assertThat(g.toFloatVector()).as("the incoming gradient is untouched").containsExactly(1, 2, 3);
        assertThat(a.toFloatVector()).as("inputs untouched").containsExactly(1, 5, 2);
    }

    @Test
    void addWithDifferentShapesIsAKerasError() {
        Add add = new Add();
        assertThatThrownBy(() -> add.apply(Input.shape(3), Input.shape(4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer \"" + add.name() + "\" (Add): Inputs have incompatible shapes. Received shapes (3,) and (4,)");
        Maximum max = new Maximum();
        assertThatThrownBy(() -> max.apply(Nd4j.rand(DataType.FLOAT, 2, 3), Nd4j.rand(DataType.FLOAT, 2, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Received shapes (3,) and (5,)");
    }

    @Test
    void differentBatchSizesAreAKerasError() {
        Add add = new Add();
        assertThatThrownBy(() -> add.apply(Nd4j.rand(DataType.FLOAT, 2, 3), Nd4j.rand(DataType.FLOAT, 4, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot merge tensors with different batch sizes. Got tensors with shapes [(2, 3), (4, 3)]");
    }

    @Test
    void subtractTakesExactlyTwoInputs() {
        Subtract s = new Subtract();
        KerasTensor a = Input.shape(3), b = Input.shape(3), c = Input.shape(3);
        assertThatThrownBy(() -> s.apply(a, b, c)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer \"" + s.name() + "\" (Subtract): A `Subtract` layer should be called on exactly 2 inputs. "
                        + "Received: input_shape=[(None, 3), (None, 3), (None, 3)]");
    }

    @Test
    void oneInputIsAKerasError() {
        for (Supplier<Layer> f : MANY) {
            Layer l = f.get();
            assertThatThrownBy(() -> l.apply(Input.shape(3))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Layer \"" + l.name() + "\" (" + l.className() + "): A merge layer should be called on a "
                            + "list of at least 2 inputs. Got 1 inputs. Full input_shape received: [(None, 3)]");
        }
    }
}
