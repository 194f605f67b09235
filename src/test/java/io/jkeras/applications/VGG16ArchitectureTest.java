package io.jkeras.applications;

import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.layers.Layer;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jkeras's VGG16 against the real Keras VGG16: the architecture JSON Keras 2.3.1 wrote for
 * {@code VGG16(include_top=False)} (keras-configs/keras2-vgg16-in-sequential.double-encoded.json, see its
 * SOURCES.md), compared layer by layer; and Keras's published parameter counts.
 */
class VGG16ArchitectureTest {
    static Model kerasVgg16NoTop() throws IOException {
        try (InputStream in = VGG16ArchitectureTest.class.getResourceAsStream("/keras-configs/keras2-vgg16-in-sequential.double-encoded.json")) {
            Model outer = Models.modelFromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (Model) outer.layers().get(0);
        }
    }

    @Test
    void noTopMatchesKerasLayerByLayer() throws IOException {
        Model keras = kerasVgg16NoTop();
        Model ours = VGG16.create(new ApplicationOptions().weights(null).includeTop(false).inputShape(224, 224, 3));
        assertThat(ours.name()).isEqualTo(keras.name()).isEqualTo("vgg16");
        List<Layer> k = keras.layers();
        List<Layer> o = ours.layers();
        assertThat(o).hasSameSizeAs(k).hasSize(19);
        for (int i = 0; i < k.size(); i++) {
            Layer kl = k.get(i);
            Layer ol = o.get(i);
            assertThat(ol.className()).as("layer %d", i).isEqualTo(kl.className());
            // Keras 2 named the input "input_1", Keras 3 (which jkeras follows) names it "input_layer".
            if (i > 0) assertThat(ol.name()).as("layer %d", i).isEqualTo(kl.name());
            assertThat(ol.output().shape()).as(kl.name()).isEqualTo(kl.output().shape());
            assertThat(ol.countParams()).as(kl.name()).isEqualTo(kl.countParams());
            assertThat(ol.weights()).extracting(v -> Shape.ofArray(v.value().shape()))
                    .as(kl.name()).isEqualTo(kl.weights().stream().map(v -> Shape.ofArray(v.value().shape())).toList());
            if (ol instanceof io.jkeras.layers.Conv2D oc) {
                var kc = (io.jkeras.layers.Conv2D) kl;
                assertThat(oc.getConfig()).as(kl.name()).containsAllEntriesOf(java.util.Map.of(
                        "padding", kc.getConfig().get("padding"), "strides", kc.getConfig().get("strides"),
                        "activation", kc.getConfig().get("activation"), "filters", kc.getConfig().get("filters")));
            }
        }
        assertThat(ours.countParams()).isEqualTo(keras.countParams()).isEqualTo(14_714_688L);
    }

    @Test
    void withTopHasKerasParameterCountAndSummary() throws IOException {
        Model m = VGG16.create(null, true);
        assertThat(m.countParams()).isEqualTo(138_357_544L);
        assertThat(m.layers()).extracting(Layer::name).endsWith("block5_pool", "flatten", "fc1", "fc2", "predictions");
        assertThat(m.output().shape()).isEqualTo(Shape.of(null, 1000));
        assertThat(m.getLayer("flatten").output().shape()).isEqualTo(Shape.of(null, 25088));
        String summary = m.summaryString();
        assertThat(summary).startsWith("Model: \"vgg16\"")
                .contains(" block1_conv1 (Conv2D)       (None, 224, 224, 64)      1792      ")
                .contains(" fc1 (Dense)                 (None, 4096)              102764544 ")
                .contains("Total params: 138,357,544")
                .contains("Trainable params: 138,357,544")
                .contains("Non-trainable params: 0");
        // tf.keras 2 printed the input as " input_1 (InputLayer)        [(None, 224, 224, 3)]     0".
        assertThat(summary.lines().filter(l -> l.contains("(InputLayer)")).findFirst().orElseThrow())
                .contains("[(None, 224, 224, 3)]");
    }

    @Test
    void vgg19AndPoolingOptions() throws IOException {
        Model v19 = VGG19.create(new ApplicationOptions().weights(null).includeTop(false));
        assertThat(v19.name()).isEqualTo("vgg19");
        assertThat(v19.countParams()).isEqualTo(20_024_384L);
        assertThat(v19.layers()).extracting(Layer::name).contains("block3_conv4", "block5_conv4");
        // No input shape without the top: any image size.
        assertThat(v19.input().shape()).isEqualTo(Shape.of(null, null, null, 3));
        assertThat(v19.output().shape()).isEqualTo(Shape.of(null, null, null, 512));

        Model avg = VGG16.create(new ApplicationOptions().weights(null).includeTop(false).pooling("avg").inputShape(64, 64, 3));
        assertThat(avg.output().shape()).isEqualTo(Shape.of(null, 512));
        assertThat(avg.layers().get(avg.layers().size() - 1).className()).isEqualTo("GlobalAveragePooling2D");
        Model max = VGG16.create(new ApplicationOptions().weights(null).includeTop(false).pooling("max").inputShape(64, 64, 3));
        assertThat(max.layers().get(max.layers().size() - 1).className()).isEqualTo("GlobalMaxPooling2D");
    }

    @Test
    void smallTopAndInputTensor() throws IOException {
        // Without ImageNet weights the top may have another size and number of classes (Keras allows both).
        Model m = VGG16.create(new ApplicationOptions().weights(null).inputShape(32, 32, 3).classes(10).classifierActivation(null));
        assertThat(m.output().shape()).isEqualTo(Shape.of(null, 10));
        assertThat(m.getLayer("fc1").countParams()).isEqualTo(512L * 4096 + 4096);
        assertThat(m.getLayer("predictions").getConfig().get("activation")).isEqualTo("linear");

        KerasTensor in = io.jkeras.Input.shape(Shape.of(48, 48, 3), "my_image");
        Model t = VGG16.create(new ApplicationOptions().weights(null).includeTop(false).inputTensor(in));
        assertThat(t.inputs()).containsExactly(in);
        assertThat(t.output().shape()).isEqualTo(Shape.of(null, 1, 1, 512));
    }
}
