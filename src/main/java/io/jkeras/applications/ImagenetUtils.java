package io.jkeras.applications;

import io.jkeras.saving.Json;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code keras.applications.imagenet_utils}: the input preprocessing of each application ({@code "caffe"}: RGB to
 * BGR and ImageNet's mean pixel subtracted, for VGG and ResNet; {@code "tf"}: scaled to [-1, 1], for MobileNetV2;
 * {@code "torch"}: scaled to [0, 1] and normalized per channel) and {@link #decodePredictions} with ImageNet's
 * 1,000 classes. Images are channels last, {@code (height, width, 3)} or {@code (batch, height, width, 3)}, with
 * values in [0, 255].
 *
 * <pre>{@code
 * jshell> INDArray x = ImagenetUtils.preprocessInput(batch, "caffe");
 * jshell> ImagenetUtils.decodePredictions(model.predict(x), 3).get(0)
 * $2 ==> [DecodedPrediction[classId=n02123045, label=tabby, score=0.61], ...]
 * }</pre>
 */
public final class ImagenetUtils {
    /** ImageNet's mean pixel in BGR order, what caffe mode subtracts. */
    static final double[] CAFFE_MEAN_BGR = {103.939, 116.779, 123.68};
    static final double[] TORCH_MEAN = {0.485, 0.456, 0.406};
    static final double[] TORCH_STD = {0.229, 0.224, 0.225};
    private static Map<String, Object> classIndex;

    private ImagenetUtils() {
    }

    /**
     * Preprocesses images for a pretrained model; returns a new float array (the input is left alone).
     *
     * @param x images, channels last, values in [0, 255]
     * @param mode {@code "caffe"}, {@code "tf"} or {@code "torch"}
     */
    public static INDArray preprocessInput(INDArray x, String mode) {
        if (!"caffe".equals(mode) && !"tf".equals(mode) && !"torch".equals(mode)) {
            throw new IllegalArgumentException("Expected mode to be one of `caffe`, `tf` or `torch`. Received: mode=" + mode);
        }
        DataType t = x.dataType().isFPType() ? x.dataType() : DataType.FLOAT;
        if (mode.equals("tf")) return x.castTo(t).div(127.5).subi(1.0);
        long channels = x.size(x.rank() - 1);
        if (channels != 3) {
            throw new IllegalArgumentException("preprocessInput(mode=" + mode + ") expects images with 3 channels (RGB, channels "
                    + "last); received an array of shape " + Arrays.toString(x.shape()));
        }
        // One row per pixel: the channel operations become column and row-vector ops over the whole batch.
        INDArray pixels = x.castTo(t).reshape('c', new long[]{-1, 3});
        INDArray out = Nd4j.createUninitialized(t, pixels.shape());
        if (mode.equals("caffe")) {
            for (int c = 0; c < 3; c++) out.getColumn(c).assign(pixels.getColumn(2 - c)).subi(CAFFE_MEAN_BGR[c]);
        } else {
            out.assign(pixels).divi(255.0);
            out.subiRowVector(Nd4j.createFromArray(TORCH_MEAN).castTo(t));
            out.diviRowVector(Nd4j.createFromArray(TORCH_STD).castTo(t));
        }
        return out.reshape('c', x.shape());
    }

    /**
     * The {@code top} most likely ImageNet classes of each row of {@code preds} (shape {@code (samples, 1000)}),
     * best first: ({@code classId}, {@code label}, {@code score}) as Keras's tuples.
     */
    public static List<List<DecodedPrediction>> decodePredictions(INDArray preds, int top) {
        if (preds.rank() != 2 || preds.size(1) != 1000) {
            throw new IllegalArgumentException("`decode_predictions` expects a batch of predictions (i.e. a 2D array of shape "
                    + "(samples, 1000)). Received array with shape: " + io.jkeras.Shape.ofArray(preds.shape()));
        }
        Map<String, Object> index = classIndex();
        List<List<DecodedPrediction>> results = new ArrayList<>();
        for (int r = 0; r < preds.size(0); r++) {
            float[] p = preds.getRow(r).toFloatVector();
            Integer[] order = new Integer[p.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> p[i]).reversed());
            List<DecodedPrediction> row = new ArrayList<>();
            for (int k = 0; k < Math.min(top, p.length); k++) {
                List<?> entry = (List<?>) index.get(Integer.toString(order[k]));
                row.add(new DecodedPrediction((String) entry.get(0), (String) entry.get(1), p[order[k]]));
            }
            results.add(row);
        }
        return results;
    }

    /**
     * ImageNet's class index, {@code {"0": ["n01440764", "tench"], ...}}: the copy shipped in {@code models/}
     * (byte for byte Keras's file), else Keras's cached {@code ~/.keras/models/imagenet_class_index.json}.
     */
    public static synchronized Map<String, Object> classIndex() {
        if (classIndex == null) {
            Map<String, Object> entry = Manifest.classIndex("imagenet");
            String text;
            try {
                text = Manifest.readText((String) entry.get("bundled"));
            } catch (IOException bundledMissing) {
                Path cached = io.jkeras.utils.FileUtils.kerasHome().resolve("models").resolve((String) entry.get("file"));
                try {
                    text = Files.readString(cached);
                } catch (IOException e) {
                    throw new IllegalStateException("The ImageNet class index was found neither in models/ (" + bundledMissing.getMessage()
                            + ") nor in Keras's cache at " + cached + ". Put Keras's imagenet_class_index.json (" + entry.get("origin")
                            + ") there.", e);
                }
            }
            classIndex = Json.read(text);
        }
        return classIndex;
    }

    // ------------------------------------------------------------------ argument checks, as Keras's

    /** Keras's check of the {@code weights} argument: {@code "imagenet"}, {@code null}, or an existing file. */
    static void checkWeights(String weights) {
        if (!(weights == null || weights.equals("imagenet") || Files.exists(Path.of(weights)))) {
            throw new IllegalArgumentException("The `weights` argument should be either `None` (random initialization), 'imagenet' "
                    + "(pre-training on ImageNet), or the path to the weights file to be loaded.  Received: weights=" + weights);
        }
    }

    /** Keras's check that the ImageNet top has 1000 classes. */
    static void checkClasses(String weights, boolean includeTop, int classes) {
        if ("imagenet".equals(weights) && includeTop && classes != 1000) {
            throw new IllegalArgumentException("If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  "
                    + "Received classes=" + classes);
        }
    }

    /** Keras's {@code validate_activation}: with pretrained weights only softmax or no activation. */
    static void validateActivation(String activation, String weights) {
        if (weights == null) return;
        if (activation != null && !activation.equals("softmax") && !activation.equals("linear")) {
            throw new IllegalArgumentException("Only `None` and `softmax` activations are allowed for the `classifier_activation` "
                    + "argument when using pretrained weights, with `include_top=True`; Received: classifier_activation=" + activation);
        }
    }

    /**
     * Keras's {@code obtain_input_shape} (channels last): checks or defaults the per-image input shape.
     *
     * @param requireFlatten whether a Flatten/Dense top needs a fully known shape ({@code includeTop})
     * @return the shape, {@code null} entries unknown
     */
    static Integer[] obtainInputShape(Integer[] inputShape, int defaultSize, int minSize, boolean requireFlatten, String weights) {
        Integer[] defaultShape;
        if (!"imagenet".equals(weights) && inputShape != null && inputShape.length == 3) {
            defaultShape = new Integer[]{defaultSize, defaultSize, inputShape[2]};
        } else {
            defaultShape = new Integer[]{defaultSize, defaultSize, 3};
        }
        if ("imagenet".equals(weights) && requireFlatten) {
            if (inputShape != null && !Arrays.equals(inputShape, defaultShape)) {
                throw new IllegalArgumentException("When setting `include_top=True` and loading `imagenet` weights, `input_shape` "
                        + "should be " + tuple(defaultShape) + ".  Received: input_shape=" + tuple(inputShape));
            }
            return defaultShape;
        }
        if (inputShape != null && inputShape.length > 0) {
            if (inputShape.length != 3) throw new IllegalArgumentException("`input_shape` must be a tuple of three integers.");
            if ("imagenet".equals(weights) && !Integer.valueOf(3).equals(inputShape[2])) {
                throw new IllegalArgumentException("The input must have 3 channels; Received `input_shape=" + tuple(inputShape) + "`");
            }
            if ((inputShape[0] != null && inputShape[0] < minSize) || (inputShape[1] != null && inputShape[1] < minSize)) {
                throw new IllegalArgumentException("Input size must be at least " + minSize + "x" + minSize + "; Received: input_shape="
                        + tuple(inputShape));
            }
        } else {
            inputShape = requireFlatten ? defaultShape : new Integer[]{null, null, 3};
        }
        if (requireFlatten && Arrays.asList(inputShape).contains(null)) {
            throw new IllegalArgumentException("If `include_top` is True, you should specify a static `input_shape`. Received: input_shape="
                    + tuple(inputShape));
        }
        return inputShape;
    }

    /** Keras's {@code correct_pad}: the zero padding before a stride-2 "valid" convolution of this kernel size. */
    static int[][] correctPad(Integer rows, Integer cols, int kernelSize) {
        int adjustR = rows == null ? 1 : 1 - rows % 2;
        int adjustC = cols == null ? 1 : 1 - cols % 2;
        int correct = kernelSize / 2;
        return new int[][]{{correct - adjustR, correct}, {correct - adjustC, correct}};
    }

    /** A shape as Python prints a tuple: {@code (224, 224, 3)}, {@code (None, None, 3)}. */
    static String tuple(Integer[] dims) {
        return Arrays.stream(dims).map(d -> d == null ? "None" : d.toString()).collect(Collectors.joining(", ", "(", ")"));
    }
}
