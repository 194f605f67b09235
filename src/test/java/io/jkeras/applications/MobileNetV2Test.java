package io.jkeras.applications;

import io.jkeras.Shape;
import io.jkeras.layers.Layer;
import io.jkeras.models.Model;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MobileNetV2's architecture as Keras builds it: names, model name, Keras's published parameter counts. */
class MobileNetV2Test {
    @Test
    void kerasNamesAndParameterCounts() throws IOException {
        Model m = MobileNetV2.create(null, true);
        assertThat(m.name()).isEqualTo("mobilenetv2_1.00_224");
        assertThat(m.countParams()).isEqualTo(3_538_984L);
        assertThat(m.layers().subList(1, 10)).extracting(Layer::name).containsExactly("Conv1", "bn_Conv1", "Conv1_relu",
                "expanded_conv_depthwise", "expanded_conv_depthwise_BN", "expanded_conv_depthwise_relu", "expanded_conv_project",
                "expanded_conv_project_BN", "block_1_expand");
        assertThat(m.layers()).extracting(Layer::name).contains("block_1_pad", "block_2_add", "block_16_project_BN", "Conv_1",
                "Conv_1_bn", "out_relu", "predictions");
        assertThat(m.getLayer("block_1_pad").output().shape()).isEqualTo(Shape.of(null, 113, 113, 96));
        assertThat(m.getLayer("out_relu").output().shape()).isEqualTo(Shape.of(null, 7, 7, 1280));
        assertThat(MobileNetV2.create(new ApplicationOptions().weights(null).includeTop(false)).countParams()).isEqualTo(2_257_984L);
        Model small = MobileNetV2.create(new ApplicationOptions().weights(null).alpha(0.35).inputShape(96, 96, 3).includeTop(false));
        assertThat(small.name()).isEqualTo("mobilenetv2_0.35_96");
        assertThat(small.countParams()).isEqualTo(410_208L);
        assertThat(MobileNetV2.create(new ApplicationOptions().weights(null).alpha(1.4)).countParams()).isEqualTo(6_156_712L);
        // It runs: a forward pass on a small image.
        assertThat(small.predict(Nd4j.rand(2, 96, 96, 3)).shape()).containsExactly(2, 3, 3, 1280);
    }

    @Test
    void kerasErrorsAndPreprocessing() {
        assertThatThrownBy(() -> MobileNetV2.create(ApplicationOptions.weightsOf("imagenet").alpha(0.6)))
                .hasMessageContaining("alpha must be one of `0.35`, `0.50`, `0.75`, `1.0`, `1.3` or `1.4` only; Received `alpha=0.6`");
        assertThatThrownBy(() -> MobileNetV2.create(ApplicationOptions.weightsOf("imagenet").classes(5)))
                .hasMessageContaining("`classes` should be 1000. Received `classes=5`");
        assertThat(MobileNetV2.preprocessInput(Nd4j.createFromArray(0f, 255f)).toDoubleVector()).containsExactly(-1, 1);
    }
}
