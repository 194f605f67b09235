package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * Flips each image of a batch at random in training, as {@code keras.layers.RandomFlip} (Keras 3.3); the identity
 * in inference.
 *
 * <p>{@code mode}: {@code "horizontal"} (left-right), {@code "vertical"} (top-bottom) or
 * {@code "horizontal_and_vertical"} (default). Each image is flipped with probability 1/2 (Keras's
 * {@code uniform() <= 0.5}) along each axis of the mode, the two coins drawn independently as Keras 3.3 draws them
 * (Keras 3.6 and later draw one coin for both). {@code seed}: this layer's own repeatable sequence, else the session's
 * generator ({@code Keras.setRandomSeed}). Input {@code (batch, H, W, C)} (or channels first); output the same shape.
 * The gradient is flipped back the same way (a flip is its own inverse), computed with ND4J's native {@code reverse}.
 *
 * <pre>{@code
 * jshell> var model = new Sequential(new Rescaling(1 / 255.0).inputShape(28, 28, 1), new RandomFlip("horizontal"), ...);
 * }</pre>
 */
public class RandomFlip extends Layer {
    /** Keras's modes. */
    public static final List<String> MODES = List.of("horizontal", "vertical", "horizontal_and_vertical");

    private final String mode;
    private Long seed;
    private LayerRandom random = new LayerRandom(null);
    private String dataFormat = "channels_last";

    /** Flips along both axes. */
    public RandomFlip() {
        this("horizontal_and_vertical");
    }

    /** @param mode {@code "horizontal"}, {@code "vertical"} or {@code "horizontal_and_vertical"} */
    public RandomFlip(String mode) {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("RandomFlip layer received an invalid mode argument: " + mode
                    + ". Expected one of 'horizontal', 'vertical', 'horizontal_and_vertical'.");
        }
        this.mode = mode;
    }

    /** A seed for this layer's own generator; {@code null} for the session's. */
    public RandomFlip seed(Long s) {
        requireNotBuilt("seed");
        this.seed = s;
        this.random = new LayerRandom(s);
        return this;
    }

    /** {@code "channels_last"} (default) or {@code "channels_first"}. */
    public RandomFlip dataFormat(String f) {
        requireNotBuilt("data_format");
        this.dataFormat = ImageLayers.dataFormat(f);
        return this;
    }

    /** The flip mode. */
    public String mode() {
        return mode;
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
        int[] axes = ImageLayers.spatialAxes(dataFormat);
        long b = x.size(0);
        // Keras draws the horizontal coins first, then the vertical ones: uniform(shape=(batch, 1, 1, 1)) <= 0.5.
        INDArray horizontal = mode.equals("vertical") ? null : coins(b, x);
        INDArray vertical = mode.equals("horizontal") ? null : coins(b, x);
        INDArray y = x;
        if (horizontal != null) y = flip(y, axes[1], horizontal);
        if (vertical != null) y = flip(y, axes[0], vertical);
        return Forward.of(y, g -> {
            INDArray d = g;
            if (vertical != null) d = flip(d, axes[0], vertical);
            if (horizontal != null) d = flip(d, axes[1], horizontal);
            return d;
        });
    }

    /** 1 where an image is flipped, 0 elsewhere, shaped {@code (batch, 1, 1, 1)}. */
    private INDArray coins(long batch, INDArray like) {
        INDArray u = Nd4j.createUninitialized(like.dataType(), batch, 1, 1, 1);
        random.fill(new UniformDistribution(u, 0.0, 1.0));
        return u.lte(0.5).castTo(like.dataType());
    }

    /** The flipped images where {@code mask} is 1, the others as they are. */
    private static INDArray flip(INDArray x, int axis, INDArray mask) {
        INDArray reversed = Nd4j.exec(new Reverse(x.dup('c'), axis))[0];
        // Exact selection: each element is 1 * one value + 0 * the other.
        return reversed.muli(mask).addi(x.mul(mask.rsub(1)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("seed", seed);
        c.put("mode", mode);
        if (!dataFormat.equals("channels_last")) c.put("data_format", dataFormat); // Keras 3.3 has no such argument
        return c;
    }

    /** From a Keras 2, tf.keras or Keras 3 config. */
    public static RandomFlip fromConfig(Config c) {
        RandomFlip f = new RandomFlip(c.getString("mode", "horizontal_and_vertical"));
        Object s = c.get("seed");
        if (s != null) f.seed(((Number) s).longValue());
        if (c.get("data_format") != null) f.dataFormat(c.getString("data_format"));
        return f.withBaseConfig(c);
    }
}
