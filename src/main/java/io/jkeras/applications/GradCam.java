package io.jkeras.applications;

import io.jkeras.KerasTensor;
import io.jkeras.layers.Layer;
import io.jkeras.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.util.List;

/**
 * Grad-CAM (Selvaraju et al., 2017), as Keras's Grad-CAM example computes it: the gradient of the class score
 * with respect to a convolutional layer's output {@code A} (shape {@code (1, h, w, k)}), averaged over the
 * positions into one weight per channel, {@code heatmap = relu(sum_k weight_k · A[..., k])}, divided by its
 * maximum. The score is pre-softmax when the model ends in a softmax (Keras's example removes the softmax).
 * The activations and gradients come from one recorded forward pass and the engine's backward pass.
 *
 * <pre>{@code
 * jshell> INDArray cam = GradCam.heatmap(model, x, 281, "block5_conv3");    // (14, 14) in [0, 1]
 * jshell> Heatmaps.save("cam.png", image, cam, 0.4);
 * }</pre>
 */
public final class GradCam {
    private GradCam() {
    }

    /**
     * The Grad-CAM heat map of {@code classIndex} on layer {@code layerName}: a {@code (h, w)} array in [0, 1] at
     * that layer's resolution (all zeros when no position counts for the class).
     *
     * @param image one preprocessed image, {@code (H, W, C)} or {@code (1, H, W, C)}
     * @param layerName a layer of {@code model} itself (for a nested base, call it on that base)
     */
    public static INDArray heatmap(Model model, INDArray image, int classIndex, String layerName) {
        Layer layer = model.getLayer(layerName);
        KerasTensor t = layer.output();
        if (t.shape().rank() != 4) {
            throw new IllegalArgumentException("Grad-CAM needs a convolutional layer with a (batch, h, w, channels) output; layer \""
                    + layerName + "\" outputs " + t.shape());
        }
        ClassScores.Result r = ClassScores.gradients(model, image, classIndex, List.of(t), true);
        INDArray a = r.tape().value(t);
        INDArray g = r.grads().get(0);
        long h = a.size(1);
        long w = a.size(2);
        long k = a.size(3);
        INDArray weights = g.reshape('c', new long[]{h * w, k}).mean(0).reshape('c', new long[]{k, 1});
        INDArray cam = a.reshape('c', new long[]{h * w, k}).mmul(weights).reshape('c', new long[]{h, w});
        Transforms.relu(cam, false);
        double max = cam.maxNumber().doubleValue();
        return max > 0 ? cam.divi(max) : cam;
    }

    /** Computes the heat map and saves it over {@code image} ({@code (H, W, 3)}, 0–255) as Keras's example does (alpha 0.4). */
    public static INDArray save(String path, Model model, INDArray preprocessed, INDArray image, int classIndex, String layerName)
            throws IOException {
        INDArray cam = heatmap(model, preprocessed, classIndex, layerName);
        Heatmaps.save(path, image, cam, 0.4);
        return cam;
    }
}
