package io.jkeras;

import io.jkeras.layers.Dense;
import io.jkeras.models.Sequential;
import io.jkeras.utils.Names;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KerasTest {
    @Test
    void sameSeedSameWeights() {
        Keras.setRandomSeed(7);
        Sequential a = new Sequential(new Dense(5).inputShape(3), new Dense(2));
        Keras.setRandomSeed(7);
        Sequential b = new Sequential(new Dense(5).inputShape(3), new Dense(2));
        assertThat(b.getWeights()).isEqualTo(a.getWeights());
        Sequential c = new Sequential(new Dense(5).inputShape(3), new Dense(2));
        assertThat(c.getWeights().get(0)).isNotEqualTo(a.getWeights().get(0));
    }

    @Test
    void snakeCaseAsKeras() {
        assertThat(Names.snakeCase("Conv2D")).isEqualTo("conv2d");
        assertThat(Names.snakeCase("BatchNormalization")).isEqualTo("batch_normalization");
        assertThat(Names.snakeCase("LeakyReLU")).isEqualTo("leaky_re_lu");
        assertThat(Names.snakeCase("GlobalAveragePooling2D")).isEqualTo("global_average_pooling2d");
        assertThat(Names.snakeCase("InputLayer")).isEqualTo("input_layer");
    }

    @Test
    void shapesPrintAsKerasTuples() {
        assertThat(Shape.of(null, 26, 26, 32)).hasToString("(None, 26, 26, 32)");
        assertThat(Shape.of(256)).hasToString("(256,)");
        assertThat(Input.shape(28, 28, 1).shape()).hasToString("(None, 28, 28, 1)");
    }

    @Test
    void floatxIsValidated() {
        assertThatThrownBy(() -> Keras.setFloatx("float128")).hasMessageContaining("Unknown dtype: \"float128\"");
    }
}
