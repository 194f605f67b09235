package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * What the image preprocessing layers share: the {@code data_format} argument, the conversion to and from the
 * NHWC layout they compute in, the rank check, and Keras's {@code factor} arguments. Package-private.
 */
final class ImageLayers {
    static final List<String> DATA_FORMATS = List.of("channels_last", "channels_first");

    private ImageLayers() {
    }

    /** A valid data format; {@code null} means channels_last (Keras's default image_data_format). */
    static String dataFormat(String f) {
        if (f == null) return "channels_last";
        if (!DATA_FORMATS.contains(f)) {
            throw new IllegalArgumentException("The `data_format` argument must be one of {'channels_first', 'channels_last'}. "
                    + "Received: data_format=" + f);
        }
        return f;
    }

    /** Batched images only: {@code (batch, height, width, channels)} (or channels first). */
    static void checkRank(Layer layer, Shape s) {
        if (s.rank() != 4) {
            throw LayerErrors.of(layer, "Invalid images rank: expected rank 4 (a batch of images). Received input with shape: "
                    + "images.shape=" + s);
        }
    }

    /** The images in NHWC (a view for channels_first). */
    static INDArray toNhwc(INDArray x, String dataFormat) {
        return dataFormat.equals("channels_first") ? x.permute(0, 2, 3, 1) : x;
    }

    /** NHWC images back in the layer's format. */
    static INDArray fromNhwc(INDArray x, String dataFormat) {
        return dataFormat.equals("channels_first") ? x.permute(0, 3, 1, 2).dup('c') : x;
    }

    /** The height and width axes of a batched shape. */
    static int[] spatialAxes(String dataFormat) {
        return dataFormat.equals("channels_first") ? new int[]{2, 3} : new int[]{1, 2};
    }

    /**
     * A Keras {@code factor} argument as {@code [lower, upper]}: one number {@code f} is {@code [-|f|, |f|]}, two
     * numbers are sorted; each must lie in [-1, 1].
     */
    static double[] factorRange(Object factor, String name) {
        String error = "The `factor` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. ";
        double lo, hi;
        if (factor instanceof Number n) {
            checkFactor(n.doubleValue(), error);
            hi = Math.abs(n.doubleValue());
            lo = -hi;
        } else if (factor instanceof double[] d && d.length == 2) {
            lo = Math.min(d[0], d[1]);
            hi = Math.max(d[0], d[1]);
            checkFactor(d[0], error);
            checkFactor(d[1], error);
        } else {
            throw new IllegalArgumentException(error + "Received: " + name + "=" + describe(factor));
        }
        return new double[]{lo, hi};
    }

    private static void checkFactor(double v, String error) {
        if (v > 1.0 || v < -1.0) throw new IllegalArgumentException(error + "Received: input_number=" + v);
    }

    /** A factor from a config: a number or a list of two numbers. */
    static Object factorOf(Config c, String key) {
        Object v = c.get(key);
        if (v instanceof List<?> l) {
            double[] d = new double[l.size()];
            for (int i = 0; i < d.length; i++) d[i] = ((Number) l.get(i)).doubleValue();
            return d;
        }
        return v;
    }

    /** A factor as written in a config: the number, or a list for a pair. */
    static Object factorConfig(Object factor) {
        if (factor instanceof double[] d) return java.util.Arrays.stream(d).boxed().toList();
        return factor;
    }

    static String describe(Object factor) {
        return factor instanceof double[] d ? java.util.Arrays.toString(d) : String.valueOf(factor);
    }

    /** A string argument from a list of allowed values, with Keras's NotImplementedError wording. */
    static String oneOf(String value, List<String> allowed, String arg) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("Unknown `" + arg + "` " + value + ". Expected of one " + tuple(allowed) + ".");
        }
        return value;
    }

    private static String tuple(List<String> values) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < values.size(); i++) b.append(i > 0 ? ", " : "").append('\'').append(values.get(i)).append('\'');
        return b.append(')').toString();
    }
}
