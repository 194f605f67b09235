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

class IdentityTest {
    @Test
    void harness() {
        LayerHarness.of(Identity::new).inputs(Shape.of(3, 2)).outputs(Shape.of(null, 3, 2)).weights().run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new Identity(), Nd4j.rand(DataType.DOUBLE, 2, 3).subi(0.5));
    }

    @Test
    void returnsItsInput() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3);
        assertThat(new Identity().apply(x)).isEqualTo(x);
    }
}
