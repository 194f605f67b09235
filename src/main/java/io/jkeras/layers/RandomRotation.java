package io.jkeras.layers;

import io.jkeras.saving.Config;

import java.util.List;
import java.util.Map;

/**
 * Rotates each image by a random angle in training, as {@code keras.layers.RandomRotation}; the identity in
 * inference.
 *
 * <p>{@code factor}: a fraction of a full turn; a number {@code f} draws angles from {@code [-f * 2π, f * 2π]}, a pair
 * {@code (lower, upper)} from {@code [lower * 2π, upper * 2π]}, each in [-1, 1]; positive is counter-clockwise.
 * The rotation is about the image centre: output {@code (x, y)} reads input
 * {@code (cos θ x - sin θ y + x0, sin θ x + cos θ y + y0)} with Keras's offsets {@code x0, y0}. Empty corners are
 * filled by {@code fillMode} (default {@code "reflect"}). See {@link BaseRandomAffine} for the shared settings and the
 * gradient.
 *
 * <pre>{@code
 * jshell> new RandomRotation(0.1).fillMode("constant").call(List.of(images), true).get(0)   // within ±36°
 * }</pre>
 */
public class RandomRotation extends BaseRandomAffine {
    private final double lower;
    private final double upper;

    /** @param factor the largest rotation, as a fraction of 2π, either way */
    public RandomRotation(double factor) {
        this((Object) factor);
    }

    /** @param lower the smallest rotation and @param upper the largest, as fractions of 2π */
    public RandomRotation(double lower, double upper) {
        this((Object) new double[]{lower, upper});
    }

    private RandomRotation(Object factor) {
        double[] r = ImageLayers.factorRange(factor, "factor");
        this.lower = r[0];
        this.upper = r[1];
    }

    @Override
    protected double[][] transforms(int batch, long height, long width) {
        double[] angle = uniform(batch, lower * 2.0 * Math.PI, upper * 2.0 * Math.PI);
        double[][] t = new double[batch][];
        double w = width - 1, h = height - 1;
        for (int i = 0; i < batch; i++) {
            double cos = Math.cos(angle[i]), sin = Math.sin(angle[i]);
            double x0 = (w - (cos * w - sin * h)) / 2.0;
            double y0 = (h - (sin * w + cos * h)) / 2.0;
            t[i] = new double[]{cos, -sin, x0, sin, cos, y0};
        }
        return t;
    }

    /** The rotation range {@code [lower, upper]}, in fractions of 2π. */
    public double[] factor() {
        return new double[]{lower, upper};
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("factor", List.of(lower, upper));
        c.put("value_range", List.of(0, 255)); // Keras 3.3 writes it; unused by the rotation
        putShared(c);
        return c;
    }

    /** From a Keras 2, tf.keras or Keras 3 config. */
    public static RandomRotation fromConfig(Config c) {
        Object f = ImageLayers.factorOf(c, "factor");
        RandomRotation r = f instanceof double[] d ? new RandomRotation(d[0], d[1]) : new RandomRotation(((Number) f).doubleValue());
        return withShared(r, c);
    }
}
