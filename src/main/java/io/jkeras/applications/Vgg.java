package io.jkeras.applications;

import io.jkeras.KerasTensor;
import io.jkeras.layers.Conv2D;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Flatten;
import io.jkeras.layers.GlobalAveragePooling2D;
import io.jkeras.layers.GlobalMaxPooling2D;
import io.jkeras.layers.MaxPooling2D;
import io.jkeras.models.Model;

import java.io.IOException;

/**
 * VGG16 and VGG19, as {@code keras/src/applications/vgg16.py} and {@code vgg19.py} build them: five blocks of 3×3
 * "same" relu convolutions ({@code block1_conv1} ...) each ending in a 2×2 max pooling ({@code block1_pool} ...),
 * then {@code flatten}, {@code fc1}, {@code fc2} (4096 relu) and {@code predictions}, or a global pooling.
 */
final class Vgg {
    private Vgg() {
    }

    /**
     * @param convsPerBlock convolutions in blocks 1–5: {2, 2, 3, 3, 3} for VGG16, {2, 2, 4, 4, 4} for VGG19
     * @param defaultName {@code "vgg16"} or {@code "vgg19"}
     */
    static Model build(ApplicationOptions o, int[] convsPerBlock, String defaultName) throws IOException {
        ImagenetUtils.checkWeights(o.weights);
        ImagenetUtils.checkClasses(o.weights, o.includeTop, o.classes);
        Integer[] shape = o.inputTensor != null && o.inputShape == null
                ? o.inputTensor.shape().dropBatch().dims().toArray(new Integer[0])
                : ImagenetUtils.obtainInputShape(o.inputShape, 224, 32, o.includeTop, o.weights);
        if (o.inputTensor != null) ImagenetUtils.obtainInputShape(shape, 224, 32, o.includeTop, o.weights);
        KerasTensor img = Builds.imageInput(o, shape);
        int[] filters = {64, 128, 256, 512, 512};
        KerasTensor x = img;
        for (int b = 0; b < 5; b++) {
            for (int c = 1; c <= convsPerBlock[b]; c++) {
                x = new Conv2D(filters[b], 3, 3).activation("relu").padding("same").name("block" + (b + 1) + "_conv" + c).apply(x);
            }
            x = new MaxPooling2D(2, 2).strides(2, 2).name("block" + (b + 1) + "_pool").apply(x);
        }
        if (o.includeTop) {
            x = new Flatten().name("flatten").apply(x);
            x = new Dense(4096).activation("relu").name("fc1").apply(x);
            x = new Dense(4096).activation("relu").name("fc2").apply(x);
            ImagenetUtils.validateActivation(o.classifierActivation, o.weights);
            Dense predictions = new Dense(o.classes).name("predictions");
            if (o.classifierActivation != null) predictions.activation(o.classifierActivation);
            x = predictions.apply(x);
        } else if ("avg".equals(o.pooling)) {
            x = new GlobalAveragePooling2D().apply(x);
        } else if ("max".equals(o.pooling)) {
            x = new GlobalMaxPooling2D().apply(x);
        }
        Model model = Builds.model(img, x, o.name != null ? o.name : defaultName);
        Builds.loadWeights(model, o.weights, "imagenet".equals(o.weights) ? Manifest.weights(defaultName, o.includeTop, 0, 0) : null);
        return model;
    }
}
