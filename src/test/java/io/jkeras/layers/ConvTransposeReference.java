package io.jkeras.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A direct N-d transposed convolution in plain Java loops (channels_last), the independent reference the
 * transposed-convolution tests compare ND4J's native ops with. It is written from TensorFlow's definition (the
 * gradient of a forward convolution): the output size {@code O} is Keras's {@code deconv_output_length}, and input
 * position {@code i} with kernel tap {@code t} lands on output position {@code i*s + t*d - P}, where {@code P} is
 * the forward convolution's leading padding ({@code 0} for "valid", {@code max((n-1)*s + k_eff - O, 0) / 2} for
 * "same"). Kernel {@code (*k, filters, in)}, Keras's layout.
 */
final class ConvTransposeReference {
    private ConvTransposeReference() {
    }

    /** Keras's output length of a transposed convolution; {@code outputPadding < 0} stands for None. */
    static long outputLength(long n, long k, long s, long d, String padding, long outputPadding) {
        long kEff = (k - 1) * d + 1;
        if (padding.equals("valid")) {
            long op = outputPadding < 0 ? Math.max(kEff, s) - kEff : outputPadding;
            return (n - 1) * s + kEff + op;
        }
        return outputPadding < 0 ? n * s : (n - 1) * s + kEff % 2 + outputPadding;
    }

    /** x (n, *spatial, c), w (*k, f, c), b (f,) or null; {@code outputPadding} null for None. */
    static INDArray convTranspose(INDArray x, INDArray w, INDArray b, int[] s, int[] d, String padding, int[] outputPadding) {
        int rank = x.rank() - 2;
        long n = x.size(0);
        long c = x.size(rank + 1);
        long f = w.size(rank);
        long[] in = new long[rank];
        long[] k = new long[rank];
        long[] out = new long[rank];
        long[] lead = new long[rank];
        for (int i = 0; i < rank; i++) {
            in[i] = x.size(i + 1);
            k[i] = w.size(i);
            out[i] = outputLength(in[i], k[i], s[i], d[i], padding, outputPadding == null ? -1 : outputPadding[i]);
            long kEff = (k[i] - 1) * d[i] + 1;
            lead[i] = padding.equals("valid") ? 0 : Math.max((in[i] - 1) * s[i] + kEff - out[i], 0) / 2;
        }
        long[] outShape = new long[rank + 2];
        outShape[0] = n;
        for (int i = 0; i < rank; i++) outShape[i + 1] = out[i];
        outShape[rank + 1] = f;
        INDArray y = Nd4j.zeros(DataType.DOUBLE, outShape);
        long inPositions = 1;
        for (long v : in) inPositions *= v;
        long kPositions = 1;
        for (long v : k) kPositions *= v;
        long[] ii = new long[rank];
        long[] ki = new long[rank];
        // scatter every input pixel through every tap: the definition of the transposed convolution
        for (long b0 = 0; b0 < n; b0++) {
            for (long ip = 0; ip < inPositions; ip++) {
                unravel(ip, in, ii);
                for (long kp = 0; kp < kPositions; kp++) {
                    unravel(kp, k, ki);
                    long[] yi = new long[rank + 2];
                    yi[0] = b0;
                    boolean inside = true;
                    for (int a = 0; a < rank; a++) {
                        long o = ii[a] * s[a] + ki[a] * d[a] - lead[a];
                        inside &= o >= 0 && o < out[a];
                        yi[a + 1] = o;
                    }
                    if (!inside) continue;
                    for (long oc = 0; oc < f; oc++) {
                        double acc = 0;
                        for (long ic = 0; ic < c; ic++) {
                            long[] xi = new long[rank + 2];
                            xi[0] = b0;
                            System.arraycopy(ii, 0, xi, 1, rank);
                            xi[rank + 1] = ic;
                            long[] wi = new long[rank + 2];
                            System.arraycopy(ki, 0, wi, 0, rank);
                            wi[rank] = oc;
                            wi[rank + 1] = ic;
                            acc += x.getDouble(xi) * w.getDouble(wi);
                        }
                        yi[rank + 1] = oc;
                        y.putScalar(yi, y.getDouble(yi) + acc);
                    }
                }
            }
        }
        if (b != null) {
            long outPositions = y.length() / f;
            INDArray flat = y.reshape(outPositions, f);
            for (long p = 0; p < outPositions; p++) {
                for (long oc = 0; oc < f; oc++) flat.putScalar(p, oc, flat.getDouble(p, oc) + b.getDouble(oc));
            }
        }
        return y;
    }

    private static void unravel(long flat, long[] dims, long[] idx) {
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = flat % dims[i];
            flat /= dims[i];
        }
    }
}
