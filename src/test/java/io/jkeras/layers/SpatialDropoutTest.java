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

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpatialDropoutTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new SpatialDropout1D(0.5)).inputs(Shape.of(5, 3)).outputs(Shape.of(null, 5, 3)).weights().run();
        LayerHarness.of(() -> new SpatialDropout2D(0.3).dataFormat("channels_first")).inputs(Shape.of(3, 4, 5))
                .outputs(Shape.of(null, 3, 4, 5)).run();
        LayerHarness.of(() -> new SpatialDropout3D(0.3).seed(4L)).inputs(Shape.of(2, 3, 4, 2)).outputs(Shape.of(null, 2, 3, 4, 2)).run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().training(true).check(new SpatialDropout1D(0.5), Nd4j.rand(DataType.DOUBLE, 3, 4, 3));
        GradientCheck.create().training(true).check(new SpatialDropout2D(0.5).dataFormat("channels_first"), Nd4j.rand(DataType.DOUBLE, 2, 3, 2, 2));
        GradientCheck.create().training(true).check(new SpatialDropout3D(0.5), Nd4j.rand(DataType.DOUBLE, 2, 2, 2, 2, 3));
    }

    @Test
    void dropsWholeChannels() {
        INDArray y = new SpatialDropout2D(0.5).call(List.of(Nd4j.ones(DataType.FLOAT, 8, 3, 4, 6)), true).get(0);
        // per (sample, channel) every position holds the same value, 0 or 2
        INDArray max = y.max(1, 2), min = y.min(1, 2);
        assertThat(max).isEqualTo(min);
        assertThat(max.eq(0).castTo(DataType.INT).add(max.eq(2).castTo(DataType.INT)).minNumber().intValue()).isEqualTo(1);
        INDArray f = new SpatialDropout2D(0.5).dataFormat("channels_first").call(List.of(Nd4j.ones(DataType.FLOAT, 8, 6, 3, 4)), true).get(0);
        assertThat(f.max(2, 3)).isEqualTo(f.min(2, 3));
    }

    @Test
    void inferenceIsTheIdentity() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 4);
        assertThat(new SpatialDropout1D(0.9).apply(x)).isEqualTo(x);
    }

    @Test
    void configIsKeras() {
        assertThat(new SpatialDropout2D(0.25).getConfig()).containsEntry("rate", 0.25).containsEntry("data_format", "channels_last")
                .doesNotContainKey("noise_shape");
        assertThat(new SpatialDropout1D(0.25).getConfig()).doesNotContainKey("data_format");
        assertThatThrownBy(() -> new SpatialDropout1D(0.2).noiseShape(null, 1, 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new SpatialDropout2D(0.2).apply(io.jkeras.Input.shape(4, 4))).hasMessageContaining("expected ndim=4");
    }
}
