package io.jkeras.layers;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Multiplies its input by {@code scale} and adds {@code offset}, as {@code keras.layers.Rescaling}, in training and
 * inference: {@code new Rescaling(1 / 255.0)} maps pixels from [0, 255] to [0, 1], {@code new Rescaling(1 / 127.5,
 * -1)} to [-1, 1].
 *
 * <p>{@code scale} and {@code offset} are numbers, or one value per channel (last axis). Any input shape; output
 * of the same shape in the layer's float type (integer images, such as decoded bytes, are converted). The gradient
 * is {@code scale} times the output's.
 *
 * <pre>{@code
 * jshell> new Rescaling(1 / 255.0).apply(Nd4j.createFromArray(0f, 51f, 255f))
 * $1 ==> [0, 0.2000, 1.0000]
 * }</pre>
 */
public class Rescaling extends Layer {
    private final double[] scale;
    private final double[] offset;

    /** @param scale the factor applied to every value */
    public Rescaling(double scale) {
        this(scale, 0.0);
    }

    /** @param scale the factor; @param offset added after scaling */
    public Rescaling(double scale, double offset) {
        this(new double[]{scale}, new double[]{offset});
    }

    /**
     * Per-channel scale and offset (each of length 1 or the number of channels).
     *
     * @param scale factors, applied along the last axis
     * @param offset offsets, applied along the last axis
     */
    public Rescaling(double[] scale, double[] offset) {
        if (scale == null || scale.length == 0 || offset == null || offset.length == 0) {
            throw new IllegalArgumentException("Rescaling needs a `scale` and an `offset` (numbers or per-channel lists).");
        }
        this.scale = scale.clone();
        this.offset = offset.clone();
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        INDArray x = input.dataType() == dataType() ? input : input.castTo(dataType());
        INDArray s = scale.length == 1 ? null : vector(scale, x);
        INDArray y = s == null ? x.mul(scale[0]) : x.mul(s);
        if (offset.length == 1) y.addi(offset[0]);
        else y.addi(vector(offset, x));
        if (!input.dataType().isFPType()) return Forward.of(List.of(y), g -> Arrays.asList((INDArray) null));
        return Forward.of(y, g -> s == null ? g.mul(scale[0]) : g.mul(s));
    }

    /** A per-channel vector shaped to broadcast along the last axis. */
    private INDArray vector(double[] v, INDArray x) {
        long channels = x.rank() == 0 ? 1 : x.size(-1);
        if (v.length != channels) {
            throw LayerErrors.of(this, "`scale` and `offset` must have one value per channel (" + channels
                    + "), or be numbers. Received: scale=" + Arrays.toString(scale) + ", offset=" + Arrays.toString(offset));
        }
        long[] shape = new long[x.rank()];
        Arrays.fill(shape, 1);
        shape[shape.length - 1] = v.length;
        return Nd4j.createFromArray(v).castTo(x.dataType()).reshape(shape);
    }

    /** The scale (one value, or one per channel). */
    public double[] scale() {
        return scale.clone();
    }

    /** The offset (one value, or one per channel). */
    public double[] offset() {
        return offset.clone();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("scale", value(scale));
        c.put("offset", value(offset));
        return c;
    }

    private static Object value(double[] v) {
        return v.length == 1 ? (Object) v[0] : Arrays.stream(v).boxed().toList();
    }

    /** From a config: numbers, lists, or Keras 3's serialized NumPy arrays ({@code "class_name": "__numpy__"}). */
    public static Rescaling fromConfig(Config c) {
        double[] s = values(c.get("scale"), 1.0), o = values(c.get("offset"), 0.0);
        Rescaling r = s.length == 1 && o.length == 1 ? new Rescaling(s[0], o[0]) : new Rescaling(s, o);
        return r.withBaseConfig(c);
    }

    @SuppressWarnings("unchecked")
    private static double[] values(Object v, double def) {
        if (v == null) return new double[]{def};
        if (v instanceof Number n) return new double[]{n.doubleValue()};
        if (v instanceof Map<?, ?> m) { // {"class_name": "__numpy__", "config": {"value": [...], "dtype": ...}}
            Object inner = ((Map<String, Object>) m).get("config");
            return values(inner instanceof Map<?, ?> im ? ((Map<String, Object>) im).get("value") : null, def);
        }
        List<?> l = (List<?>) v;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).doubleValue();
        return out;
    }
}
