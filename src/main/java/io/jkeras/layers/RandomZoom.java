package io.jkeras.layers;

import io.jkeras.saving.Config;

import java.util.Map;

/**
 * Zooms each image in or out by a random amount in training, as {@code keras.layers.RandomZoom}; the identity in
 * inference.
 *
 * <p>{@code heightFactor}: a number {@code f} zooms vertically by {@code 1 + u}, {@code u} drawn from
 * {@code [-f, f]}, or a pair {@code (lower, upper)}, each in [-1, 1]; positive values zoom out (the image shrinks),
 * negative ones zoom in. {@code widthFactor} likewise horizontally; {@code null} (default) reuses the vertical
 * zoom, keeping the aspect ratio. The zoom is about the image centre: output {@code (x, y)} reads input
 * {@code (zx x + (W-1)/2 (1 - zx), zy y + (H-1)/2 (1 - zy))}. See {@link BaseRandomAffine} for the shared settings
 * ({@code fillMode} default {@code "reflect"}) and the gradient.
 *
 * <pre>{@code
 * jshell> new RandomZoom(0.2).call(List.of(images), true).get(0)   // between 80 % and 120 %
 * }</pre>
 */
public class RandomZoom extends BaseRandomAffine {
    private final Object heightFactor;
    private final double[] height;
    private Object widthFactor;
    private double[] width;

    /** @param heightFactor the zoom range, a fraction of the height, either way */
    public RandomZoom(double heightFactor) {
        this((Object) heightFactor);
    }

    /** @param heightFactor the vertical zoom range; @param widthFactor the horizontal one */
    public RandomZoom(double heightFactor, double widthFactor) {
        this((Object) heightFactor);
        widthFactor(widthFactor);
    }

    private RandomZoom(Object heightFactor) {
        this.heightFactor = heightFactor;
        this.height = ImageLayers.factorRange(heightFactor, "height_factor");
    }

    /** A vertical zoom range {@code (lower, upper)}. */
    public static RandomZoom ofRange(double lower, double upper) {
        return new RandomZoom(new double[]{lower, upper});
    }

    /** The horizontal zoom range, a fraction either way; unset: the vertical zoom is reused. */
    public RandomZoom widthFactor(double f) {
        return setWidth(f);
    }

    /** The horizontal zoom range {@code (lower, upper)}. */
    public RandomZoom widthFactor(double lower, double upper) {
        return setWidth(new double[]{lower, upper});
    }

    private RandomZoom setWidth(Object f) {
        requireNotBuilt("width_factor");
        this.width = f == null ? null : ImageLayers.factorRange(f, "width_factor");
        this.widthFactor = f;
        return this;
    }

    @Override
    protected double[][] transforms(int batch, long h, long w) {
        // Keras draws the vertical zooms first, then the horizontal ones.
        double[] zy = uniform(batch, 1.0 + height[0], 1.0 + height[1]);
        double[] zx = width == null ? zy : uniform(batch, 1.0 + width[0], 1.0 + width[1]);
        double[][] t = new double[batch][];
        for (int i = 0; i < batch; i++) {
            t[i] = new double[]{zx[i], 0, (w - 1.0) / 2.0 * (1.0 - zx[i]), 0, zy[i], (h - 1.0) / 2.0 * (1.0 - zy[i])};
        }
        return t;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("height_factor", ImageLayers.factorConfig(heightFactor));
        c.put("width_factor", ImageLayers.factorConfig(widthFactor));
        putShared(c);
        return c;
    }

    /** From a Keras 2, tf.keras or Keras 3 config. */
    public static RandomZoom fromConfig(Config c) {
        RandomZoom z = new RandomZoom(ImageLayers.factorOf(c, "height_factor"));
        Object wf = ImageLayers.factorOf(c, "width_factor");
        if (wf != null) z.setWidth(wf);
        return withShared(z, c);
    }
}
