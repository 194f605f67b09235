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

class ReshapeTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new Reshape(3, 4)).inputs(Shape.of(12)).outputs(Shape.of(null, 3, 4)).weights().run();
        LayerHarness.of(() -> new Reshape(-1, 2)).inputs(Shape.of(3, 4)).outputs(Shape.of(null, 6, 2)).weights().run();
    }

    @Test
    void unknownInputSizeLeavesMinusOneUnknown() {
        assertThat(new Reshape(-1, 2).apply(Input.shape(Shape.of(null, 4), null)).shape()).isEqualTo(Shape.of(null, null, 2));
        // ... and the real array resolves it
        assertThat(new Reshape(-1, 2).apply(Nd4j.rand(DataType.FLOAT, 3, 5, 4)).shape()).containsExactly(3, 10, 2);
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new Reshape(2, -1), Nd4j.rand(DataType.DOUBLE, 3, 6).subi(0.5));
        // a non-contiguous input: reshape has to copy
        GradientCheck.create().check(new Reshape(6), Nd4j.rand(DataType.DOUBLE, 3, 2, 3).subi(0.5));
    }

    @Test
    void keepsRowMajorOrder() {
        INDArray x = Nd4j.arange(12).castTo(DataType.FLOAT).reshape(2, 6);
        INDArray y = new Reshape(3, 2).apply(x);
        assertThat(y.shape()).containsExactly(2, 3, 2);
        assertThat(y.getFloat(1, 2, 1)).isEqualTo(11f);
        assertThat(y.getFloat(0, 1, 0)).isEqualTo(2f);
    }

    @Test
    void incompatibleTargetIsAKerasError() {
        Reshape r = new Reshape(5, 5);
        assertThatThrownBy(() -> r.apply(Input.shape(4, 6))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer \"" + r.name() + "\" (Reshape): The total size of the tensor must be unchanged. "
                        + "Received: input_shape=(4, 6), target_shape=(5, 5)");
        Reshape r2 = new Reshape(-1, 5);
        assertThatThrownBy(() -> r2.apply(Nd4j.rand(DataType.FLOAT, 2, 12))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot by divided by the specified dimensions in target_shape. "
                        + "Received: input_shape=(12,), target_shape=(-1, 5)");
        assertThatThrownBy(() -> new Reshape(-1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("There must be at most one unknown dimension (-1) in target_shape. Received: target_shape=(-1, -1).");
    }
}
