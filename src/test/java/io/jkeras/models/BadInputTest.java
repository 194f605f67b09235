package io.jkeras.models;

import io.jkeras.Input;
import io.jkeras.Keras;
import io.jkeras.KerasTensor;
import io.jkeras.layers.Dense;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wrong graphs and wrong data raise Keras's messages at build time, never an NPE or a native crash. */
class BadInputTest {
    @BeforeEach
    void fresh() {
        Keras.clearSession();
    }

    @Test
    void disconnectedGraph() {
        KerasTensor a = Input.shape(4);
        KerasTensor b = Input.shape(4);
        KerasTensor h = new Dense(2).name("dense_2").apply(b);
        assertThatThrownBy(() -> new Model(a, h))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Graph disconnected: cannot obtain value for tensor")
                .hasMessageContaining("at layer \"dense_2\"");
    }

    @Test
    void duplicateLayerNames() {
        KerasTensor a = Input.shape(4);
        KerasTensor h = new Dense(2).name("same").apply(a);
        KerasTensor o = new Dense(2).name("same").apply(h);
        assertThatThrownBy(() -> new Model(a, o))
                .hasMessage("The name \"same\" is used 2 times in the model. All layer names should be unique.");
        Sequential s = new Sequential(new Dense(2).name("x"));
        assertThatThrownBy(() -> s.add(new Dense(3).name("x")))
                .hasMessageContaining("All layers added to a Sequential model should have unique names. Name \"x\"");
    }

    @Test
    void incompatibleShapeNamesLayerExpectedAndReceived() {
        Dense d = new Dense(10).name("dense_1");
        Sequential m = new Sequential(d.inputShape(784));
        assertThatThrownBy(() -> d.apply(Input.shape(28, 28)))
                .hasMessage("Input 0 of layer \"dense_1\" is incompatible with the layer: expected axis -1 of input shape "
                        + "to have value 784, but received input with shape (None, 28, 28)");
        assertThatThrownBy(() -> m.predict(Nd4j.rand(3, 28, 28)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("incompatible with the layer")
                .hasMessageContaining("(None, 28, 28)");
    }

    @Test
    void rankTooLow() {
        Dense d = new Dense(3).name("d");
        assertThatThrownBy(() -> d.apply(Nd4j.create(4)))
                .hasMessage("Input 0 of layer \"d\" is incompatible with the layer: expected min_ndim=2, found ndim=1. Full shape received: (None,)");
    }

    @Test
    void wrongNumberOfInputs() {
        KerasTensor a = Input.shape(4);
        KerasTensor b = Input.shape(4);
        Dense d = new Dense(2).name("d");
        assertThatThrownBy(() -> d.apply(a, b))
                .hasMessageStartingWith("Layer \"d\" expects 1 input(s), but it received 2 input tensors.");
        Model m = new Model(List.of(a, b), List.of(new Dense(1).apply(a), new Dense(1).apply(b)));
        assertThatThrownBy(() -> m.predict(Nd4j.rand(2, 4)))
                .hasMessageContaining("expects 2 input(s), but it received 1 input tensors");
        assertThatThrownBy(() -> m.predict(List.of(Nd4j.rand(2, 4), Nd4j.rand(3, 4)), 32))
                .hasMessageContaining("Make sure all arrays contain the same number of samples");
    }

    @Test
    void modelInputsMustBeInputs() {
        KerasTensor a = Input.shape(4);
        KerasTensor h = new Dense(2).apply(a);
        assertThatThrownBy(() -> new Model(h, new Dense(1).apply(h)))
                .hasMessageContaining("Model inputs must come from Input(...)");
    }

    @Test
    void unbuiltModelAndBadSetWeights() {
        Sequential m = new Sequential(new Dense(2));
        assertThatThrownBy(m::summary).hasMessageContaining("This model has not yet been built");
        Dense d = new Dense(2).name("d");
        d.apply(Input.shape(3));
        assertThatThrownBy(() -> d.setWeights(List.of(Nd4j.rand(3, 2))))
                .hasMessageContaining("with a weight list of length 1, but the layer was expecting 2 weights");
        assertThatThrownBy(() -> d.setWeights(List.of(Nd4j.rand(2, 3), Nd4j.rand(2))))
                .hasMessage("Layer d weight shape (3, 2) is not compatible with provided weight shape (2, 3).");
        assertThatThrownBy(() -> new Dense(0)).hasMessageContaining("expected a positive integer. Received: units=0");
        assertThatThrownBy(() -> new Dense(2).countParams()).hasMessageContaining("isn't built");
    }
}
