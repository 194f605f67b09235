package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

/**
 * Changes the contrast of each image by a random factor in training, as {@code keras.layers.RandomContrast}; the
 * identity in inference.
 *
 * <p>Each channel of each image becomes {@code (x - mean) * c + mean}, {@code mean} the channel's mean over the
 * image, {@code c} drawn uniformly from {@code [1 - lower, 1 + upper]} once per image, then the result is clipped to
 * {@code valueRange} (default [0, 255]: pass [0, 1] for rescaled images). {@code factor}: a number {@code f}
 * ({@code lower = upper = f}, Keras 3.3's reading; Keras 3.6 and later read a number as {@code [1, 1 + f]} and write
 * the pair {@code (0, f)} to their configs, which reads the same here) or a pair, each in [0, 1]. One factor per image
 * and {@code value_range} are Keras 3.6's behaviour; Keras 3.3 drew one factor per batch and always clipped to
 * [0, 255]. {@code seed}: this layer's own
 * repeatable sequence, else the session's generator. Input {@code (batch, H, W, C)}; output the same shape.
 * The gradient flows (zero where the output was clipped).
 *
 * <pre>{@code
 * jshell> new RandomContrast(0.2).valueRange(0, 1).call(List.of(images), true).get(0)
 * }</pre>
 */
public class RandomContrast extends Layer {
    private final Object factor;
    private final double lower;
    private final double upper;
    private double[] valueRange = {0, 255};
    private Long seed;
    private LayerRandom random = new LayerRandom(null);

    /** @param factor {@code lower = upper = factor}, in [0, 1] */
    public RandomContrast(double factor) {
        this(factor, factor, factor);
    }

    /** @param lower the largest decrease of contrast, in [0, 1]; @param upper the largest increase, at least 0 */
    public RandomContrast(double lower, double upper) {
        this(new double[]{lower, upper}, lower, upper);
    }

    private RandomContrast(Object factor, double lower, double upper) {
        if (lower < 0.0 || upper < 0.0 || lower > 1.0) {
            throw new IllegalArgumentException("`factor` argument cannot have negative values or values greater than 1."
                    + "Received: factor=" + ImageLayers.describe(factor));
        }
        this.factor = factor;
        this.lower = lower;
        this.upper = upper;
    }

    /** The range outputs are clipped to (default [0, 255]). */
    public RandomContrast valueRange(double low, double high) {
        requireNotBuilt("value_range");
        this.valueRange = new double[]{Math.min(low, high), Math.max(low, high)};
        return this;
    }

    /** A seed for this layer's own generator; {@code null} for the session's. */
    public RandomContrast seed(Long s) {
        requireNotBuilt("seed");
        this.seed = s;
        this.random = new LayerRandom(s);
        return this;
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
        long b = x.size(0), c = x.size(3);
        INDArray f = Nd4j.createUninitialized(x.dataType(), b, 1, 1, 1);
        random.fill(new UniformDistribution(f, 1.0 - lower, 1.0 + upper));
        INDArray mean = x.mean(1, 2).reshape(b, 1, 1, c);
        INDArray raw = x.sub(mean).muli(f).addi(mean);
        INDArray y = Transforms.min(Transforms.max(raw, valueRange[0], true), valueRange[1], false);
        // Clipping passes the gradient where lo <= raw <= hi, as TensorFlow's clip_by_value.
        INDArray inside = raw.gte(valueRange[0]).castTo(x.dataType()).muli(raw.lte(valueRange[1]).castTo(x.dataType()));
        return Forward.of(y, g -> {
            INDArray gm = g.mul(inside);
            INDArray gMean = gm.mean(1, 2).reshape(b, 1, 1, c).muli(f.rsub(1)); // through the channel mean
            return gm.muli(f).addi(gMean);
        });
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("factor", ImageLayers.factorConfig(factor));
        // Keras 3.3 rejects an unknown `value_range`: written only when it is not the default.
        if (valueRange[0] != 0 || valueRange[1] != 255) c.put("value_range", List.of(valueRange[0], valueRange[1]));
        c.put("seed", seed);
        return c;
    }

    /** From a Keras 2, tf.keras or Keras 3 config. */
    public static RandomContrast fromConfig(Config c) {
        Object f = ImageLayers.factorOf(c, "factor");
        RandomContrast r = f instanceof double[] d ? new RandomContrast(d[0], d[1]) : new RandomContrast(((Number) f).doubleValue());
        Object vr = ImageLayers.factorOf(c, "value_range");
        if (vr instanceof double[] d) r.valueRange(d[0], d[1]);
        Object s = c.get("seed");
        if (s != null) r.seed(((Number) s).longValue());
        return r.withBaseConfig(c);
    }
}
