package io.jkeras.models;

import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.layers.Layer;
import io.jkeras.saving.Json;
import io.jkeras.saving.SavingRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configs of real Keras files (src/test/resources/keras-configs, origins in its SOURCES.md). */
class ModelJsonFixturesTest {
    static String resource(String name) {
        try (InputStream in = ModelJsonFixturesTest.class.getResourceAsStream("/keras-configs/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @CsvSource({"keras3-graduate-admission-sequential.keras.json", "keras3-h5-graduate-admission-sequential.json"})
    void keras3DenseModelsBuildAndRoundTrip(String file) {
        Sequential m = (Sequential) Models.modelFromJson(resource(file));
        assertThat(m.name()).isEqualTo("sequential");
        assertThat(m.inputLayer().name()).isEqualTo("input_layer");
        assertThat(m.layers()).extracting(Layer::name).containsExactly("dense", "dense_1", "dense_2");
        assertThat(m.outputs()).extracting(KerasTensor::shape).containsExactly(Shape.of(null, 1));
        assertThat(m.countParams()).isEqualTo((7 * 7 + 7) * 2 + 7 + 1);
        ModelJsonRoundTripTest.assertRoundTrip(m);
    }

    /** Keras 2 and tf.keras 2 MLPs with Activation and Dropout layers build completely and round-trip. */
    @Test
    void keras2MlpsWithActivationAndDropoutBuild() {
        Model seq = Models.modelFromJson(resource("keras2-sparse-xent-mlp-sequential.json"));
        assertThat(seq.layers()).extracting(Layer::className).containsExactly("Dense", "Activation");
        assertThat(seq.layers()).extracting(Layer::name).containsExactly("dense_1", "activation_1");
        assertThat(seq.output().shape()).isEqualTo(Shape.of(null, 3));
        ModelJsonRoundTripTest.assertRoundTrip(seq);

        Model fn = Models.modelFromJson(resource("tfkeras2-mlp-functional.json"));
        assertThat(fn.layers()).extracting(Layer::name).containsExactly("input_1", "dense", "activation", "dropout");
        assertThat(fn.output().shape()).isEqualTo(Shape.of(null, 6));
        ModelJsonRoundTripTest.assertRoundTrip(fn);
    }

    /** The real VGG16 architecture JSON (VGG16 without its top, nested in a Sequential) builds with Keras's 14,714,688 parameters. */
    @Test
    void vgg16ArchitectureBuilds() {
        Model m = Models.modelFromJson(resource("keras2-vgg16-in-sequential.double-encoded.json"));
        Model vgg = (Model) m.layers().get(0);
        assertThat(vgg.getLayer("block1_conv1").output().shape()).isEqualTo(Shape.of(null, 224, 224, 64));
        assertThat(vgg.getLayer("block5_pool").output().shape()).isEqualTo(Shape.of(null, 7, 7, 512));
        assertThat(vgg.countParams()).isEqualTo(14_714_688L);
        assertThat(m.countParams()).isGreaterThan(vgg.countParams()); // the Sequential adds its own head
    }

    /** What jkeras writes is what Keras 3.13 wrote, but for keys newer than the Keras version jkeras follows. */
    @Test
    void writesTheConfigKeras3Wrote() {
        String original = resource("keras3-graduate-admission-sequential.keras.json");
        Object ours = normalize(Json.parse(Models.modelFromJson(original).toJson()));
        assertThat(ours).isEqualTo(normalize(Json.parse(original)));
    }

    private static final Set<String> NEWER_OR_RUNTIME = Set.of("shared_object_id", "quantization_config", "ragged", "optional",
            "compile_config");

    private static Object normalize(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (!NEWER_OR_RUNTIME.contains(k)) out.put(k, normalize(v));
            });
            return out;
        }
        if (o instanceof List<?> l) return l.stream().map(ModelJsonFixturesTest::normalize).toList();
        return o;
    }

    /**
     * Configs that need layers jkeras has not got (yet): parsing reaches the registry, whose message names
     * the class and the layer. Once a layer class is added, the file must get further, to another unknown
     * class or to a built model.
     */
    @ParameterizedTest
    @CsvSource({
            "keras1-conv2d-sequential.json, Convolution2D, convolution2d_1",
            "keras1-dense-reshape-bn-conv2d-sequential.json, Reshape, reshape_1",
            "keras1-lstm-sequential.json, LSTM, lstm_1",
            "keras2-bidirectional-lstm-sequential.json, Bidirectional, bidirectional_1",
            "keras2-cnn-batchnorm-sequential.json, Conv2D, conv2d_1",
            "keras2-conv1d-sequential.json, Conv1D, conv0",
            "keras2-flatten-lstm-sequential.json, LSTM, lstm_1",
            "keras2-lstm-functional.json, LSTM, lstm",
            "keras2-sparse-xent-mlp-sequential.json, Activation, activation_1",
            "keras2-vgg16-in-sequential.double-encoded.json, Conv2D, block1_conv1",
            "keras3-gru-sequential.keras.json, Embedding, embedding_3",
            "keras3-nested-container.keras.json, NestedDenseModel, nested_dense_model",
            "tfkeras2-attention-functional.json, Attention, attention",
            "tfkeras2-mlp-functional.json, Activation, activation",
    })
    void otherFixturesStopAtTheFirstUnknownLayer(String file, String className, String layerName) {
        String json = resource(file);
        if (!SavingRegistry.isKnown(className)) {
            assertThatThrownBy(() -> Models.modelFromJson(json)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Unknown layer: '" + className + "' (layer \"" + layerName + "\")")
                    .hasMessageContaining("SavingRegistry.register(\"" + className + "\"");
            return;
        }
        try {
            Model m = Models.modelFromJson(json);
            assertThat(m.layers()).isNotEmpty();
        } catch (IllegalArgumentException e) {
            Matcher unknown = Pattern.compile("^Unknown layer: '(\\w+)' \\(layer \"([^\"]+)\"\\)").matcher(e.getMessage());
            assertThat(unknown.find()).as("an unknown-layer error, got: %s", e.getMessage()).isTrue();
            assertThat(SavingRegistry.isKnown(unknown.group(1))).isFalse();
            assertThat(json).contains(unknown.group(1)).contains(unknown.group(2));
        }
    }
}
