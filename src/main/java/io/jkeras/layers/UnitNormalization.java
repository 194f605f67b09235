package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Scales each sample to unit L2 norm over {@code axis}: {@code x / sqrt(max(sum(x²), 1e-12))}, as
 * {@code keras.layers.UnitNormalization} (Keras 3 bounds the squared sum, not the norm).
 *
 * <p>No weights. Input: any shape; output: the same shape. {@code axis} is one axis or several
 * (negative from the end; default -1).
 *
 * <pre>{@code
 * jshell> new UnitNormalization().apply(Nd4j.createFromArray(new float[][]{{3, 4}}))
 * $1 ==> [[0.6000, 0.8000]]
 * }</pre>
 */
public class UnitNormalization extends Layer {
    /** The bound on the squared sum, Keras 3's constant. */
    private static final double MIN_SQUARE_SUM = 1e-12;
    private int[] axis = {-1};
    private boolean axisAsList;

    /** A layer normalizing over the last axis. */
    public UnitNormalization() {
    }

    /** The axis or axes to normalize across (default -1). */
    public UnitNormalization axis(int... a) {
        requireNotBuilt("axis");
        if (a.length == 0) throw new IllegalArgumentException("UnitNormalization needs at least one axis.");
        this.axis = a.clone();
        this.axisAsList = a.length > 1;
        return this;
    }

    @Override
    protected void build(Shape inputShape) {
        for (int a : axis) Normalizations.resolveAxis(a, inputShape.rank(), name(), inputShape);
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        int[] axes = new int[axis.length];
        for (int i = 0; i < axes.length; i++) axes[i] = axis[i] < 0 ? input.rank() + axis[i] : axis[i];
        INDArray squareSum = input.mul(input).sum(true, axes);
        // Where the bound applies the scale is a constant, so the squared sum carries no gradient there.
        INDArray active = squareSum.gt(MIN_SQUARE_SUM).castTo(input.dataType());
        INDArray inv = Nd4j.math().rsqrt(Transforms.max(squareSum, MIN_SQUARE_SUM, false));
        INDArray out = input.mul(inv);
        return Forward.of(out, dy -> {
            // d/dx of x*inv(x) = inv * (dy - y * sum(dy * y)) where the squared sum is not bounded.
            INDArray along = dy.mul(out).sum(true, axes).muli(active);
            return dy.sub(out.mul(along)).muli(inv);
        });
    }

    /** Passes its input's mask on unchanged, as Keras's {@code supports_masking = True}. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axisAsList ? Arrays.stream(axis).boxed().toList() : axis[0]);
        return c;
    }

    /** From a config ({@code axis} an int or a list). */
    public static UnitNormalization fromConfig(Config c) {
        UnitNormalization u = new UnitNormalization();
        int[] ax = c.getInts("axis");
        if (ax != null) {
            u.axis(ax);
            u.axisAsList = c.get("axis") instanceof List;
        }
        return u.withBaseConfig(c);
    }
}
