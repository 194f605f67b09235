package io.jkeras.losses;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Cosine similarity loss, {@code keras.losses.CosineSimilarity}: per sample
 * {@code -sum(l2_normalize(y_true) * l2_normalize(y_pred), axis)}, a number in [-1, 1] where -1 means
 * the vectors point the same way (so minimising it maximises similarity). Normalisation is Keras's
 * {@code x / maximum(||x||, 1e-7)}, so a zero vector gives 0. Keras names: {@code "CosineSimilarity"},
 * {@code "cosine_similarity"}.
 *
 * <p>Parameter: {@code axis} (default -1), the feature axis. Gradient, with {@code t^}, {@code p^} the
 * normalised vectors and {@code n = ||y_pred||}: {@code -(t^ - (t^ . p^) p^) / n}, or {@code -t^ / 1e-7}
 * where n is below 1e-7. The config also writes {@code axis}, which Keras 3.3's {@code get_config}
 * leaves out.
 *
 * <pre>{@code
 * jshell> new CosineSimilarity().reduction("none").compute(
 *    ...>     Nd4j.createFromArray(new float[][]{{0, 1}, {1, 1}, {1, 1}}),
 *    ...>     Nd4j.createFromArray(new float[][]{{1, 0}, {1, 1}, {-1, -1}})).values()
 * $1 ==> [0, -1.0000, 1.0000]
 * }</pre>
 */
public class CosineSimilarity extends Loss {
    private int axis = -1;

    /** A loss named {@code "cosine_similarity"} over the last axis. */
    public CosineSimilarity() {
        super("cosine_similarity");
    }

    /** The feature axis. */
    public int axis() {
        return axis;
    }

    /** Sets the feature axis (negative counts from the end); returns this loss. */
    public CosineSimilarity axis(int axis) {
        this.axis = axis;
        return this;
    }

    @Override
    protected PerSample perSample(INDArray yTrue, INDArray yPred) {
        INDArray[] tp = sameShape(yTrue, yPred);
        INDArray t = tp[0], p = tp[1];
        long[] shape = p.shape();
        int ax = LossOps.axis(axis, shape, name());
        INDArray tHat = t.div(norm(t, ax));
        INDArray pNorm = Transforms.sqrt(p.mul(p).sum(true, ax), false);
        INDArray pDen = LossOps.clip(pNorm, LossOps.EPS, Double.POSITIVE_INFINITY);
        INDArray pHat = p.div(pDen);
        INDArray dot = tHat.mul(pHat).sum(true, ax);
        INDArray values = dot.neg().reshape(LossOps.without(shape, ax));
        return new PerSample(values, null, g -> {
            // Above the floor, d(p / ||p||)/dp projects out p^; below it, p / eps is linear in p.
            INDArray radial = pNorm.gt(LossOps.EPS).castTo(p.dataType()).muli(dot);
            INDArray d = tHat.sub(pHat.mul(radial)).divi(pDen).negi();
            return d.muli(LossOps.expand(g, shape, ax));
        });
    }

    /** {@code maximum(||x||, eps)} along the axis, kept as a broadcastable dimension. */
    private static INDArray norm(INDArray x, int ax) {
        INDArray n = Transforms.sqrt(x.mul(x).sum(true, ax), false);
        return LossOps.clip(n, LossOps.EPS, Double.POSITIVE_INFINITY);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        return c;
    }

    @Override
    public CosineSimilarity name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public CosineSimilarity reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** From a Keras config ({@code name}, {@code reduction}, optional {@code axis}). */
    public static CosineSimilarity fromConfig(Config c) {
        return Losses.base(new CosineSimilarity(), c).axis(c.getInt("axis", -1));
    }
}
