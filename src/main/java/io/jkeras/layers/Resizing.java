package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.layers.preprocessing.ImageResize;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Resizes a batch of images to {@code (height, width)}, as {@code keras.layers.Resizing} (Keras 3 on TensorFlow:
 * {@code tf.image.resize} with half-pixel centers, no antialiasing), in training and inference alike.
 *
 * <p>Parameters: {@code height}, {@code width}; {@code interpolation} {@code "bilinear"} (default) or
 * {@code "nearest"} (Keras's {@code "bicubic"}, {@code "area"}, {@code "lanczos3/5"} are refused);
 * {@code cropToAspectRatio}: first crop the largest centred window of the target's aspect ratio;
 * {@code padToAspectRatio}: first pad the images evenly with {@code fillValue} to the target's aspect ratio;
 * {@code dataFormat}. Input {@code (batch, H, W, C)}; output {@code (batch, height, width, C)}. Integer images are
 * rounded back to their type, as Keras does.
 *
 * <p>Computed by ND4J's native resize ops. The gradient flows: ND4J has no backward op for them, so it goes through
 * the transposed interpolation matrices (see {@code ImageResize.backward}).
 *
 * <pre>{@code
 * jshell> new Resizing(14, 14).apply(Nd4j.rand(DataType.FLOAT, 2, 28, 28, 1)).shape()
 * $1 ==> [2, 14, 14, 1]
 * }</pre>
 */
public class Resizing extends Layer {
    private final int height;
    private final int width;
    private String interpolation = "bilinear";
    private boolean cropToAspectRatio;
    private boolean padToAspectRatio;
    private String fillMode = "constant";
    private double fillValue;
    private String dataFormat = "channels_last";

    /** @param height output height; @param width output width */
    public Resizing(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("`height` and `width` must be positive. Received: height=" + height + ", width=" + width);
        }
        this.height = height;
        this.width = width;
    }

    /** {@code "bilinear"} (default) or {@code "nearest"}. */
    public Resizing interpolation(String i) {
        requireNotBuilt("interpolation");
        if (!ImageResize.KERAS_INTERPOLATIONS.contains(i)) {
            throw new IllegalArgumentException("Invalid value for argument `interpolation`. Expected of one "
                    + ImageResize.KERAS_INTERPOLATIONS + ". Received: interpolation=" + i);
        }
        if (!ImageResize.INTERPOLATIONS.contains(i)) {
            throw new IllegalArgumentException("Resizing with interpolation=\"" + i + "\" is not implemented in jkeras; use "
                    + "\"bilinear\" or \"nearest\".");
        }
        this.interpolation = i;
        return this;
    }

    /** Crops the centred window of the output's aspect ratio before resizing (no distortion). */
    public Resizing cropToAspectRatio(boolean c) {
        requireNotBuilt("crop_to_aspect_ratio");
        this.cropToAspectRatio = c;
        return this;
    }

    /** Pads to the output's aspect ratio with {@code fillValue} before resizing (no distortion). */
    public Resizing padToAspectRatio(boolean p) {
        requireNotBuilt("pad_to_aspect_ratio");
        this.padToAspectRatio = p;
        return this;
    }

    /** The padding's fill mode: only {@code "constant"}, as Keras. */
    public Resizing fillMode(String m) {
        requireNotBuilt("fill_mode");
        if (!"constant".equals(m)) {
            throw new IllegalArgumentException("Invalid value for argument `fill_mode`. Only `'constant'` is supported. Received: fill_mode=" + m);
        }
        this.fillMode = m;
        return this;
    }

    /** The padding value with {@code padToAspectRatio} (default 0). */
    public Resizing fillValue(double v) {
        requireNotBuilt("fill_value");
        this.fillValue = v;
        return this;
    }

    /** {@code "channels_last"} (default) or {@code "channels_first"}. */
    public Resizing dataFormat(String f) {
        requireNotBuilt("data_format");
        this.dataFormat = ImageLayers.dataFormat(f);
        return this;
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        super.checkInputs(shapes);
        ImageLayers.checkRank(this, shapes.get(0));
        if (cropToAspectRatio && padToAspectRatio) {
            throw LayerErrors.of(this, "Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be `True`.");
        }
    }

    @Override
    public Shape computeOutputShape(Shape in) {
        int[] ax = ImageLayers.spatialAxes(dataFormat);
        return in.with(ax[0], height).with(ax[1], width);
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        boolean ints = !input.dataType().isFPType();
        INDArray nhwc = ImageLayers.toNhwc(input, dataFormat);
        final INDArray x = ints ? nhwc.castTo(dataType()) : nhwc;
        long h = x.size(1), w = x.size(2);
        long[] box = window(h, w); // rows [top, top + boxH) and columns [left, left + boxW) of the (padded) image
        INDArray src = x;
        if (cropToAspectRatio) {
            src = x.get(NDArrayIndex.all(), NDArrayIndex.interval(box[0], box[0] + box[2]),
                    NDArrayIndex.interval(box[1], box[1] + box[3]), NDArrayIndex.all()).dup('c');
        } else if (padToAspectRatio) {
            src = pad(x, box[0], box[1]);
        }
        INDArray y = ImageResize.resize(src.dup('c'), height, width, interpolation);
        if (ints) y = Transforms.round(y, false).castTo(input.dataType());
        INDArray out = ImageLayers.fromNhwc(y, dataFormat);
        if (ints) return Forward.of(List.of(out), g -> Arrays.asList((INDArray) null)); // no gradient for integer images
        final INDArray source = src;
        return Forward.of(out, g -> {
            INDArray d = ImageResize.backward(ImageLayers.toNhwc(g, dataFormat), (int) source.size(1), (int) source.size(2), interpolation);
            if (cropToAspectRatio) {
                INDArray full = Nd4j.zeros(d.dataType(), x.shape());
                full.get(NDArrayIndex.all(), NDArrayIndex.interval(box[0], box[0] + box[2]),
                        NDArrayIndex.interval(box[1], box[1] + box[3]), NDArrayIndex.all()).assign(d);
                d = full;
            } else if (padToAspectRatio) {
                d = d.get(NDArrayIndex.all(), NDArrayIndex.interval(box[0], box[0] + h),
                        NDArrayIndex.interval(box[1], box[1] + w), NDArrayIndex.all()).dup('c');
            }
            return ImageLayers.fromNhwc(d, dataFormat);
        });
    }

    /**
     * Keras's crop window {@code [top, left, height, width]} (TensorFlow backend, float32 arithmetic), or for padding
     * the offsets {@code [top, left, ...]} of the image in the padded one.
     */
    long[] window(long h, long w) {
        if (cropToAspectRatio) {
            long ch = Math.max(Math.min(h, (long) ((float) (w * height) / width)), 1);
            long cw = Math.max(Math.min(w, (long) ((float) (h * width) / height)), 1);
            return new long[]{(long) ((float) (h - ch) / 2), (long) ((float) (w - cw) / 2), ch, cw};
        }
        if (padToAspectRatio) {
            long ph = Math.max(h, (long) ((float) (w * height) / width));
            long pw = Math.max(w, (long) ((float) (h * width) / height));
            return new long[]{(long) ((float) (ph - h) / 2), (long) ((float) (pw - w) / 2), ph, pw};
        }
        return new long[]{0, 0, h, w};
    }

    /** Keras's padding: {@code top} rows of fill above and below, or {@code left} columns on each side. */
    private INDArray pad(INDArray x, long top, long left) {
        INDArray out = x;
        if (top > 0) {
            INDArray band = Nd4j.valueArrayOf(new long[]{x.size(0), top, x.size(2), x.size(3)}, fillValue, x.dataType());
            out = Nd4j.concat(1, band, out, band);
        }
        if (left > 0) {
            INDArray band = Nd4j.valueArrayOf(new long[]{out.size(0), out.size(1), left, out.size(3)}, fillValue, x.dataType());
            out = Nd4j.concat(2, band, out, band);
        }
        return out;
    }

    /** The output height. */
    public int height() {
        return height;
    }

    /** The output width. */
    public int width() {
        return width;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("height", height);
        c.put("width", width);
        c.put("interpolation", interpolation);
        c.put("crop_to_aspect_ratio", cropToAspectRatio);
        c.put("pad_to_aspect_ratio", padToAspectRatio);
        c.put("fill_mode", fillMode);
        c.put("fill_value", fillValue);
        c.put("data_format", dataFormat);
        return c;
    }

    /** From a Keras 2, tf.keras or Keras 3 config. */
    public static Resizing fromConfig(Config c) {
        Resizing r = new Resizing(c.getInt("height"), c.getInt("width"))
                .interpolation(c.getString("interpolation", "bilinear"))
                .cropToAspectRatio(c.getBoolean("crop_to_aspect_ratio", false))
                .padToAspectRatio(c.getBoolean("pad_to_aspect_ratio", false))
                .fillMode(c.getString("fill_mode", "constant"))
                .fillValue(c.getDouble("fill_value", 0.0))
                .dataFormat(c.getString("data_format", "channels_last"));
        return r.withBaseConfig(c);
    }
}
