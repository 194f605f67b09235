package io.jkeras.utils;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Column sums of a matrix as a matrix product with a row of ones, for bias gradients. ND4J's reduction along
 * the first axis is slow for tall matrices: summing a (6400, 256) array over its rows took 3.4–4.1 ms here
 * against 0.13–0.36 ms for {@code ones(1, 6400) · x} (a recurrent layer's bias gradient over 100 steps of 64
 * sequences), and was no faster for small ones. Small products run on one thread (see {@link Threads}).
 *
 * <pre>{@code
 * jshell> Sums.columnSums(Nd4j.ones(DataType.FLOAT, 3, 2), Nd4j.create(DataType.FLOAT, 2), 0.0)
 * $1 ==> [3.0000, 3.0000]
 * }</pre>
 */
public final class Sums {
    /** Below this many elements a product does not pay for waking a second thread. */
    private static final long SMALL = 1L << 16;
    private static final Map<String, INDArray> ONES = new ConcurrentHashMap<>();

    private Sums() {
    }

    /**
     * {@code out = beta · out + Σ_rows x}, where {@code x} is {@code (rows, n)} and {@code out} holds {@code n}
     * elements in C order (any shape, e.g. a bias {@code (n,)}). Falls back to ND4J's reduction for types BLAS
     * does not multiply.
     */
    public static void columnSums(INDArray x, INDArray out, double beta) {
        if (x.rank() != 2 || out.length() != x.columns()) {
            throw new IllegalArgumentException("columnSums needs a (rows, n) matrix and n outputs; got " + x.shapeInfoToString() + " and " + out.length());
        }
        DataType t = x.dataType();
        if ((t != DataType.FLOAT && t != DataType.DOUBLE) || out.dataType() != t || x.rows() == 0) {
            if (beta == 0.0) out.assign(x.sum(0).reshape(out.shape()));
            else out.addi(x.sum(0).reshape(out.shape()));
            return;
        }
        INDArray ones = ones(x.rows(), t);
        INDArray target = out.reshape('c', 1, x.columns()); // a view where out is contiguous, else a copy
        // MatMul's op takes a view as its output (a bias row of a GRU's (2, 3u) gradient is one)
        Runnable product = () -> MatMul.gemm(ones, x, target, false, false, 1.0, beta);
        if (x.length() < SMALL) Threads.single(product);
        else product.run();
        if (target.data() != out.data()) out.assign(target.reshape(out.shape())); // reshape had to copy
    }

    /** A cached {@code (1, n)} row of ones, kept outside any workspace. */
    private static INDArray ones(long n, DataType t) {
        return ONES.computeIfAbsent(t + ":" + n, k -> Workspaces.persistent(() -> Nd4j.ones(t, 1, n)));
    }
}
