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

class FlattenTest {
    @Test
    void harness() {
        LayerHarness.of(Flatten::new).inputs(Shape.of(3, 4, 2)).outputs(Shape.of(null, 24)).weights().run();
        LayerHarness.of(() -> new Flatten().dataFormat("channels_first")).inputs(Shape.of(2, 3, 4))
                .outputs(Shape.of(null, 24)).weights().run();
        LayerHarness.of(Flatten::new).inputs(Shape.of(5)).outputs(Shape.of(null, 5)).weights().run();
    }

    @Test
    void shapes() {
        assertThat(new Flatten().apply(Input.shape(Shape.of(null, 8), null)).shape()).isEqualTo(Shape.of(null, null));
        assertThat(new Flatten().computeOutputShape(Shape.of((Integer) null))).isEqualTo(Shape.of(null, 1));
        INDArray v = Nd4j.createFromArray(1f, 2f, 3f);
        assertThat(new Flatten().apply(v).shape()).containsExactly(3, 1);
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new Flatten(), Nd4j.rand(DataType.DOUBLE, 2, 3, 4).subi(0.5));
        GradientCheck.create().check(new Flatten().dataFormat("channels_first"), Nd4j.rand(DataType.DOUBLE, 2, 3, 2, 2).subi(0.5));
    }

    @Test
    void channelsFirstOrdersFeaturesAsChannelsLast() {
        // x[0, c, h, w] = 4c + 2h + w; channels-last order (h, w, c) reads 0, 4, 1, 5, 2, 6, 3, 7
        INDArray x = Nd4j.arange(8).castTo(DataType.FLOAT).reshape(1, 2, 2, 2);
        assertThat(new Flatten().dataFormat("channels_first").apply(x).toFloatVector())
                .containsExactly(0, 4, 1, 5, 2, 6, 3, 7);
        assertThat(new Flatten().apply(x).toFloatVector()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void badDataFormat() {
        assertThatThrownBy(() -> new Flatten().dataFormat("nhwc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: data_format=nhwc");
    }
}
