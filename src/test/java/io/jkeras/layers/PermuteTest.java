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

class PermuteTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new Permute(2, 1)).inputs(Shape.of(3, 4)).outputs(Shape.of(null, 4, 3)).weights().run();
        LayerHarness.of(() -> new Permute(3, 1, 2)).inputs(Shape.of(2, 3, 4)).outputs(Shape.of(null, 4, 2, 3)).weights().run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new Permute(2, 3, 1), Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 2).subi(0.5));
    }

    @Test
    void permutesSampleAxes() {
        // x[0] = [[0, 1, 2], [3, 4, 5]]; Permute(2, 1) gives its transpose [[0, 3], [1, 4], [2, 5]]
        INDArray x = Nd4j.arange(6).castTo(DataType.FLOAT).reshape(1, 2, 3);
        INDArray y = new Permute(2, 1).apply(x);
        assertThat(y.shape()).containsExactly(1, 3, 2);
        assertThat(y.dup('c').reshape(y.length()).toFloatVector()).containsExactly(0, 3, 1, 4, 2, 5);
        // y[0, c, a, b] = x[0, a, b, c] for Permute(3, 1, 2)
        INDArray z = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5);
        INDArray p = new Permute(3, 1, 2).apply(z);
        assertThat(p.shape()).containsExactly(2, 5, 3, 4);
        assertThat(p.getFloat(1, 4, 2, 3)).isEqualTo(z.getFloat(1, 2, 3, 4));
    }

    @Test
    void kerasErrors() {
        assertThatThrownBy(() -> new Permute(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be "
                        + "consecutive and start from 1. Received dims=(0, 1)");
        Permute p = new Permute(2, 1);
        assertThatThrownBy(() -> p.apply(Input.shape(4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ndim=3, found ndim=2. Full shape received: (None, 4)");
    }
}
