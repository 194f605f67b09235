package io.jkeras.layers;

import io.jkeras.saving.Config;

/**
 * Enlarges an image by integer factors, as {@code keras.layers.UpSampling2D}.
 *
 * <p>{@code size}: an int or {@code (rows, cols)} factors, default {@code (2, 2)}. {@code interpolation}:
 * {@code "nearest"} (default; each pixel repeated) or {@code "bilinear"} (TF/Keras 3's {@code resize} with
 * half-pixel centres, no antialiasing). {@code data_format}: {@code "channels_last"} (default), input
 * {@code (batch, rows, cols, channels)}, or {@code "channels_first"}. Output: {@code rows * size[0]},
 * {@code cols * size[1]}. Keras's other interpolations (bicubic, lanczos, area) are not supported.
 *
 * <pre>{@code
 * jshell> new UpSampling2D(2, 3).interpolation("bilinear").apply(Input.shape(8, 8, 16)).shape()
 * $1 ==> (None, 16, 24, 16)
 * }</pre>
 */
public class UpSampling2D extends UpSamplingBase {
    /** Factors {@code (2, 2)}, as Keras's default. */
    public UpSampling2D() {
        this(2);
    }

    /** @param size the factor on rows and columns */
    public UpSampling2D(int size) {
        super(2, size, true);
    }

    /** @param rows the factor on rows; @param cols the factor on columns */
    public UpSampling2D(int rows, int cols) {
        super(2, new int[]{rows, cols}, true);
    }

    private UpSampling2D(Object size) {
        super(2, size, true);
    }

    /** {@code "channels_last"} (default) or {@code "channels_first"}. */
    public UpSampling2D dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    /** {@code "nearest"} (default) or {@code "bilinear"}. */
    public UpSampling2D interpolation(String name) {
        requireNotBuilt("interpolation");
        String n = name == null ? "nearest" : name.toLowerCase(java.util.Locale.ROOT);
        if (!n.equals("nearest") && !n.equals("bilinear")) {
            throw new IllegalArgumentException("`interpolation` argument should be one of: \"nearest\", \"bilinear\" "
                    + "(jkeras does not implement Keras's \"bicubic\", \"lanczos3\", \"lanczos5\" and \"area\"). "
                    + "Received: interpolation=" + name);
        }
        this.interpolation = n;
        return this;
    }

    /** The interpolation name. */
    public String interpolation() {
        return interpolation;
    }

    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = super.getConfig();
        c.put("interpolation", interpolation);
        return c;
    }

    /** From a Keras config: {@code size}, {@code data_format}, {@code interpolation}. */
    public static UpSampling2D fromConfig(Config c) {
        UpSampling2D u = new UpSampling2D(c.get("size") == null ? (Object) 2 : c.get("size"));
        u.dataFormat(c.getString("data_format", null));
        u.interpolation(c.getString("interpolation", "nearest"));
        return u.withBaseConfig(c);
    }
}
