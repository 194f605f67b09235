package io.jkeras.layers;

import io.jkeras.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;

import java.util.List;
import java.util.Map;

/**
 * What Cropping1D/2D/3D share: {@code n} (before, after) pairs removed from the spatial axes of a rank
 * {@code n + 2} input. Forward is a view of the input (no copy); backward writes the gradient into the
 * interior of a zero array of the input's shape. Package-private.
 */
abstract class CroppingBase extends Layer {
    final int[][] cropping;
    private final boolean hasDataFormat;
    String dataFormat = Spatial.CHANNELS_LAST;

    CroppingBase(int n, Object spec, boolean hasDataFormat) {
        this.cropping = Spatial.pairs(spec, n, "cropping");
        this.hasDataFormat = hasDataFormat;
        this.inputSpec = new InputSpec().ndim(n + 2);
    }

    /** The (before, after) pairs, one per spatial axis. */
    public int[][] cropping() {
        return cropping.clone();
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
        return Spatial.axes(cropping.length, dataFormat);
    }

    /** Keras's message when the cropping leaves nothing; Cropping1D words it differently. */
    String tooMuchMessage(Shape input) {
        return "Values in `cropping` argument should be smaller than the corresponding spatial dimension of the input. "
                + "Received: input_shape=" + input + ", cropping=" + Spatial.repr(cropping.length == 1 ? cropping[0] : cropping);
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        super.checkInputs(shapes);
        computeOutputShape(shapes.get(0)); // eager calls must fail as symbolic ones do
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        int[] axes = axes();
        for (int i = 0; i < axes.length; i++) {
            Integer d = inputShape.get(axes[i]);
            if (d != null && cropping[i][0] + cropping[i][1] >= d) throw LayerErrors.of(this, tooMuchMessage(inputShape));
        }
        return Spatial.mapSpatial(inputShape, axes, (i, d) -> d - cropping[i][0] - cropping[i][1]);
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        long[] inShape = input.shape();
        INDArrayIndex[] interior = Spatial.interior(inShape, axes(), cropping);
        return Forward.of(input.get(interior), g -> {
            INDArray dx = Nd4j.zeros(g.dataType(), inShape); // the cropped-away border gets no gradient
            dx.get(interior).assign(g);
            return dx;
        });
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("cropping", Spatial.config(cropping));
        if (hasDataFormat) c.put("data_format", dataFormat);
        return c;
    }
}
