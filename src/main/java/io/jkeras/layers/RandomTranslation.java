package io.jkeras.layers;

import io.jkeras.saving.Config;

import java.util.Map;

/**
 * Shifts each image by a random offset in training, as {@code keras.layers.RandomTranslation}; the identity in
 * inference.
 *
 * <p>{@code heightFactor}: a number {@code f} shifts vertically by {@code u * H} pixels, {@code u} drawn from
 * {@code [-f, f]}, or a pair {@code (lower, upper)}, each in [-1, 1]; positive moves the content down.
 * {@code widthFactor} likewise horizontally (positive: right). Output {@code (x, y)} reads input
 * {@code (x - dx, y - dy)}. See {@link BaseRandomAffine} for the shared settings ({@code fillMode} default
 * {@code "reflect"}) and the gradient.
 *
 * <pre>{@code
 * jshell> new RandomTranslation(0.1, 0.1).fillMode("constant").call(List.of(images), true).get(0)
 * }</pre>
 */
public class RandomTranslation extends BaseRandomAffine {
    private final Object heightFactor;
    private final Object widthFactor;
    private final double[] height;
    private final double[] width;

    /** @param heightFactor the vertical shift range and @param widthFactor the horizontal one, fractions of the size */
    public RandomTranslation(double heightFactor, double widthFactor) {
        this((Object) heightFactor, (Object) widthFactor);
    }

    /** Ranges {@code (lower, upper)} for the vertical and the horizontal shift. */
    public RandomTranslation(double[] heightRange, double[] widthRange) {
        this((Object) heightRange, (Object) widthRange);
    }

    private RandomTranslation(Object heightFactor, Object widthFactor) {
        this.heightFactor = heightFactor;
        this.widthFactor = widthFactor;
        this.height = ImageLayers.factorRange(heightFactor, "height_factor");
        this.width = ImageLayers.factorRange(widthFactor, "width_factor");
    }

    @Override
    protected double[][] transforms(int batch, long h, long w) {
        // Keras draws the vertical shifts first, then the horizontal ones, as fractions of the size.
        double[] dy = uniform(batch, height[0], height[1]);
        double[] dx = uniform(batch, width[0], width[1]);
        double[][] t = new double[batch][];
        for (int i = 0; i < batch; i++) t[i] = new double[]{1, 0, -dx[i] * w, 0, 1, -dy[i] * h};
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
    public static RandomTranslation fromConfig(Config c) {
        return withShared(new RandomTranslation(ImageLayers.factorOf(c, "height_factor"), ImageLayers.factorOf(c, "width_factor")), c);
    }
}
