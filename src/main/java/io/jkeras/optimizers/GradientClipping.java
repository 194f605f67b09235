package io.jkeras.optimizers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/**
 * Keras 3's three gradient clippings ({@code BaseOptimizer._clip_gradients}), applied in place to
 * the gradient arrays: the gradients are consumed by the optimizer step, so no copy is made.
 */
final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Each gradient scaled to an L2 norm of at most {@code clipnorm}: {@code g * c / max(||g||, c)}.
     * A zero gradient stays zero (Keras guards the norm the same way).
     */
    static void byNorm(List<INDArray> grads, double clipnorm) {
        for (INDArray g : grads) {
            double norm = g.norm2Number().doubleValue();
            g.muli(clipnorm / Math.max(norm, clipnorm));
        }
    }

    /**
     * All gradients scaled together so that their joint L2 norm is at most {@code clipnorm}:
     * {@code scale = c * min(1 / norm, 1 / c)}; a non-finite norm makes the scale NaN, as in Keras,
     * so that a diverged step is visible instead of silently clipped.
     */
    static void byGlobalNorm(List<INDArray> grads, double clipnorm) {
        double squared = 0;
        for (INDArray g : grads) {
            double n = g.norm2Number().doubleValue();
            squared += n * n;
        }
        double norm = Math.sqrt(squared);
        double scale = clipnorm * Math.min(1.0 / norm, 1.0 / clipnorm) + (norm - norm);
        if (scale == 1.0) return;
        for (INDArray g : grads) g.muli(scale);
    }

    /** Every element clipped into {@code [-clipvalue, clipvalue]}. */
    static void byValue(List<INDArray> grads, double clipvalue) {
        for (INDArray g : grads) {
            Transforms.max(g, -clipvalue, false);
            Transforms.min(g, clipvalue, false);
        }
    }
}
