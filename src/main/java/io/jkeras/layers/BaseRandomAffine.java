package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.layers.preprocessing.AffineTransform;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * The base of the random geometric augmentations ({@link RandomRotation}, {@link RandomZoom},
 * {@link RandomTranslation}): in training, each image of the batch is resampled through its own random affine
 * transform ({@link AffineTransform}, TensorFlow's {@code ImageProjectiveTransformV3} semantics); in inference the
 * layer is the identity.
 *
 * <p>Shared settings, as Keras: {@code fillMode} ({@code "reflect"} default, {@code "wrap"}, {@code "constant"},
 * {@code "nearest"}), {@code interpolation} ({@code "bilinear"} default, {@code "nearest"}), {@code fillValue}
 * (for {@code "constant"}), {@code seed} (this layer's own repeatable sequence, else the session's generator) and
 * {@code dataFormat}. Input {@code (batch, H, W, C)}; output the same shape. The gradient with respect to the input
 * is the exact transpose of the resampling that was applied (TensorFlow instead approximates it by the inverse
 * transform); the random parameters have none.
 */
public abstract class BaseRandomAffine extends Layer {
    private String fillMode = "reflect";
    private String interpolation = "bilinear";
    private double fillValue;
    private Long seed;
    private LayerRandom random = new LayerRandom(null);
    private String dataFormat = "channels_last";

    /** How points outside the input are filled: {@code "reflect"}, {@code "wrap"}, {@code "constant"}, {@code "nearest"}. */
    @SuppressWarnings("unchecked")
    public <T extends BaseRandomAffine> T fillMode(String m) {
        requireNotBuilt("fill_mode");
        this.fillMode = ImageLayers.oneOf(m, AffineTransform.FILL_MODES, "fill_mode");
        return (T) this;
    }

    /** {@code "bilinear"} (default) or {@code "nearest"}. */
    @SuppressWarnings("unchecked")
    public <T extends BaseRandomAffine> T interpolation(String i) {
        requireNotBuilt("interpolation");
        this.interpolation = ImageLayers.oneOf(i, AffineTransform.INTERPOLATIONS, "interpolation");
        return (T) this;
    }

    /** The value of points outside the input with {@code fillMode("constant")} (default 0). */
    @SuppressWarnings("unchecked")
    public <T extends BaseRandomAffine> T fillValue(double v) {
        requireNotBuilt("fill_value");
        this.fillValue = v;
        return (T) this;
    }

    /** A seed for this layer's own generator; {@code null} for the session's. */
    @SuppressWarnings("unchecked")
    public <T extends BaseRandomAffine> T seed(Long s) {
        requireNotBuilt("seed");
        this.seed = s;
        this.random = new LayerRandom(s);
        return (T) this;
    }

    /** {@code "channels_last"} (default) or {@code "channels_first"}. */
    @SuppressWarnings("unchecked")
    public <T extends BaseRandomAffine> T dataFormat(String f) {
        requireNotBuilt("data_format");
        this.dataFormat = ImageLayers.dataFormat(f);
        return (T) this;
    }

    /** The fill mode. */
    public String fillMode() {
        return fillMode;
    }

    /** The interpolation. */
    public String interpolation() {
        return interpolation;
    }

    /**
     * The transforms of one call: a row {@code [a0, a1, a2, b0, b1, b2]} per image (output pixel {@code (x, y)}
     * reads the input at {@code (a0 x + a1 y + a2, b0 x + b1 y + b2)}), drawing from {@link #uniform}.
     */
    protected abstract double[][] transforms(int batch, long height, long width);

    /** {@code n} numbers drawn uniformly from {@code [low, high)} by this layer's random source. */
    protected double[] uniform(int n, double low, double high) {
        INDArray u = Nd4j.createUninitialized(org.nd4j.linalg.api.buffer.DataType.DOUBLE, n);
        random.fill(new UniformDistribution(u, low, high));
        return u.toDoubleVector();
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        super.checkInputs(shapes);
        ImageLayers.checkRank(this, shapes.get(0));
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        INDArray x = input.dataType() == dataType() ? input : input.castTo(dataType());
        if (!training) return Forward.of(x, g -> g);
        INDArray nhwc = ImageLayers.toNhwc(x, dataFormat);
        AffineTransform t = AffineTransform.plan(transforms((int) nhwc.size(0), nhwc.size(1), nhwc.size(2)),
                nhwc.size(1), nhwc.size(2), interpolation, fillMode, nhwc.dataType());
        INDArray y = ImageLayers.fromNhwc(t.apply(nhwc, fillValue), dataFormat);
        return Forward.of(y, g -> ImageLayers.fromNhwc(t.adjoint(ImageLayers.toNhwc(g, dataFormat)), dataFormat));
    }

    /** Adds the shared keys to a subclass's config. */
    protected void putShared(Map<String, Object> c) {
        c.put("fill_mode", fillMode);
        c.put("interpolation", interpolation);
        c.put("seed", seed);
        c.put("fill_value", fillValue);
        c.put("data_format", dataFormat);
    }

    /** Reads the shared keys of a config into a new layer, then its base keys; returns it. */
    protected static <T extends BaseRandomAffine> T withShared(T layer, Config c) {
        layer.fillMode(c.getString("fill_mode", "reflect"));
        layer.interpolation(c.getString("interpolation", "bilinear"));
        layer.fillValue(c.getDouble("fill_value", 0.0));
        Object s = c.get("seed");
        if (s != null) layer.seed(((Number) s).longValue());
        if (c.get("data_format") != null) layer.dataFormat(c.getString("data_format"));
        return layer.withBaseConfig(c);
    }
}
