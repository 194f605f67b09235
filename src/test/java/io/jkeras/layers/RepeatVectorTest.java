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

class RepeatVectorTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new RepeatVector(3)).inputs(Shape.of(5)).outputs(Shape.of(null, 3, 5)).weights().run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new RepeatVector(4), Nd4j.rand(DataType.DOUBLE, 3, 5).subi(0.5));
    }

    @Test
    void repeatsAndSumsBack() {
        INDArray x = Nd4j.createFromArray(new float[][]{{1, 2}, {3, 4}});
        Forward f = new RepeatVector(3).forward(List.of(x), false);
        assertThat(f.output().dup('c').reshape(12).toFloatVector()).containsExactly(1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4);
        assertThat(f.backward(Nd4j.ones(DataType.FLOAT, 2, 3, 2)).toFloatMatrix()).isEqualTo(new float[][]{{3, 3}, {3, 3}});
    }

    @Test
    void kerasErrors() {
        assertThatThrownBy(() -> new RepeatVector(0)).isInstanceOf(IllegalArgumentException.class);
        RepeatVector r = new RepeatVector(2);
        assertThatThrownBy(() -> r.apply(Input.shape(3, 4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ndim=2, found ndim=3");
    }
}
