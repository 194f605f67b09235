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

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcatenateTest {
    @Test
    void harness() {
        LayerHarness.of(Concatenate::new).inputs(Shape.of(3), Shape.of(4)).outputs(Shape.of(null, 7)).weights().run();
        LayerHarness.of(() -> new Concatenate(1)).inputs(Shape.of(2, 5), Shape.of(1, 5), Shape.of(3, 5))
                .outputs(Shape.of(null, 6, 5)).weights().run();
        LayerHarness.of(() -> new Concatenate(-2)).inputs(Shape.of(2, 5), Shape.of(4, 5)).outputs(Shape.of(null, 6, 5)).weights().run();
    }

    @Test
    void unknownSizes() {
        assertThat(new Concatenate(1).apply(Input.shape(Shape.of(null, 4), null), Input.shape(3, 4)).shape())
                .isEqualTo(Shape.of(null, null, 4));
        assertThat(new Concatenate().apply(Input.shape(Shape.of(null, 4), null), Input.shape(3, 2)).shape())
                .isEqualTo(Shape.of(null, 3, 6));
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new Concatenate(), rand(3, 2), rand(3, 4));
        GradientCheck.create().check(new Concatenate(1), rand(2, 1, 3), rand(2, 2, 3), rand(2, 3, 3));
    }

    private static INDArray rand(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
    }

    @Test
    void joinsOnAxis1AndSplitsTheGradient() {
        INDArray a = Nd4j.createFromArray(new float[][][]{{{1, 2}, {3, 4}}});  // (1, 2, 2)
        INDArray b = Nd4j.createFromArray(new float[][][]{{{5, 6}}});          // (1, 1, 2)
        Forward f = new Concatenate(1).forward(List.of(a, b), true);
        assertThat(f.output().shape()).containsExactly(1, 3, 2);
        assertThat(f.output().reshape(6).toFloatVector()).containsExactly(1, 2, 3, 4, 5, 6);
        INDArray g = Nd4j.arange(6).castTo(DataType.FLOAT).reshape(1, 3, 2);
        List<INDArray> d = f.backward(List.of(g));
        assertThat(d.get(0).shape()).containsExactly(1, 2, 2);
        assertThat(d.get(0).dup('c').reshape(4).toFloatVector()).containsExactly(0, 1, 2, 3);
        assertThat(d.get(1).shape()).containsExactly(1, 1, 2);
        assertThat(d.get(1).dup('c').reshape(2).toFloatVector()).containsExactly(4, 5);
    }

    @Test
    void mismatchedShapesAreAKerasError() {
        Concatenate c = new Concatenate();
        assertThatThrownBy(() -> c.apply(Input.shape(3, 4), Input.shape(5, 6))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer \"" + c.name() + "\" (Concatenate): A `Concatenate` layer requires inputs with matching "
                        + "shapes except for the concatenation axis. Received: input_shape=[(None, 3, 4), (None, 5, 6)]");
        Concatenate c2 = new Concatenate();
        assertThatThrownBy(() -> c2.apply(Input.shape(3), Input.shape(3, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: input_shape=[(None, 3), (None, 3, 2)]");
        // eager, where the batch sizes differ: a Keras message, not a native one
        Concatenate c3 = new Concatenate();
        assertThatThrownBy(() -> c3.apply(Nd4j.rand(DataType.FLOAT, 2, 3), Nd4j.rand(DataType.FLOAT, 3, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input_shape=[(2, 3), (3, 3)]");
        Concatenate c4 = new Concatenate(3);
        assertThatThrownBy(() -> c4.apply(Input.shape(3), Input.shape(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid axis 3 for inputs of rank 2");
    }

    @Test
    void oneInputIsAKerasError() {
        Concatenate c = new Concatenate();
        assertThatThrownBy(() -> c.apply(Input.shape(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A merge layer should be called on a list of at least 2 inputs. Got 1 inputs.");
    }

    @Test
    void readsKeras1Axis() {
        Concatenate c = Concatenate.fromConfig(io.jkeras.saving.Config.of(io.jkeras.saving.Json.read(
                "{\"name\": \"merge_1\", \"concat_axis\": 1}")));
        assertThat(c.axis()).isEqualTo(1);
    }
}
