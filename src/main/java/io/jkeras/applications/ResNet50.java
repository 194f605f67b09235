package io.jkeras.applications;

import io.jkeras.KerasTensor;
import io.jkeras.layers.Activation;
import io.jkeras.layers.Add;
import io.jkeras.layers.BatchNormalization;
import io.jkeras.layers.Conv2D;
import io.jkeras.layers.Dense;
import io.jkeras.layers.GlobalAveragePooling2D;
import io.jkeras.layers.GlobalMaxPooling2D;
import io.jkeras.layers.Layer;
import io.jkeras.layers.MaxPooling2D;
import io.jkeras.layers.ZeroPadding2D;
import io.jkeras.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.util.List;

/**
 * ResNet50, as {@code keras.applications.ResNet50} (He et al., 2015), layer for layer and name for name:
 * {@code conv1_pad}, {@code conv1_conv}, {@code conv1_bn}, {@code conv1_relu}, {@code pool1_pad},
 * {@code pool1_pool}, then the bottleneck blocks {@code conv2_block1_0_conv} ... {@code conv5_block3_out}, and
 * {@code avg_pool} + {@code predictions}; 25,636,712 parameters with the top (23,587,712 without). Input: images
 * {@code (batch, 224, 224, 3)} preprocessed by {@link #preprocessInput} (caffe mode, as VGG); output
 * {@code (batch, 1000)} probabilities, or the features {@code (batch, h/32, w/32, 2048)}.
 *
 * <pre>{@code
 * jshell> Model model = ResNet50.create("imagenet", true);
 * jshell> Model feats = ResNet50.create(new ApplicationOptions().weights(null).includeTop(false).pooling("avg").inputShape(64, 64, 3));
 * }</pre>
 */
public final class ResNet50 {
    private static final double BN_EPSILON = 1.001e-5;

    private ResNet50() {
    }

    /** ResNet50 with Keras's defaults but for {@code weights} and {@code includeTop}. */
    public static Model create(String weights, boolean includeTop) throws IOException {
        return create(ApplicationOptions.weights(weights, includeTop));
    }

    /** ResNet50 with all of Keras's arguments (see {@link ApplicationOptions}). */
    public static Model create(ApplicationOptions o) throws IOException {
        ImagenetUtils.checkWeights(o.weights);
        ImagenetUtils.checkClasses(o.weights, o.includeTop, o.classes);
        Integer[] shape = o.inputTensor != null && o.inputShape == null
                ? o.inputTensor.shape().dropBatch().dims().toArray(new Integer[0])
                : ImagenetUtils.obtainInputShape(o.inputShape, 224, 32, o.includeTop, o.weights);
        KerasTensor img = Builds.imageInput(o, shape);
        KerasTensor x = new ZeroPadding2D(new int[][]{{3, 3}, {3, 3}}).name("conv1_pad").apply(img);
        x = new Conv2D(64, 7, 7).strides(2, 2).useBias(true).name("conv1_conv").apply(x);
        x = bn("conv1_bn").apply(x);
        x = new Activation("relu").name("conv1_relu").apply(x);
        x = new ZeroPadding2D(new int[][]{{1, 1}, {1, 1}}).name("pool1_pad").apply(x);
        x = new MaxPooling2D(3, 3).strides(2, 2).name("pool1_pool").apply(x);
        x = stack(x, 64, 3, 1, "conv2");
        x = stack(x, 128, 4, 2, "conv3");
        x = stack(x, 256, 6, 2, "conv4");
        x = stack(x, 512, 3, 2, "conv5");
        if (o.includeTop) {
            x = new GlobalAveragePooling2D().name("avg_pool").apply(x);
            ImagenetUtils.validateActivation(o.classifierActivation, o.weights);
            Dense predictions = new Dense(o.classes).name("predictions");
            if (o.classifierActivation != null) predictions.activation(o.classifierActivation);
            x = predictions.apply(x);
        } else if ("avg".equals(o.pooling)) {
            x = new GlobalAveragePooling2D().name("avg_pool").apply(x);
        } else if ("max".equals(o.pooling)) {
            x = new GlobalMaxPooling2D().name("max_pool").apply(x);
        }
        Model model = Builds.model(img, x, o.name != null ? o.name : "resnet50");
        Builds.loadWeights(model, o.weights, "imagenet".equals(o.weights) ? Manifest.weights("resnet50", o.includeTop, 0, 0) : null);
        return model;
    }

    /** Keras's {@code stack_residual_blocks_v1}: a block with a projection shortcut, then identity blocks. */
    private static KerasTensor stack(KerasTensor x, int filters, int blocks, int stride1, String name) {
        x = block(x, filters, stride1, true, name + "_block1");
        for (int i = 2; i <= blocks; i++) x = block(x, filters, 1, false, name + "_block" + i);
        return x;
    }

    /** Keras's {@code residual_block_v1}: 1×1, 3×3, 1×1 (×4 filters) convolutions with batch norm, plus the shortcut. */
    private static KerasTensor block(KerasTensor x, int filters, int stride, boolean convShortcut, String name) {
        KerasTensor shortcut = x;
        if (convShortcut) {
            shortcut = new Conv2D(4 * filters, 1, 1).strides(stride, stride).name(name + "_0_conv").apply(x);
            shortcut = bn(name + "_0_bn").apply(shortcut);
        }
        x = new Conv2D(filters, 1, 1).strides(stride, stride).name(name + "_1_conv").apply(x);
        x = bn(name + "_1_bn").apply(x);
        x = new Activation("relu").name(name + "_1_relu").apply(x);
        x = new Conv2D(filters, 3, 3).padding("same").name(name + "_2_conv").apply(x);
        x = bn(name + "_2_bn").apply(x);
        x = new Activation("relu").name(name + "_2_relu").apply(x);
        x = new Conv2D(4 * filters, 1, 1).name(name + "_3_conv").apply(x);
        x = bn(name + "_3_bn").apply(x);
        x = new Add().name(name + "_add").apply(List.of(shortcut, x));
        return new Activation("relu").name(name + "_out").apply(x);
    }

    private static Layer bn(String name) {
        return new BatchNormalization().axis(3).epsilon(BN_EPSILON).name(name);
    }

    /** {@code keras.applications.resnet50.preprocess_input}: caffe mode (BGR, ImageNet mean subtracted). */
    public static INDArray preprocessInput(INDArray x) {
        return ImagenetUtils.preprocessInput(x, "caffe");
    }

    /** {@code keras.applications.resnet50.decode_predictions}. */
    public static List<List<DecodedPrediction>> decodePredictions(INDArray preds, int top) {
        return ImagenetUtils.decodePredictions(preds, top);
    }
}
