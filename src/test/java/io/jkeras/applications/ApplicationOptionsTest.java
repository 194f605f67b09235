package io.jkeras.applications;

import io.jkeras.Shape;
import io.jkeras.layers.Layer;
import io.jkeras.models.Model;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ResNet50's architecture and the argument errors Keras raises, in Keras's words. */
class ApplicationOptionsTest {
    @Test
    void resnet50HasKerasNamesAndParameterCounts() throws IOException {
        Model m = ResNet50.create(null, true);
        assertThat(m.name()).isEqualTo("resnet50");
        assertThat(m.countParams()).isEqualTo(25_636_712L);
        assertThat(m.layers().subList(1, 7)).extracting(Layer::name)
                .containsExactly("conv1_pad", "conv1_conv", "conv1_bn", "conv1_relu", "pool1_pad", "pool1_pool");
        assertThat(m.layers()).extracting(Layer::name).contains("conv2_block1_0_conv", "conv2_block1_0_bn", "conv2_block1_add", "conv3_block4_out", "conv4_block6_3_bn",
                        "conv5_block3_out", "avg_pool")
                .endsWith("predictions");
        assertThat(m.layers()).hasSize(177); // Keras's ResNet50 with top: 177 layers
        assertThat(m.getLayer("conv1_pad").output().shape()).isEqualTo(Shape.of(null, 230, 230, 3));
        assertThat(m.getLayer("pool1_pool").output().shape()).isEqualTo(Shape.of(null, 56, 56, 64));
        assertThat(m.getLayer("conv5_block3_out").output().shape()).isEqualTo(Shape.of(null, 7, 7, 2048));
        // BatchNormalization's moving statistics are non-trainable (53 BN layers × 2 × channels).
        long nonTrainable = m.nonTrainableWeights().stream().mapToLong(io.jkeras.Variable::size).sum();
        assertThat(nonTrainable).isEqualTo(53_120L);
        Model noTop = ResNet50.create(new ApplicationOptions().weights(null).includeTop(false).pooling("max").inputShape(64, 64, 3));
        assertThat(noTop.countParams()).isEqualTo(23_587_712L);
        assertThat(noTop.layers().get(noTop.layers().size() - 1).name()).isEqualTo("max_pool");
        assertThat(noTop.output().shape()).isEqualTo(Shape.of(null, 2048));
    }

    @Test
    void kerasArgumentErrors() {
        assertThatThrownBy(() -> VGG16.create(ApplicationOptions.weightsOf("imagenet").classes(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  Received classes=10");
        assertThatThrownBy(() -> VGG16.create(ApplicationOptions.weightsOf("imagenet").inputShape(200, 200, 3)))
                .hasMessage("When setting `include_top=True` and loading `imagenet` weights, `input_shape` should be (224, 224, 3).  "
                        + "Received: input_shape=(200, 200, 3)");
        assertThatThrownBy(() -> VGG16.create(ApplicationOptions.weightsOf("no/such/weights.h5")))
                .hasMessageStartingWith("The `weights` argument should be either `None` (random initialization), 'imagenet' "
                        + "(pre-training on ImageNet), or the path to the weights file to be loaded.  Received: weights=no/such/weights.h5");
        assertThatThrownBy(() -> VGG16.create(new ApplicationOptions().weights(null).includeTop(false).inputShape(16, 16, 3)))
                .hasMessage("Input size must be at least 32x32; Received: input_shape=(16, 16, 3)");
        assertThatThrownBy(() -> VGG16.create(new ApplicationOptions().weights(null).inputShape(null, null, 3)))
                .hasMessage("If `include_top` is True, you should specify a static `input_shape`. Received: input_shape=(None, None, 3)");
        assertThatThrownBy(() -> VGG16.create(new ApplicationOptions().includeTop(false).inputShape(64, 64, 1)))
                .hasMessage("The input must have 3 channels; Received `input_shape=(64, 64, 1)`");
        assertThatThrownBy(() -> VGG16.create(ApplicationOptions.weightsOf("imagenet").classifierActivation("relu")))
                .hasMessageStartingWith("Only `None` and `softmax` activations are allowed for the `classifier_activation` argument");
        assertThatThrownBy(() -> new ApplicationOptions().pooling("mean")).hasMessageContaining("Received: pooling=mean");
    }

    @Test
    void wrongImageSizeForTheTop() throws IOException {
        Model m = VGG16.create(new ApplicationOptions().weights(null).inputShape(32, 32, 3).classes(3));
        assertThatThrownBy(() -> m.predict(org.nd4j.linalg.factory.Nd4j.zeros(1, 64, 64, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Input 0 of layer \"vgg16\" is incompatible with the layer: expected shape=(None, 32, 32, 3), "
                        + "found shape=(None, 64, 64, 3)");
    }
}
