package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DenseTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new Dense(3).activation("relu")).inputs(Shape.of(4)).outputs(Shape.of(null, 3))
                .weights("kernel (4, 3)", "bias (3,)").run();
        LayerHarness.of(() -> new Dense(5).useBias(false)).inputs(Shape.of(2, 4)).outputs(Shape.of(null, 2, 5))
                .weights("kernel (4, 5)").run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new Dense(3).activation("relu"), Nd4j.rand(DataType.DOUBLE, 4, 5).subi(0.5));
        GradientCheck.create().check(new Dense(2), Nd4j.rand(DataType.DOUBLE, 3, 2, 4).subi(0.5));
    }

    @Test
    void computesXWPlusB() {
        Dense d = new Dense(2);
        var x = Nd4j.createFromArray(new float[][]{{1, 2}});
        d.apply(x);
        d.setWeights(java.util.List.of(Nd4j.createFromArray(new float[][]{{1, 2}, {3, 4}}), Nd4j.createFromArray(0.5f, -1f)));
        assertThat(d.apply(x).toFloatVector()).containsExactly(7.5f, 9f);
    }

    @Test
    void wrongInputShapeIsAKerasError() {
        Dense d = new Dense(2);
        d.apply(io.jkeras.Input.shape(784));
        assertThatThrownBy(() -> d.apply(io.jkeras.Input.shape(28, 28)))
                .hasMessageContaining("Input 0 of layer \"" + d.name() + "\" is incompatible with the layer: expected axis -1 of input shape to have value 784, but received input with shape (None, 28, 28)");
    }
}
