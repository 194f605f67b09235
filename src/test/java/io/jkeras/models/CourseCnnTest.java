package io.jkeras.models;

import io.jkeras.bench.CnnBenchmark;
import io.jkeras.Keras;
import io.jkeras.layers.Layer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The course CNN builds with Keras's shapes and parameter counts. */
class CourseCnnTest {
    @Test
    void summaryShapesAndParams() {
        Keras.clearSession();
        Sequential m = CnnBenchmark.model(); // the model W1 benchmarks
        assertThat(m.layers().stream().map(l -> l.output().shape().toString()).toList()).containsExactly(
                "(None, 26, 26, 32)", "(None, 13, 13, 32)", "(None, 11, 11, 64)", "(None, 5, 5, 64)",
                "(None, 3, 3, 64)", "(None, 576)", "(None, 64)", "(None, 10)");
        assertThat(m.layers().stream().map(Layer::countParams).toList())
                .containsExactly(320L, 0L, 18_496L, 0L, 36_928L, 0L, 36_928L, 650L);
        assertThat(m.countParams()).isEqualTo(93_322);
        assertThat(m.summaryString()).contains("Total params: 93,322").contains(" conv2d (Conv2D)             (None, 26, 26, 32)        320");
    }
}
