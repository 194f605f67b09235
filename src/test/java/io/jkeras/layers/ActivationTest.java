package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.activations.Activations;
import io.jkeras.saving.Config;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActivationTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new Activation("relu")).inputs(Shape.of(3, 4)).outputs(Shape.of(null, 3, 4)).weights().run();
        LayerHarness.of(() -> new Activation("softmax")).inputs(Shape.of(10)).outputs(Shape.of(null, 10)).weights().run();
        LayerHarness.of(() -> new Activation("gelu")).inputs(Shape.of(2, 2, 3)).outputs(Shape.of(null, 2, 2, 3)).weights().run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new Activation("tanh"), Nd4j.rand(DataType.DOUBLE, 2, 3, 4).subi(0.5).muli(4));
        GradientCheck.create().check(new Activation("softmax"), Nd4j.rand(DataType.DOUBLE, 3, 5).subi(0.5).muli(4));
    }

    @Test
    void appliesTheNamedFunction() {
        assertThat(new Activation("relu").apply(Nd4j.createFromArray(-3f, -1f, 0f, 2f)).toFloatVector()).containsExactly(0f, 0f, 0f, 2f);
        assertThat(new Activation((String) null).apply(Nd4j.createFromArray(-3f, 2f)).toFloatVector()).containsExactly(-3f, 2f);
    }

    @Test
    void configIsTheKerasName() {
        assertThat(new Activation("swish").getConfig()).containsEntry("activation", "silu");
        Activation a = Activation.fromConfig(Config.of(Map.of("name", "act", "activation", "hard_sigmoid")));
        assertThat(a.name()).isEqualTo("act");
        assertThat(a.activation().name()).isEqualTo("hard_sigmoid");
        // Keras 3 writes functions that are not built-ins as serialized objects whose config is the name.
        Activation b = Activation.fromConfig(Config.of(Map.of("activation",
                Map.of("module", "keras.activations", "class_name", "function", "config", "mish"))));
        assertThat(b.activation().name()).isEqualTo("mish");
        assertThat(new Activation(Activations.elu(0.5)).getConfig()).containsEntry("activation", "elu");
    }

    @Test
    void unknownActivationNamesIt() {
        assertThatThrownBy(() -> new Activation("relu7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Could not interpret activation function identifier: relu7");
        assertThatThrownBy(() -> Activation.fromConfig(Config.of(Map.of("activation", "sigmod"))))
                .hasMessageContaining("sigmod");
    }
}
