package io.jkeras.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Keras's {@code batch_dot} with its gradient, for {@link Dot}: each operand is seen as a batch of matrices,
 * {@code x} as {@code (b, M, K)} and {@code y} as {@code (b, K, N)}, multiplied by one batched native matmul.
 * Operands already in a usable layout (the common cases) are passed as views, with transpose flags
 * instead of copies; only other axis orders are permuted into a contiguous copy. Package-private.
 */
final class BatchDot {
    private BatchDot() {
    }

    /** One operand as a rank-3 array, and how to get its gradient back into the input's layout. */
    private record Operand(INDArray a3, boolean transposed, long[] physical, int[] inverse) {
        /** {@code x} with axis {@code axis} contracted, as {@code (b, rest, K)} ({@code last}) or {@code (b, K, rest)}. */
        static Operand of(INDArray x, int axis, boolean last) {
            int r = x.rank();
            long b = x.size(0), k = x.size(axis), rest = 1;
            for (int i = 1; i < r; i++) if (i != axis) rest *= x.size(i);
            int natural = last ? r - 1 : 1;   // where the contracted axis already is in the wanted layout
            int swapped = last ? 1 : 2;       // where a transpose flag can take it instead (rank 3 only)
            if (axis == natural) {
                return new Operand(x.reshape('c', last ? new long[]{b, rest, k} : new long[]{b, k, rest}), false, x.shape(), null);
            }
            if (r == 3 && axis == swapped) return new Operand(x, true, x.shape(), null);
            int[] perm = new int[r];
            int j = 0;
            perm[j++] = 0;
            if (!last) perm[j++] = axis;
            for (int i = 1; i < r; i++) if (i != axis) perm[j++] = i;
            if (last) perm[j] = axis;
            int[] inverse = new int[r];
            for (int i = 0; i < r; i++) inverse[perm[i]] = i;
            INDArray moved = x.permute(perm);
            long[] physical = moved.shape();
            // the reshape of the permuted view is the one contiguous copy this axis order needs
            return new Operand(moved.reshape('c', last ? new long[]{b, rest, k} : new long[]{b, k, rest}), false, physical, inverse);
        }

        /** A gradient in {@link #a3}'s layout, back in the input's shape and axis order. */
        INDArray restore(INDArray d3) {
            INDArray d = d3.reshape('c', physical);
            return inverse == null ? d : d.permute(inverse);
        }
    }

    /** {@code batch_dot(x, y, (ax, ay))} reshaped to {@code outShape}, with its backward closure. */
    static Forward forward(INDArray x, INDArray y, int ax, int ay, long[] outShape) {
        if (x.rank() == 2 && y.rank() == 2) {
            // Row-wise inner products: a multiply and a sum beat b tiny matmuls.
            INDArray out = x.mul(y).sum(true, 1);
            return Forward.of(List.of(out), g -> List.of(y.mul(g.get(0)), x.mul(g.get(0))));
        }
        Operand X = Operand.of(x, ax, true), Y = Operand.of(y, ay, false);
        INDArray o3 = Nd4j.matmul(X.a3, Y.a3, X.transposed, Y.transposed, false);
        long b = o3.size(0), m = o3.size(1), n = o3.size(2);
        return Forward.of(List.of(o3.reshape('c', outShape)), gs -> {
            INDArray g3 = gs.get(0).reshape('c', b, m, n);
            // dX = g·Yᵀ and dY = Xᵀ·g, each computed directly in its operand's stored layout.
            INDArray dx = X.transposed ? Nd4j.matmul(Y.a3, g3, Y.transposed, true, false)
                    : Nd4j.matmul(g3, Y.a3, false, !Y.transposed, false);
            INDArray dy = Y.transposed ? Nd4j.matmul(g3, X.a3, true, X.transposed, false)
                    : Nd4j.matmul(X.a3, g3, !X.transposed, false, false);
            return List.of(X.restore(dx), Y.restore(dy));
        });
    }
}
