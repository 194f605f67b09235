package io.jkeras.layers;

import io.jkeras.activations.ActivationFunction;
import io.jkeras.utils.MatMul;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The single ND4J calls the recurrent kernels are made of, each writing into a given array (no temporary
 * results), and the layout changes between a layer's batch-major arrays and the kernels' time-major ones.
 * Package-private.
 */
final class RecurrentOps {
    private RecurrentOps() {
    }

    /** {@code out = a * b}, numpy-style broadcasting ({@code (B, u) * (B, 1)}). */
    static void mul(INDArray a, INDArray b, INDArray out) {
        Nd4j.exec(new MulOp(a, b, out));
    }

    /** {@code out = a + b}, broadcasting. */
    static void add(INDArray a, INDArray b, INDArray out) {
        Nd4j.exec(new AddOp(a, b, out));
    }

    /** {@code out = a - b}, broadcasting. */
    static void sub(INDArray a, INDArray b, INDArray out) {
        Nd4j.exec(new SubOp(a, b, out));
    }

    /** {@code c = op(a) op(b) + beta c} through BLAS, into {@code c} (a view is fine when it is contiguous). */
    static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double beta) {
        MatMul.gemm(a, b, c, transA, transB, 1.0, beta);
    }

    /** {@code out = f(x)}; sigmoid and tanh write straight into {@code out}, other functions through a copy. */
    static void activate(ActivationFunction f, INDArray x, INDArray out) {
        switch (f.name()) {
            case "sigmoid" -> Nd4j.exec(new Sigmoid(x, out));
            case "tanh" -> Nd4j.exec(new Tanh(x, out));
            case "linear" -> {
                if (out != x) out.assign(x);
            }
            default -> out.assign(f.forward(x));
        }
    }

    /** {@code out = dy * f'(x)} where {@code y = f(x)}. */
    static void activateBackward(ActivationFunction f, INDArray x, INDArray y, INDArray dy, INDArray out) {
        switch (f.name()) {
            case "sigmoid" -> Nd4j.exec(new SigmoidDerivative(x, dy, out));
            case "tanh" -> Nd4j.exec(new TanhDerivative(x, dy, out));
            case "linear" -> {
                if (out != dy) out.assign(dy);
            }
            default -> out.assign(f.backward(x, y, dy));
        }
    }

    /** {@code out = prev + m * (cand - prev)}: the candidate where the step mask {@code m} is 1, the previous state where 0. */
    static void blend(INDArray prev, INDArray cand, INDArray m, INDArray out) {
        sub(cand, prev, out);
        mul(out, m, out);
        add(out, prev, out);
    }

    /** Columns {@code [from, to)} of a matrix, or of the last axis of a rank-3 array, as a view. */
    static INDArray cols(INDArray a, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        for (int i = 0; i < idx.length - 1; i++) idx[i] = NDArrayIndex.all();
        idx[idx.length - 1] = NDArrayIndex.interval(from, to);
        return a.get(idx);
    }

    /** A batch-major sequence {@code (B, T, n)} as a new time-major array {@code (T, B, n)}, reversed in time if asked. */
    static INDArray timeMajor(INDArray x, boolean reverse) {
        INDArray t = x.permute(1, 0, 2);
        if (!reverse) return t.dup('c');
        INDArray out = Nd4j.createUninitialized(x.dataType(), t.shape());
        Nd4j.exec(new Reverse(t, out, 0));
        return out;
    }

    /** A time-major sequence {@code (T, B, n)} as a new batch-major array {@code (B, T, n)}, reversed in time if asked. */
    static INDArray batchMajor(INDArray t, boolean reverse) {
        INDArray b = t.permute(1, 0, 2);
        if (!reverse) return b.dup('c');
        INDArray out = Nd4j.createUninitialized(t.dataType(), b.shape());
        Nd4j.exec(new Reverse(b, out, 1));
        return out;
    }

    /** A time-major mask {@code (T, B, 1)} in type {@code like}'s from a batch-major {@code (B, T)} one of any type. */
    static INDArray timeMajorMask(INDArray mask, boolean reverse, INDArray like) {
        INDArray m = mask.dataType() == like.dataType() ? mask : mask.castTo(like.dataType());
        if (m.rank() == 3) m = m.reshape(m.size(0), m.size(1));
        INDArray t = timeMajor(m.reshape(m.size(0), m.size(1), 1), reverse);
        return t;
    }
}
