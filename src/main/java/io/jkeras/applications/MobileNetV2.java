package io.jkeras.applications;

import io.jkeras.KerasTensor;
import io.jkeras.layers.Add;
import io.jkeras.layers.BatchNormalization;
import io.jkeras.layers.Conv2D;
import io.jkeras.layers.Dense;
import io.jkeras.layers.DepthwiseConv2D;
import io.jkeras.layers.GlobalAveragePooling2D;
import io.jkeras.layers.GlobalMaxPooling2D;
import io.jkeras.layers.Layer;
import io.jkeras.layers.ReLU;
import io.jkeras.layers.ZeroPadding2D;
import io.jkeras.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * MobileNetV2, as {@code keras.applications.MobileNetV2} (Sandler et al., 2018), layer for layer and name for name:
 * {@code Conv1}, {@code bn_Conv1}, {@code Conv1_relu}, the inverted residual blocks {@code expanded_conv_*} and
 * {@code block_1_expand} ... {@code block_16_project_BN} (with {@code block_N_pad} before stride-2 depthwise
 * convolutions and {@code block_N_add} on the residual ones), {@code Conv_1}, {@code Conv_1_bn}, {@code out_relu},
 * and a global average pooling + {@code predictions}; 3,538,984 parameters for alpha 1.0 at 224 with the top.
 * Input: images preprocessed by {@link #preprocessInput} (scaled to [-1, 1]); output {@code (batch, 1000)}.
 * The model is named {@code mobilenetv2_<alpha>_<rows>}, e.g. {@code mobilenetv2_1.00_224}.
 *
 * <pre>{@code
 * jshell> Model m = MobileNetV2.create(new ApplicationOptions().weights(null).alpha(0.35).inputShape(96, 96, 3));
 * }</pre>
 */
public final class MobileNetV2 {
    private static final int[] SIZES_WITH_WEIGHTS = {96, 128, 160, 192, 224};
    private static final double[] ALPHAS_WITH_WEIGHTS = {0.35, 0.50, 0.75, 1.0, 1.3, 1.4};

    private MobileNetV2() {
    }

    /** MobileNetV2 with Keras's defaults but for {@code weights} and {@code includeTop}. */
    public static Model create(String weights, boolean includeTop) throws IOException {
        return create(ApplicationOptions.weights(weights, includeTop));
    }

    /** MobileNetV2 with all of Keras's arguments, {@code alpha} included (see {@link ApplicationOptions}). */
    public static Model create(ApplicationOptions o) throws IOException {
        ImagenetUtils.checkWeights(o.weights);
        if ("imagenet".equals(o.weights) && o.includeTop && o.classes != 1000) {
            throw new IllegalArgumentException("If using `weights=\"imagenet\"` with `include_top` as true, `classes` should be 1000. "
                    + "Received `classes=" + o.classes + "`");
        }
        Integer[] given = o.inputShape;
        if (given == null && o.inputTensor != null) given = o.inputTensor.shape().dropBatch().dims().toArray(new Integer[0]);
        int defaultSize = 224;
        if (given != null && given.length == 3 && given[0] != null && given[0].equals(given[1]) && isSizeWithWeights(given[0])) {
            defaultSize = given[0];
        }
        Integer[] shape = ImagenetUtils.obtainInputShape(o.inputTensor != null ? given : o.inputShape, defaultSize, 32, o.includeTop, o.weights);
        Integer rows = shape[0];
        Integer cols = shape[1];
        if ("imagenet".equals(o.weights)) {
            boolean known = false;
            for (double a : ALPHAS_WITH_WEIGHTS) known |= a == o.alpha;
            if (!known) {
                throw new IllegalArgumentException("If imagenet weights are being loaded, alpha must be one of `0.35`, `0.50`, `0.75`, "
                        + "`1.0`, `1.3` or `1.4` only; Received `alpha=" + o.alpha + "`");
            }
            if (rows == null || !rows.equals(cols) || !isSizeWithWeights(rows)) {
                System.err.println("WARNING: `input_shape` is undefined or non-square, or `rows` is not in [96, 128, 160, 192, 224]. "
                        + "Weights for input shape (224, 224) will be loaded as the default.");
                rows = 224;
            }
        }
        KerasTensor img = Builds.imageInput(o, shape);
        double alpha = o.alpha;
        KerasTensor x = new Conv2D(makeDivisible(32 * alpha, 8), 3, 3).strides(2, 2).padding("same").useBias(false).name("Conv1").apply(img);
        x = bn("bn_Conv1").apply(x);
        x = relu6("Conv1_relu").apply(x);
        int[][] blocks = {  // filters, stride, expansion, as in Keras's list of _inverted_res_block calls
                {16, 1, 1}, {24, 2, 6}, {24, 1, 6}, {32, 2, 6}, {32, 1, 6}, {32, 1, 6}, {64, 2, 6}, {64, 1, 6}, {64, 1, 6},
                {64, 1, 6}, {96, 1, 6}, {96, 1, 6}, {96, 1, 6}, {160, 2, 6}, {160, 1, 6}, {160, 1, 6}, {320, 1, 6}};
        for (int id = 0; id < blocks.length; id++) x = invertedResBlock(x, blocks[id][2], blocks[id][1], alpha, blocks[id][0], id);
        // No alpha on the last convolution unless it widens the network (the paper's rule).
        int lastFilters = alpha > 1.0 ? makeDivisible(1280 * alpha, 8) : 1280;
        x = new Conv2D(lastFilters, 1, 1).useBias(false).name("Conv_1").apply(x);
        x = bn("Conv_1_bn").apply(x);
        x = relu6("out_relu").apply(x);
        if (o.includeTop) {
            x = new GlobalAveragePooling2D().apply(x);
            ImagenetUtils.validateActivation(o.classifierActivation, o.weights);
            Dense predictions = new Dense(o.classes).name("predictions");
            if (o.classifierActivation != null) predictions.activation(o.classifierActivation);
            x = predictions.apply(x);
        } else if ("avg".equals(o.pooling)) {
            x = new GlobalAveragePooling2D().apply(x);
        } else if ("max".equals(o.pooling)) {
            x = new GlobalMaxPooling2D().apply(x);
        }
        String name = o.name != null ? o.name
                : String.format(Locale.ROOT, "mobilenetv2_%.2f_%s", alpha, rows == null ? "None" : rows.toString());
        Model model = Builds.model(img, x, name);
        Builds.loadWeights(model, o.weights, "imagenet".equals(o.weights)
                ? Manifest.weights("mobilenet_v2", o.includeTop, alpha, rows) : null);
        return model;
    }

    /** Keras's {@code _inverted_res_block}: 1×1 expansion, 3×3 depthwise, 1×1 linear projection, residual when shapes allow. */
    private static KerasTensor invertedResBlock(KerasTensor inputs, int expansion, int stride, double alpha, int filters, int blockId) {
        int inChannels = inputs.shape().get(3);
        int pointwiseFilters = makeDivisible((int) (filters * alpha), 8);
        KerasTensor x = inputs;
        String prefix = "block_" + blockId + "_";
        if (blockId != 0) {
            x = new Conv2D(expansion * inChannels, 1, 1).padding("same").useBias(false).name(prefix + "expand").apply(x);
            x = bn(prefix + "expand_BN").apply(x);
            x = relu6(prefix + "expand_relu").apply(x);
        } else {
            prefix = "expanded_conv_";
        }
        if (stride == 2) {
            int[][] pad = ImagenetUtils.correctPad(x.shape().get(1), x.shape().get(2), 3);
            x = new ZeroPadding2D(pad).name(prefix + "pad").apply(x);
        }
        DepthwiseConv2D dw = new DepthwiseConv2D(3);
        dw.strides(stride, stride);
        dw.useBias(false);
        dw.padding(stride == 1 ? "same" : "valid");
        dw.name(prefix + "depthwise");
        x = dw.apply(x);
        x = bn(prefix + "depthwise_BN").apply(x);
        x = relu6(prefix + "depthwise_relu").apply(x);
        x = new Conv2D(pointwiseFilters, 1, 1).padding("same").useBias(false).name(prefix + "project").apply(x);
        x = bn(prefix + "project_BN").apply(x);
        if (inChannels == pointwiseFilters && stride == 1) return new Add().name(prefix + "add").apply(List.of(inputs, x));
        return x;
    }

    /** Keras's {@code _make_divisible}: the nearest multiple of {@code divisor}, never 10% below {@code v}. */
    static int makeDivisible(double v, int divisor) {
        int newV = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
        if (newV < 0.9 * v) newV += divisor;
        return newV;
    }

    private static boolean isSizeWithWeights(int size) {
        for (int s : SIZES_WITH_WEIGHTS) if (s == size) return true;
        return false;
    }

    private static Layer bn(String name) {
        return new BatchNormalization().axis(-1).epsilon(1e-3).momentum(0.999).name(name);
    }

    private static Layer relu6(String name) {
        return new ReLU().maxValue(6.0).name(name);
    }

    /** {@code keras.applications.mobilenet_v2.preprocess_input}: pixels scaled to [-1, 1] ({@code x / 127.5 - 1}). */
    public static INDArray preprocessInput(INDArray x) {
        return ImagenetUtils.preprocessInput(x, "tf");
    }

    /** {@code keras.applications.mobilenet_v2.decode_predictions}. */
    public static List<List<DecodedPrediction>> decodePredictions(INDArray preds, int top) {
        return ImagenetUtils.decodePredictions(preds, top);
    }
}
