package io.jkeras.layers;

import io.jkeras.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;

import java.util.Map;

/**
 * What ZeroPadding1D/2D/3D share: {@code n} (before, after) pairs on the spatial axes of a rank
 * {@code n + 2} input in either data format. Forward is ND4J's native {@code pad}; backward is the interior
 * slice of the gradient. Package-private: the public layers are the 1D/2D/3D classes.
 */
abstract class PaddingBase extends Layer {
    final int[][] padding;
    private final boolean hasDataFormat;
    String dataFormat = Spatial.CHANNELS_LAST;

    PaddingBase(int n, Object spec, boolean hasDataFormat) {
        this.padding = Spatial.pairs(spec, n, "padding");
        this.hasDataFormat = hasDataFormat;
        this.inputSpec = new InputSpec().ndim(n + 2);
    }

    /** The (before, after) pairs, one per spatial axis. */
    public int[][] padding() {
        return padding.clone();
    }

    /** {@code "channels_last"} (default) or {@code "channels_first"} (Keras's {@code data_format}). */
    public String dataFormat() {
        return dataFormat;
    }

    void setDataFormat(String f) {
        requireNotBuilt("data_format");
        this.dataFormat = Spatial.dataFormat(f);
    }

    private int[] axes() {
        return Spatial.axes(padding.length, dataFormat);
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        return Spatial.mapSpatial(inputShape, axes(), (i, d) -> d + padding[i][0] + padding[i][1]);
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        int[][] all = new int[input.rank()][2];
        int[] axes = axes();
        for (int i = 0; i < axes.length; i++) all[axes[i]] = padding[i];
        INDArray out = Nd4j.pad(input, all);
        INDArrayIndex[] interior = Spatial.interior(out.shape(), axes, padding);
        // The gradient of the padding's zeros goes nowhere: the input's gradient is the interior. A copy, so
        // that no later in-place accumulation into it can write through to the caller's gradient.
        return Forward.of(out, g -> g.get(interior).dup());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("padding", Spatial.config(padding));
        if (hasDataFormat) c.put("data_format", dataFormat);
        return c;
    }
}
