package io.jkeras.applications;

import io.jkeras.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.util.List;

/**
 * VGG16, as {@code keras.applications.VGG16} (Simonyan &amp; Zisserman, 2015): layer for layer and name for name
 * ({@code block1_conv1} ... {@code block5_conv3}, {@code block5_pool}, {@code flatten}, {@code fc1}, {@code fc2},
 * {@code predictions}); 138,357,544 parameters with the top, 14,714,688 without. Input: images {@code (batch, 224, 224, 3)} (any size of at least 32×32 without
 * the top) preprocessed by {@link #preprocessInput} (caffe: BGR, ImageNet mean subtracted); output: the 1000 class
 * probabilities {@code (batch, 1000)}, or the last block's features {@code (batch, h/32, w/32, 512)} (pooled to
 * {@code (batch, 512)} with {@code pooling}).
 *
 * <p>Weights {@code "imagenet"} are Keras's own file ({@code vgg16_weights_tf_dim_ordering_tf_kernels.h5} or
 * {@code ..._notop.h5}, see {@code models/applications.json}), taken from {@code ~/.keras/models} or downloaded.
 *
 * <pre>{@code
 * jshell> Model model = VGG16.create("imagenet", true);
 * jshell> INDArray x = VGG16.preprocessInput(ImageUtils.imgToArray(ImageUtils.loadImg("cat.jpg", new int[]{224, 224})).reshape(1, 224, 224, 3));
 * jshell> VGG16.decodePredictions(model.predict(x), 3)
 * jshell> Model base = VGG16.create(new ApplicationOptions().weights(null).includeTop(false).inputShape(32, 32, 3));
 * }</pre>
 */
public final class VGG16 {
    private VGG16() {
    }

    /** VGG16 with Keras's defaults but for {@code weights} ({@code "imagenet"}, {@code null}, a path) and {@code includeTop}. */
    public static Model create(String weights, boolean includeTop) throws IOException {
        return create(ApplicationOptions.weights(weights, includeTop));
    }

    /** VGG16 with all of Keras's arguments (see {@link ApplicationOptions}). */
    public static Model create(ApplicationOptions options) throws IOException {
        return Vgg.build(options, new int[]{2, 2, 3, 3, 3}, "vgg16");
    }

    /** {@code keras.applications.vgg16.preprocess_input}: RGB to BGR, ImageNet's mean pixel subtracted, no scaling. */
    public static INDArray preprocessInput(INDArray x) {
        return ImagenetUtils.preprocessInput(x, "caffe");
    }

    /** {@code keras.applications.vgg16.decode_predictions}: the {@code top} ImageNet classes of each row, best first. */
    public static List<List<DecodedPrediction>> decodePredictions(INDArray preds, int top) {
        return ImagenetUtils.decodePredictions(preds, top);
    }
}
