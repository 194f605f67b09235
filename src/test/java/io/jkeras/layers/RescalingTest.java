package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import io.jkeras.saving.Json;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RescalingTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new Rescaling(1 / 255.0)).inputs(Shape.of(4, 4, 3)).outputs(Shape.of(null, 4, 4, 3)).weights().run();
        LayerHarness.of(() -> new Rescaling(new double[]{1, 2, 3}, new double[]{0, -1, 0.5}))
                .inputs(Shape.of(5, 3)).outputs(Shape.of(null, 5, 3)).run();
    }

    @Test
    void scalesAndShiftsPerChannel() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 3).muli(255);
        double[] s = {0.5, 2, -1}, o = {1, 0, 3};
        INDArray y = new Rescaling(s, o).apply(x);
        for (int i = 0; i < 2; i++) for (int h = 0; h < 3; h++) for (int w = 0; w < 4; w++) for (int c = 0; c < 3; c++) {
            assertThat(y.getDouble(i, h, w, c)).isCloseTo(x.getDouble(i, h, w, c) * s[c] + o[c], within(1e-4));
        }
        INDArray bytes = Nd4j.createFromArray(0, 51, 255);
        INDArray unit = new Rescaling(1 / 127.5, -1).apply(bytes);
        assertThat(unit.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(unit.toDoubleVector()).containsExactly(new double[]{-1, 51 / 127.5 - 1, 1}, within(1e-6));
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new Rescaling(0.5, -1), Nd4j.rand(DataType.DOUBLE, 3, 4));
        GradientCheck.create().check(new Rescaling(new double[]{2, -3}, new double[]{1, 1}), Nd4j.rand(DataType.DOUBLE, 3, 5, 2));
    }

    @Test
    void kerasConfigs() {
        Map<String, Object> c = new Rescaling(1 / 255.0).getConfig();
        assertThat(c).containsEntry("scale", 1 / 255.0).containsEntry("offset", 0.0);
        assertThat(new Rescaling(new double[]{1, 2}, new double[]{0, 0}).getConfig()).containsEntry("scale", List.of(1.0, 2.0));
        // Keras 3 serializes a NumPy scale as {"class_name": "__numpy__", "config": {"value": [...]}}
        Map<String, Object> k3 = Json.read("{\"name\": \"rescaling\", \"scale\": {\"class_name\": \"__numpy__\", \"config\": "
                + "{\"value\": [0.5, 0.25], \"dtype\": \"float64\"}}, \"offset\": 0.0}");
        Rescaling r = Rescaling.fromConfig(Config.of(k3));
        assertThat(r.scale()).containsExactly(0.5, 0.25);
        assertThat(r.offset()).containsExactly(0.0);
        assertThat(r.supportsMasking()).isTrue();
    }
}
