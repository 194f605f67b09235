package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReLUTest {
    @Test
    void harness() {
        LayerHarness.of(ReLU::new).inputs(Shape.of(3, 4)).outputs(Shape.of(null, 3, 4)).weights().run();
        LayerHarness.of(() -> new ReLU().maxValue(6.0)).inputs(Shape.of(5)).outputs(Shape.of(null, 5)).weights().run();
        LayerHarness.of(() -> new ReLU().maxValue(0.3).negativeSlope(0.1).threshold(0.05))
                .inputs(Shape.of(2, 3)).outputs(Shape.of(null, 2, 3)).weights().run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 6).subi(0.5).muli(10);
        GradientCheck.create().check(new ReLU(), x);
        GradientCheck.create().check(new ReLU().maxValue(6.0), x);
        GradientCheck.create().check(new ReLU().negativeSlope(0.2), x);
        GradientCheck.create().check(new ReLU().maxValue(3.0).negativeSlope(0.5).threshold(1.0), x);
    }

    @Test
    void kerasDocstringExample() {
        INDArray x = Nd4j.createFromArray(-10f, -5f, 0f, 5f, 10f);
        ReLU r = new ReLU().maxValue(10.0).negativeSlope(0.5).threshold(0.0);
        assertThat(r.apply(x).toFloatVector()).containsExactly(-5f, -2.5f, 0f, 5f, 10f);
        assertThat(new ReLU().maxValue(5.0).apply(x).toFloatVector()).containsExactly(0f, 0f, 0f, 5f, 5f);
        // threshold 2 and slope 0.5: 0.5 * (x - 2) below the threshold, x above, capped at 7.
        assertThat(new ReLU().threshold(2.0).negativeSlope(0.5).maxValue(7.0).apply(x).toFloatVector())
                .containsExactly(-6f, -3.5f, -1f, 5f, 7f);
    }

    @Test
    void configRoundTripKeepsKerasKeys() {
        ReLU r = new ReLU().maxValue(6.0).negativeSlope(0.1);
        assertThat(r.getConfig()).containsEntry("max_value", 6.0).containsEntry("negative_slope", 0.1).containsEntry("threshold", 0.0);
        Map<String, Object> keras2 = new HashMap<>(Map.of("name", "re_lu_3", "trainable", true, "dtype", "float32",
                "negative_slope", 0.0, "threshold", 0.0));
        keras2.put("max_value", null);
        ReLU back = ReLU.fromConfig(Config.of(keras2));
        assertThat(back.name()).isEqualTo("re_lu_3");
        assertThat(back.getConfig()).containsEntry("max_value", null);
    }

    @Test
    void negativeSettingsAreRejected() {
        assertThatThrownBy(() -> new ReLU().maxValue(-1.0)).hasMessageContaining("max_value of a ReLU layer cannot be a negative value");
        assertThatThrownBy(() -> new ReLU().negativeSlope(-0.1)).hasMessageContaining("negative_slope");
        assertThatThrownBy(() -> new ReLU().threshold(-2)).hasMessageContaining("threshold");
    }
}
