package io.jkeras.layers;

import io.jkeras.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * What UpSampling1D/2D/3D share: integer factors on the {@code n} spatial axes of a rank {@code n + 2} input.
 *
 * <p>Nearest: each value repeated {@code size} times along each axis (ND4J's native {@code repeat}); its
 * gradient sums each block of copies, through a reshape that splits every spatial axis into
 * {@code (size_in, factor)} and one native reduction. Bilinear (2D only): the half-pixel-centre interpolation of
 * TF's {@code resize} (Keras 3's {@code ops.image.resize}, antialias off), which for an integer factor is a fixed
 * linear map per axis, {@code y = A x} with {@code A} of shape {@code (size_in * factor, size_in)}; forward
 * contracts each spatial axis with {@code A} and backward with {@code A}'s transpose, so both directions are two
 * native tensor products and match exactly. Package-private.
 */
abstract class UpSamplingBase extends Layer {
    final int[] size;
    private final boolean hasDataFormat;
    String dataFormat = Spatial.CHANNELS_LAST;
    String interpolation = "nearest";

    UpSamplingBase(int n, Object size, boolean hasDataFormat) {
        this.size = Spatial.tuple(size, n, "size", false);
        this.hasDataFormat = hasDataFormat;
        this.inputSpec = new InputSpec().ndim(n + 2);
    }

    /** The factor per spatial axis. */
    public int[] size() {
        return size.clone();
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
        return Spatial.axes(size.length, dataFormat);
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        return Spatial.mapSpatial(inputShape, axes(), (i, d) -> d * size[i]);
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        int[] axes = axes();
        if (interpolation.equals("bilinear")) return bilinear(input, axes);
        INDArray out = input;
        for (int i = 0; i < axes.length; i++) if (size[i] != 1) out = out.repeat(axes[i], size[i]);
        long[] inShape = input.shape();
        return Forward.of(out, g -> {
            // Split each spatial axis d*s into (d, s) and sum the s copies of every input value's gradient.
            long[] split = new long[inShape.length + axes.length];
            int[] copies = new int[axes.length];
            for (int j = 0, k = 0, a = 0; j < inShape.length; j++) {
                split[k++] = inShape[j];
                if (a < axes.length && axes[a] == j) {
                    copies[a] = k;
                    split[k++] = size[a++];
                }
            }
            return g.reshape('c', split).sum(copies);
        });
    }

    private Forward bilinear(INDArray input, int[] axes) {
        INDArray[] maps = new INDArray[axes.length];
        for (int i = 0; i < axes.length; i++) maps[i] = halfPixelLinear(input.size(axes[i]), size[i], input.dataType());
        INDArray out = input;
        for (int i = 0; i < axes.length; i++) out = along(out, maps[i], axes[i], 1);
        return Forward.of(out, g -> {
            INDArray dx = g;
            for (int i = 0; i < axes.length; i++) dx = along(dx, maps[i], axes[i], 0);
            return dx;
        });
    }

    /** Contracts {@code x}'s axis {@code axis} with dimension {@code dim} of matrix {@code m}; the result keeps the axis's place. */
    private static INDArray along(INDArray x, INDArray m, int axis, int dim) {
        INDArray r = Nd4j.tensorMmul(x, m, new int[][]{{axis}, {dim}}); // the new axis comes last
        int rank = r.rank();
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) perm[i] = i < axis ? i : i == axis ? rank - 1 : i - 1;
        return r.permute(perm);
    }

    /**
     * The {@code (in * factor, in)} interpolation matrix of TF's half-pixel-centre bilinear resize: output
     * {@code o} samples input coordinate {@code (o + 0.5) / factor - 0.5}, clamped at the edges, mixing its two
     * neighbours. A setup loop over one axis's output positions (not over tensor elements).
     */
    static INDArray halfPixelLinear(long in, int factor, DataType type) {
        long out = in * factor;
        double[][] a = new double[(int) out][(int) in];
        for (int o = 0; o < out; o++) {
            double src = (o + 0.5) / factor - 0.5;
            double lo = Math.floor(src);
            double frac = src - lo;
            int l = (int) Math.max(lo, 0), h = (int) Math.min(lo + 1, in - 1);
            a[o][l] += 1 - frac;
            a[o][h] += frac;
        }
        return Nd4j.createFromArray(a).castTo(type);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("size", size.length == 1 ? (Object) size[0] : Spatial.config(size));
        if (hasDataFormat) c.put("data_format", dataFormat);
        return c;
    }
}
