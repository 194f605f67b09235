package io.jkeras.utils;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The matrix product every layer uses: ND4J's {@code matmul} op, which runs on oneDNN's gemm and so on the
 * same OpenMP threads as the convolutions and the elementwise kernels.
 *
 * <p>Why not {@code Nd4j.gemm}: that goes to the bundled OpenBLAS, which keeps a pool of its own (pthreads)
 * worker threads spinning after each call. On a machine with few cores those threads and OpenMP's then
 * compete for the same cores, and whichever pool is waiting burns the time the other needs. Measured on
 * this 2-core machine with OpenMP's default wait policy: (100×256)·(256×128) 262 µs through OpenBLAS against
 * 65 µs through oneDNN, (100×784)·(784×256) 380 against 286 µs, 2048³ 98 against 83 ms. One pool for
 * everything is what lets ND4J's threads wait by spinning (see the README's note on
 * {@code OMP_WAIT_POLICY}).
 *
 * <p>{@code c} may be a view (a slice of columns, a row of a larger array); the op copies in and out where
 * oneDNN needs dense memory. Types oneDNN does not multiply (double) fall back to ND4J's own kernel inside
 * the same op.
 *
 * <pre>{@code
 * jshell> INDArray c = Nd4j.create(DataType.FLOAT, 2, 2);
 * jshell> MatMul.gemm(Nd4j.eye(2).castTo(DataType.FLOAT), Nd4j.ones(DataType.FLOAT, 2, 2), c, false, false, 1.0, 0.0)
 * }</pre>
 */
public final class MatMul {
    private MatMul() {
    }

    /**
     * {@code c = alpha · op(a) · op(b) + beta · c}, where {@code op} transposes when asked. Shapes as for a
     * plain product of {@code op(a)} {@code (m, k)} and {@code op(b)} {@code (k, n)} into {@code c} {@code (m, n)}.
     */
    public static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
        MMulTranspose t = transA || transB
                ? MMulTranspose.builder().transposeA(transA).transposeB(transB).build()
                : MMulTranspose.allFalse();
        Nd4j.exec(new Mmul(a, b, c, alpha, beta, t));
    }
}
