package io.jkeras.layers;

import java.util.Map;

/**
 * What SpatialDropout1D/2D/3D share: a {@link Dropout} whose mask is drawn once per (sample, channel) and
 * broadcast over the spatial axes, i.e. noise shape {@code (batch, 1, ..., 1, channels)} (channels first:
 * {@code (batch, channels, 1, ..., 1)}), so whole feature maps are dropped. Package-private.
 */
abstract class SpatialDropoutBase extends Dropout {
    private final int n;
    private final boolean hasDataFormat;
    private String dataFormat = Spatial.CHANNELS_LAST;

    SpatialDropoutBase(double rate, int n, boolean hasDataFormat) {
        super(rate);
        this.n = n;
        this.hasDataFormat = hasDataFormat;
        this.inputSpec = new InputSpec().ndim(n + 2);
        applyNoiseShape();
    }

    /** {@code "channels_last"} (default) or {@code "channels_first"} (Keras's {@code data_format}). */
    public String dataFormat() {
        return dataFormat;
    }

    void setDataFormat(String f) {
        requireNotBuilt("data_format");
        this.dataFormat = Spatial.dataFormat(f);
        applyNoiseShape();
    }

    /** null (the input's size) on batch and channels, 1 on the spatial axes. */
    private void applyNoiseShape() {
        Integer[] ns = new Integer[n + 2];
        for (int a : Spatial.axes(n, dataFormat)) ns[a] = 1;
        super.noiseShape(ns);
    }

    /** The noise shape of a spatial dropout is fixed by its data format. */
    @Override
    public Dropout noiseShape(Integer... dims) {
        throw new UnsupportedOperationException(className() + " drops whole channels; its noise shape cannot be set.");
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.remove("noise_shape"); // Keras's spatial dropouts do not write it
        if (hasDataFormat) c.put("data_format", dataFormat);
        return c;
    }
}
