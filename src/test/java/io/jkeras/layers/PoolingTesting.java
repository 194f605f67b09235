package io.jkeras.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Test helpers for the pooling layers: tie-free inputs and a plain-loop reference pool (TF's rules). */
final class PoolingTesting {
    private PoolingTesting() {
    }

    /** A float64 array of this shape holding a shuffled 0.01-spaced range: no two values equal. */
    static INDArray distinct(long... shape) {
        int n = 1;
        for (long d : shape) n *= (int) d;
        List<Integer> v = new ArrayList<>();
        for (int i = 0; i < n; i++) v.add(i);
        Collections.shuffle(v, new Random(7));
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = v.get(i) * 0.01 - n * 0.005;
        return Nd4j.createFromArray(d).reshape(shape);
    }

    /**
     * Reference 2-D pool of an NHWC array, one element at a time: valid, or same with TF's padding (the odd
     * cell at the end); averages count only real cells.
     */
    static INDArray pool2d(INDArray x, int kh, int kw, int sh, int sw, boolean same, boolean max) {
        long b = x.size(0), h = x.size(1), w = x.size(2), c = x.size(3);
        long oh = same ? (h + sh - 1) / sh : (h - kh) / sh + 1;
        long ow = same ? (w + sw - 1) / sw : (w - kw) / sw + 1;
        long ph = same ? Math.max((oh - 1) * sh + kh - h, 0) / 2 : 0;
        long pw = same ? Math.max((ow - 1) * sw + kw - w, 0) / 2 : 0;
        INDArray y = Nd4j.create(DataType.DOUBLE, b, oh, ow, c);
        for (long n = 0; n < b; n++) {
            for (long i = 0; i < oh; i++) {
                for (long j = 0; j < ow; j++) {
                    for (long ch = 0; ch < c; ch++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (long di = 0; di < kh; di++) {
                            for (long dj = 0; dj < kw; dj++) {
                                long r = i * sh - ph + di, q = j * sw - pw + dj;
                                if (r < 0 || r >= h || q < 0 || q >= w) continue;
                                double v = x.getDouble(n, r, q, ch);
                                acc = max ? Math.max(acc, v) : acc + v;
                                count++;
                            }
                        }
                        y.putScalar(new long[]{n, i, j, ch}, max ? acc : acc / count);
                    }
                }
            }
        }
        return y.castTo(x.dataType());
    }

    /** Reference 3-D pool of an NDHWC array (cubic pool and stride), as {@link #pool2d}. */
    static INDArray pool3d(INDArray x, int k, int s, boolean same, boolean max) {
        long b = x.size(0), c = x.size(4);
        long[] n = {x.size(1), x.size(2), x.size(3)}, o = new long[3], p = new long[3];
        for (int a = 0; a < 3; a++) {
            o[a] = same ? (n[a] + s - 1) / s : (n[a] - k) / s + 1;
            p[a] = same ? Math.max((o[a] - 1) * s + k - n[a], 0) / 2 : 0;
        }
        INDArray y = Nd4j.create(DataType.DOUBLE, b, o[0], o[1], o[2], c);
        for (long bb = 0; bb < b; bb++) for (long i = 0; i < o[0]; i++) for (long j = 0; j < o[1]; j++)
            for (long l = 0; l < o[2]; l++) for (long ch = 0; ch < c; ch++) {
                double acc = max ? Double.NEGATIVE_INFINITY : 0;
                int count = 0;
                for (long di = 0; di < k; di++) for (long dj = 0; dj < k; dj++) for (long dl = 0; dl < k; dl++) {
                    long r = i * s - p[0] + di, q = j * s - p[1] + dj, t = l * s - p[2] + dl;
                    if (r < 0 || r >= n[0] || q < 0 || q >= n[1] || t < 0 || t >= n[2]) continue;
                    double v = x.getDouble(bb, r, q, t, ch);
                    acc = max ? Math.max(acc, v) : acc + v;
                    count++;
                }
                y.putScalar(new long[]{bb, i, j, l, ch}, max ? acc : acc / count);
            }
        return y.castTo(x.dataType());
    }
}
