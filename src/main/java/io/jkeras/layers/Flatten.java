package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Flattens each sample to one axis, as {@code keras.layers.Flatten}: {@code (batch, d1, ..., dn)} becomes
 * {@code (batch, d1 * ... * dn)}; a {@code (batch,)} input becomes {@code (batch, 1)}.
 *
 * <p>{@code data_format}: {@code "channels_last"} (default) or {@code "channels_first"}; with channels-first
 * inputs the channel axis is moved last before flattening, as Keras does, so the order of the features is
 * the same as for the channels-last model.
 *
 * <pre>{@code
 * jshell> new Flatten().apply(Input.shape(26, 26, 32)).shape()
 * $1 ==> (None, 21632)
 * }</pre>
 */
public class Flatten extends Layer {
    private String dataFormat = "channels_last";

    /** A channels-last Flatten. */
    public Flatten() {
        this.inputSpec = new InputSpec().minNdim(1);
    }

    /** {@code "channels_last"} or {@code "channels_first"} (Keras's {@code data_format}). */
    public Flatten dataFormat(String format) {
        requireNotBuilt("data_format");
        String f = format == null ? "channels_last" : format.toLowerCase();
        if (!f.equals("channels_last") && !f.equals("channels_first")) {
            throw new IllegalArgumentException("The `data_format` argument must be one of {'channels_first', "
                    + "'channels_last'}. Received: data_format=" + format);
        }
        this.dataFormat = f;
        return this;
    }

    /** The data format. */
    public String dataFormat() {
        return dataFormat;
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        return Shape.of(inputShape.get(0), inputShape.rank() == 1 ? Integer.valueOf(1) : toInt(inputShape.product(1)));
    }

    private static Integer toInt(Long n) {
        return n == null ? null : Math.toIntExact(n);
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        int r = input.rank();
        long batch = input.size(0);
        long[] inShape = input.shape();
        long features = 1; // per-sample size from the shape, so that an empty batch works too
        for (int i = 1; i < r; i++) features *= inShape[i];
        if (dataFormat.equals("channels_first") && r > 2) {
            int[] toLast = new int[r];   // (0, 2, ..., r-1, 1): channels to the end
            int[] back = new int[r];     // its inverse (0, r-1, 1, ..., r-2)
            for (int i = 0; i < r; i++) {
                toLast[i] = i == 0 ? 0 : i == r - 1 ? 1 : i + 1;
                back[toLast[i]] = i;
            }
            INDArray moved = input.permute(toLast);
            long[] movedShape = moved.shape();
            // reshape of the permuted view makes the one contiguous copy that this reordering needs
            INDArray out = moved.reshape('c', batch, features);
            return Forward.of(out, g -> g.reshape('c', movedShape).permute(back));
        }
        INDArray out = input.reshape('c', batch, features);
        return Forward.of(out, g -> g.reshape('c', inShape));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("data_format", dataFormat);
        return c;
    }

    /** From a config of any Keras version ({@code data_format} absent before Keras 2). */
    public static Flatten fromConfig(Config c) {
        return new Flatten().dataFormat(c.getString("data_format", "channels_last")).withBaseConfig(c);
    }
}
