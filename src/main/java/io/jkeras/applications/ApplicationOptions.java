package io.jkeras.applications;

import io.jkeras.KerasTensor;

import java.util.Arrays;

/**
 * The arguments every {@code keras.applications} constructor takes, with Keras's defaults: {@code weights}
 * ({@code "imagenet"}, {@code null} for random initialization, or the path of a weights file), {@code includeTop}
 * (true), {@code inputTensor}, {@code inputShape} (per sample, channels last; {@code null} entries unknown),
 * {@code pooling} ({@code null}, {@code "avg"}, {@code "max"}; only without the top), {@code classes} (1000),
 * {@code classifierActivation} ({@code "softmax"}; {@code null} for logits), {@code name}, and MobileNetV2's
 * {@code alpha}.
 *
 * <pre>{@code
 * jshell> Model base = VGG16.create(new ApplicationOptions().weights(null).includeTop(false).inputShape(32, 32, 3));
 * jshell> Model feats = VGG16.create(ApplicationOptions.weightsOf("imagenet").includeTop(false).pooling("avg"));
 * }</pre>
 */
public final class ApplicationOptions {
    String weights = "imagenet";
    boolean includeTop = true;
    KerasTensor inputTensor;
    Integer[] inputShape;
    String pooling;
    int classes = 1000;
    String classifierActivation = "softmax";
    String name;
    double alpha = 1.0;

    /** Keras's defaults: ImageNet weights, with the top, 1000 classes, softmax. */
    public ApplicationOptions() {
    }

    /** Options starting from {@code weights} ({@code "imagenet"}, {@code null}, or a path). */
    public static ApplicationOptions weights(String weights, boolean includeTop) {
        return new ApplicationOptions().weights(weights).includeTop(includeTop);
    }

    /** Options starting from {@code weights}, with the top. */
    public static ApplicationOptions weightsOf(String weights) {
        return new ApplicationOptions().weights(weights);
    }

    /** {@code "imagenet"}, {@code null} (random initialization), or the path of a weights file. */
    public ApplicationOptions weights(String w) {
        this.weights = w;
        return this;
    }

    /** Whether to include the classifier (the fully connected layers of the top). */
    public ApplicationOptions includeTop(boolean b) {
        this.includeTop = b;
        return this;
    }

    /** A Keras tensor (the output of {@code Input} or of other layers) to use as the image input. */
    public ApplicationOptions inputTensor(KerasTensor t) {
        this.inputTensor = t;
        return this;
    }

    /** The shape of one image, channels last, e.g. {@code (224, 224, 3)}; {@code null} for an unknown size. */
    public ApplicationOptions inputShape(Integer... dims) {
        this.inputShape = dims == null ? null : dims.clone();
        return this;
    }

    /** Pooling after the last convolutional block when there is no top: {@code null}, {@code "avg"} or {@code "max"}. */
    public ApplicationOptions pooling(String p) {
        if (p != null && !p.equals("avg") && !p.equals("max")) {
            throw new IllegalArgumentException("pooling must be None, 'avg' or 'max'. Received: pooling=" + p);
        }
        this.pooling = p;
        return this;
    }

    /** The number of classes of the top (only without ImageNet weights, or without the top). */
    public ApplicationOptions classes(int n) {
        this.classes = n;
        return this;
    }

    /** The activation of the top's last layer; {@code null} returns its logits. */
    public ApplicationOptions classifierActivation(String a) {
        this.classifierActivation = a;
        return this;
    }

    /** The model's name (Keras's default: {@code "vgg16"}, {@code "resnet50"}, ...). */
    public ApplicationOptions name(String n) {
        this.name = n;
        return this;
    }

    /** MobileNetV2's width multiplier. */
    public ApplicationOptions alpha(double a) {
        this.alpha = a;
        return this;
    }

    @Override
    public String toString() {
        return "ApplicationOptions(weights=" + weights + ", includeTop=" + includeTop + ", inputShape="
                + (inputShape == null ? null : Arrays.toString(inputShape)) + ", pooling=" + pooling + ", classes=" + classes
                + ", classifierActivation=" + classifierActivation + ")";
    }
}
