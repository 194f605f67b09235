package io.jkeras.applications;

import io.jkeras.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.util.List;

/**
 * Vanilla saliency (Simonyan et al., 2014; the keras-vis {@code visualize_saliency} exercise): the gradient of a
 * class score with respect to the input image, computed by the engine's own backward pass. The score is the
 * class's pre-softmax logit when the model ends in a softmax (as keras-vis does by swapping the softmax for a
 * linear activation), else the output itself; {@link #vanilla(Model, INDArray, int, boolean)} chooses.
 *
 * <pre>{@code
 * jshell> INDArray g = Saliency.vanilla(model, x, 281);          // d score / d image, the image's shape
 * jshell> INDArray map = Saliency.map(g);                        // (h, w) in [0, 1]
 * jshell> Heatmaps.save("saliency.png", image, map, 0.5);
 * }</pre>
 */
public final class Saliency {
    private Saliency() {
    }

    /** d(score of {@code classIndex}) / d(image), pre-softmax when the output is a softmax; the shape of {@code image}. */
    public static INDArray vanilla(Model model, INDArray image, int classIndex) {
        return vanilla(model, image, classIndex, true);
    }

    /**
     * The gradient of the class score with respect to the image ({@code (h, w, c)} or {@code (1, h, w, c)}).
     *
     * @param preSoftmax differentiate the logit rather than the probability when the model ends in a softmax
     */
    public static INDArray vanilla(Model model, INDArray image, int classIndex, boolean preSoftmax) {
        ClassScores.Result r = ClassScores.gradients(model, image, classIndex, List.of(model.input()), preSoftmax);
        return r.grads().get(0).reshape('c', image.shape());
    }

    /**
     * keras-vis's saliency map: the largest absolute gradient over the channels, normalized to [0, 1]
     * ({@code (g - min) / (max - min)}); a {@code (h, w)} array.
     */
    public static INDArray map(INDArray gradients) {
        INDArray g = gradients.rank() == 4 ? gradients.reshape('c', new long[]{gradients.shape()[1], gradients.shape()[2], gradients.shape()[3]}) : gradients;
        INDArray m = Transforms.abs(g, true).max(2);
        double min = m.minNumber().doubleValue();
        double range = m.maxNumber().doubleValue() - min;
        return m.subi(min).divi(range + io.jkeras.Keras.EPSILON);
    }

    /** Computes the saliency map of {@code classIndex} and saves it as a heat map over {@code image} (values 0–255). */
    public static INDArray save(String path, Model model, INDArray preprocessed, INDArray image, int classIndex) throws IOException {
        INDArray m = map(vanilla(model, preprocessed, classIndex));
        Heatmaps.save(path, image, m, 0.5);
        return m;
    }
}
