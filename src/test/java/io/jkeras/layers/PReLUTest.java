package io.jkeras.layers;

import io.jkeras.Input;
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

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PReLUTest {
    @Test
    void harness() {
        LayerHarness.of(PReLU::new).inputs(Shape.of(3, 4)).outputs(Shape.of(null, 3, 4)).weights("alpha (3, 4)").run();
        LayerHarness.of(() -> new PReLU().sharedAxes(1, 2)).inputs(Shape.of(5, 5, 3)).outputs(Shape.of(null, 5, 5, 3))
                .weights("alpha (1, 1, 3)").run();
        LayerHarness.of(PReLU::new).inputs(Shape.of(6)).outputs(Shape.of(null, 6)).weights("alpha (6,)").run();
    }

    /** A PReLU built for {@code x} with random non-zero alpha (the zeros default would hide alpha's role in dx). */
    private static PReLU built(PReLU p, INDArray x) {
        p.apply(x);
        INDArray alpha = p.getWeights().get(0);
        p.setWeights(List.of(Nd4j.rand(alpha.dataType(), alpha.shape()).addi(0.1)));
        return p;
    }

    @Test
    @ExtendWith(Float64.class)
    void gradientsOfInputAndAlpha() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 4).subi(0.5);
        GradientCheck.create().check(built(new PReLU(), x), x);
        GradientCheck.create().check(built(new PReLU().sharedAxes(1), x), x);
        GradientCheck.create().check(built(new PReLU().sharedAxes(2), x), x);
        INDArray img = Nd4j.rand(DataType.DOUBLE, 2, 3, 3, 2).subi(0.5);
        GradientCheck.create().check(built(new PReLU().sharedAxes(1, 2), img), img);
        INDArray flat = Nd4j.rand(DataType.DOUBLE, 3, 5).subi(0.5);
        GradientCheck.create().check(built(new PReLU(), flat), flat);
    }

    @Test
    void valuesUseAlphaOnTheNegativeSide() {
        PReLU p = new PReLU().sharedAxes(1);
        INDArray x = Nd4j.createFromArray(new float[][][]{{{-1f, 2f}, {-3f, -4f}}});
        p.apply(x);
        assertThat(p.getWeights().get(0).shape()).containsExactly(1, 2);
        p.setWeights(List.of(Nd4j.createFromArray(new float[][]{{0.5f, 0.25f}})));
        assertThat(p.apply(x).reshape(-1).toFloatVector()).containsExactly(-0.5f, 2f, -1.5f, -1f);
    }

    @Test
    void alphaGradientSumsOverBatchAndSharedAxes() {
        PReLU p = new PReLU().sharedAxes(1);
        INDArray x = Nd4j.createFromArray(new float[][][]{{{-1f, 2f}, {-3f, -4f}}, {{-2f, -1f}, {5f, 1f}}});
        p.apply(x);
        Forward f = p.forward(List.of(x), true);
        f.backward(List.of(Nd4j.ones(DataType.FLOAT, 2, 2, 2)));
        // d/d alpha_c = sum of min(x, 0) over batch and axis 1, channel by channel
        assertThat(p.weights().get(0).grad().reshape(-1).toDoubleVector()).containsExactly(-6, -5);
    }

    @Test
    void frozenLayerLeavesAlphaGradientAlone() {
        PReLU p = new PReLU();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3).subi(0.5);
        p.apply(x);
        p.setTrainable(false);
        p.weights().get(0).zeroGrad();
        p.forward(List.of(x), true).backward(List.of(Nd4j.ones(DataType.FLOAT, 2, 3)));
        assertThat(p.weights().get(0).grad()).isNull();
    }

    @Test
    void configRoundTrip() {
        Map<String, Object> c = new PReLU().sharedAxes(1, 2).getConfig();
        assertThat(c).containsEntry("shared_axes", List.of(1, 2)).containsKeys("alpha_initializer", "alpha_regularizer", "alpha_constraint");
        PReLU back = PReLU.fromConfig(Config.of(Map.of("shared_axes", 1, "alpha_initializer",
                Map.of("class_name", "Zeros", "config", Map.of()))));
        back.apply(Input.shape(4, 5));
        assertThat(back.weights().get(0).value().shape()).containsExactly(1, 5);
    }

    @Test
    void wrongInputsAreKerasErrors() {
        PReLU p = new PReLU();
        p.apply(Input.shape(3, 4));
        assertThatThrownBy(() -> p.apply(Input.shape(3, 5)))
                .hasMessageContaining("Input 0 of layer \"" + p.name() + "\" is incompatible with the layer")
                .hasMessageContaining("(None, 3, 5)");
        assertThatThrownBy(() -> new PReLU().apply(Input.shape(Shape.of(null, 4), null)))
                .hasMessageContaining("shared_axes");
        assertThatThrownBy(() -> new PReLU().sharedAxes(0)).hasMessageContaining("axis 0 is the batch");
        assertThatThrownBy(() -> new PReLU().sharedAxes(3).apply(Input.shape(3, 4))).hasMessageContaining("out of range");
        assertThat((double) new PReLU().apply(Nd4j.createFromArray(new float[][]{{-1f}})).getFloat(0)).isCloseTo(0, within(0.0));
    }
}
