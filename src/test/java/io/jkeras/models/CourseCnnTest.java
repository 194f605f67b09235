package io.jkeras.models;

import io.jkeras.Keras;
import io.jkeras.Variable;
import io.jkeras.layers.Conv2D;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Flatten;
import io.jkeras.layers.MaxPooling2D;
import io.jkeras.layers.Layer;
import io.jkeras.KerasTensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The course CNN builds with Keras's shapes and parameter counts. */
class CourseCnnTest {
    static Sequential courseCnn() {
        return new Sequential(
                new Conv2D(32, 3).activation("relu").inputShape(28, 28, 1),
                new MaxPooling2D(2),
                new Conv2D(64, 3).activation("relu"),
                new MaxPooling2D(2),
                new Conv2D(64, 3).activation("relu"),
                new Flatten(),
                new Dense(64).activation("relu"),
                new Dense(10).activation("softmax"));
    }

    @Test
    void summaryShapesAndParams() {
        Keras.clearSession();
        Sequential m = courseCnn();
        assertThat(m.layers().stream().map(l -> l.output().shape().toString()).toList()).containsExactly(
                "(None, 26, 26, 32)", "(None, 13, 13, 32)", "(None, 11, 11, 64)", "(None, 5, 5, 64)",
                "(None, 3, 3, 64)", "(None, 576)", "(None, 64)", "(None, 10)");
        assertThat(m.layers().stream().map(Layer::countParams).toList())
                .containsExactly(320L, 0L, 18_496L, 0L, 36_928L, 0L, 36_928L, 650L);
        assertThat(m.countParams()).isEqualTo(93_322);
        assertThat(m.summaryString()).contains("Total params: 93,322").contains(" conv2d (Conv2D)             (None, 26, 26, 32)        320");
    }
}
