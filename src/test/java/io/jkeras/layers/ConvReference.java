package io.jkeras.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A direct N-d convolution in plain Java loops (channels_last), the independent reference the conv tests
 * compare ND4J's native ops with: Keras's kernel layout {@code (*k, in/groups, out)}, TensorFlow's "same"
 * padding (the odd pixel goes after), dilation and groups.
 */
final class ConvReference {
    private ConvReference() {
    }

    /** x (n, *spatial, c), w (*k, c/groups, f), b (f,) or null; "valid", "same" or "causal" (left padding). */
    static INDArray conv(INDArray x, INDArray w, INDArray b, int[] s, int[] d, String padding, int groups) {
        int rank = x.rank() - 2;
        long n = x.size(0);
        long c = x.size(rank + 1);
        long f = w.size(rank + 1);
        long cg = c / groups;
        long fg = f / groups;
        long[] in = new long[rank];
        long[] k = new long[rank];
        long[] out = new long[rank];
        long[] padBefore = new long[rank];
        for (int i = 0; i < rank; i++) {
            in[i] = x.size(i + 1);
            k[i] = w.size(i);
            long span = d[i] * (k[i] - 1) + 1;
            if (padding.equals("valid")) {
                out[i] = (in[i] - span) / s[i] + 1;
            } else {
                out[i] = (in[i] + s[i] - 1) / s[i];
                long total = Math.max((out[i] - 1) * s[i] + span - in[i], 0);
                padBefore[i] = padding.equals("causal") ? d[i] * (k[i] - 1) : total / 2;
            }
        }
        long[] outShape = new long[rank + 2];
        outShape[0] = n;
        for (int i = 0; i < rank; i++) outShape[i + 1] = out[i];
        outShape[rank + 1] = f;
        INDArray y = Nd4j.zeros(DataType.DOUBLE, outShape);
        long outPositions = 1;
        for (long o : out) outPositions *= o;
        long kPositions = 1;
        for (long kk : k) kPositions *= kk;
        long[] oi = new long[rank];
        long[] ki = new long[rank];
        for (long b0 = 0; b0 < n; b0++) {
            for (long op = 0; op < outPositions; op++) {
                unravel(op, out, oi);
                for (long oc = 0; oc < f; oc++) {
                    long g = oc / fg;
                    double acc = b == null ? 0 : b.getDouble(oc);
                    for (long kp = 0; kp < kPositions; kp++) {
                        unravel(kp, k, ki);
                        long[] xi = new long[rank + 2];
                        xi[0] = b0;
                        boolean inside = true;
                        for (int i = 0; i < rank; i++) {
                            long p = oi[i] * s[i] + ki[i] * d[i] - padBefore[i];
                            inside &= p >= 0 && p < in[i];
                            xi[i + 1] = p;
                        }
                        if (!inside) continue;
                        for (long ic = 0; ic < cg; ic++) {
                            xi[rank + 1] = g * cg + ic;
                            long[] wi = new long[rank + 2];
                            System.arraycopy(ki, 0, wi, 0, rank);
                            wi[rank] = ic;
                            wi[rank + 1] = oc;
                            acc += x.getDouble(xi) * w.getDouble(wi);
                        }
                    }
                    long[] yi = new long[rank + 2];
                    yi[0] = b0;
                    System.arraycopy(oi, 0, yi, 1, rank);
                    yi[rank + 1] = oc;
                    y.putScalar(yi, acc);
                }
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
