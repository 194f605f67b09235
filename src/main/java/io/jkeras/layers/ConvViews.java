package io.jkeras.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The 1-D convolution layers as ND4J's 2-D ops over a height of 1 (ND4J's 1-D ops wrap the 2-D ones anyway):
 * reshapes of contiguous arrays, never copies of the data. Arrays of any other rank pass through unchanged.
 */
final class ConvViews {
    private ConvViews() {
    }

    /** {@code (b, n, c)} → {@code (b, 1, n, c)}, or channels first {@code (b, c, n)} → {@code (b, c, 1, n)}. */
    static INDArray to2d(INDArray a, boolean channelsLast) {
        if (a.rank() != 3) return a;
        return channelsLast ? a.reshape(a.size(0), 1, a.size(1), a.size(2)) : a.reshape(a.size(0), a.size(1), 1, a.size(2));
    }

    /** The inverse of {@link #to2d} for a layer of {@code rank} spatial axes. */
    static INDArray from2d(INDArray a, int rank, boolean channelsLast) {
        if (rank != 1) return a;
        return channelsLast ? a.reshape(a.size(0), a.size(2), a.size(3)) : a.reshape(a.size(0), a.size(1), a.size(3));
    }

    /** A 1-D kernel {@code (k, a, b)} as the 2-D {@code (1, k, a, b)}; kernels of other ranks unchanged. */
    static INDArray kernel2d(INDArray w, int rank) {
        return rank == 1 ? w.reshape(1, w.size(0), w.size(1), w.size(2)) : w;
    }
}
