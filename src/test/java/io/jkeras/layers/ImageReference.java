package io.jkeras.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain-loop references for the image layers, written from TensorFlow's kernels (what Keras 3 runs on its
 * TensorFlow backend), pixel by pixel, independently of the ND4J code under test:
 * {@code ImageProjectiveTransformV3} ({@code image_ops.h}) and {@code resize_bilinear} /
 * {@code resize_nearest_neighbor} with {@code half_pixel_centers=True}.
 */
final class ImageReference {
    private ImageReference() {
    }

    /** The affine transform of NHWC {@code x}, one row {@code [a0, a1, a2, b0, b1, b2]} per image. */
    static INDArray affine(INDArray x, double[][] t, String interpolation, String fillMode, double fillValue) {
        int b = (int) x.size(0), h = (int) x.size(1), w = (int) x.size(2), c = (int) x.size(3);
        double[][][][] in = toArray(x);
        double[] out = new double[b * h * w * c];
        int o = 0;
        for (int n = 0; n < b; n++) {
            for (int oy = 0; oy < h; oy++) {
                for (int ox = 0; ox < w; ox++) {
                    double ix = map(t[n][0] * ox + t[n][1] * oy + t[n][2], w, fillMode);
                    double iy = map(t[n][3] * ox + t[n][4] * oy + t[n][5], h, fillMode);
                    for (int ch = 0; ch < c; ch++) {
                        double v;
                        if (interpolation.equals("nearest")) {
                            v = read(in, n, (long) Math.floor(Math.abs(iy) + 0.5) * (long) Math.signum(iy),
                                    (long) Math.floor(Math.abs(ix) + 0.5) * (long) Math.signum(ix), ch, fillValue);
                        } else {
                            double yf = Math.floor(iy), xf = Math.floor(ix), yc = yf + 1, xc = xf + 1;
                            double top = (xc - ix) * read(in, n, (long) yf, (long) xf, ch, fillValue)
                                    + (ix - xf) * read(in, n, (long) yf, (long) xc, ch, fillValue);
                            double bottom = (xc - ix) * read(in, n, (long) yc, (long) xf, ch, fillValue)
                                    + (ix - xf) * read(in, n, (long) yc, (long) xc, ch, fillValue);
                            v = (yc - iy) * top + (iy - yf) * bottom;
                        }
                        out[o++] = v;
                    }
                }
            }
        }
        return Nd4j.create(out, new long[]{b, h, w, c}, DataType.DOUBLE);
    }

    private static double read(double[][][][] in, int n, long y, long x, int ch, double fill) {
        return y >= 0 && y < in[0].length && x >= 0 && x < in[0][0].length ? in[n][(int) y][(int) x][ch] : fill;
    }

    /** TensorFlow's MapCoordinate, branch by branch. */
    static double map(double v, int len, String mode) {
        switch (mode) {
            case "constant":
                return v;
            case "nearest":
                return Math.min(Math.max(v, 0), len - 1);
            case "reflect": {
                double in = v;
                if (in < 0) {
                    if (len <= 1) in = 0;
                    else {
                        long sz2 = 2L * len;
                        if (in < sz2) in = sz2 * (long) (-in / sz2) + in;
                        in = in < -len ? in + sz2 : -in - 1;
                    }
                } else if (in > len - 1) {
                    if (len <= 1) in = 0;
                    else {
                        long sz2 = 2L * len;
                        in -= sz2 * (long) (in / sz2);
                        if (in >= len) in = sz2 - in - 1;
                    }
                }
                return Math.min(Math.max(in, 0), len - 1);
            }
            case "wrap": {
                double in = v;
                if (in < 0) {
                    if (len <= 1) in = 0;
                    else {
                        long sz = len - 1;
                        in += len * ((long) (-in / sz) + 1);
                    }
                } else if (in > len - 1) {
                    if (len <= 1) in = 0;
                    else {
                        long sz = len - 1;
                        in -= len * (long) (in / sz);
                    }
                }
                return Math.min(Math.max(in, 0), len - 1);
            }
            default:
                throw new IllegalArgumentException(mode);
        }
    }

    /** TensorFlow's half-pixel-centers resize of NHWC {@code x} to {@code (oh, ow)}, in float32 coordinates as TF. */
    static INDArray resize(INDArray x, int oh, int ow, boolean nearest) {
        int b = (int) x.size(0), h = (int) x.size(1), w = (int) x.size(2), c = (int) x.size(3);
        double[][][][] in = toArray(x);
        double[] out = new double[b * oh * ow * c];
        float sy = (float) h / oh, sx = (float) w / ow;
        int o = 0;
        for (int n = 0; n < b; n++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int ch = 0; ch < c; ch++) {
                        if (nearest) {
                            int yi = Math.max(0, Math.min((int) Math.floor((i + 0.5f) * sy), h - 1));
                            int xi = Math.max(0, Math.min((int) Math.floor((j + 0.5f) * sx), w - 1));
                            out[o++] = in[n][yi][xi][ch];
                        } else {
                            float iy = (i + 0.5f) * sy - 0.5f, ix = (j + 0.5f) * sx - 0.5f;
                            int y0 = (int) Math.max(Math.floor(iy), 0), y1 = (int) Math.min(Math.ceil(iy), h - 1);
                            int x0 = (int) Math.max(Math.floor(ix), 0), x1 = (int) Math.min(Math.ceil(ix), w - 1);
                            double ly = iy - Math.floor(iy), lx = ix - Math.floor(ix);
                            double top = in[n][y0][x0][ch] + (in[n][y0][x1][ch] - in[n][y0][x0][ch]) * lx;
                            double bottom = in[n][y1][x0][ch] + (in[n][y1][x1][ch] - in[n][y1][x0][ch]) * lx;
                            out[o++] = top + (bottom - top) * ly;
                        }
                    }
                }
            }
        }
        return Nd4j.create(out, new long[]{b, oh, ow, c}, DataType.DOUBLE);
    }

    static double[][][][] toArray(INDArray x) {
        int b = (int) x.size(0), h = (int) x.size(1), w = (int) x.size(2), c = (int) x.size(3);
        double[][][][] a = new double[b][h][w][c];
        for (int n = 0; n < b; n++) for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) for (int ch = 0; ch < c; ch++) {
            a[n][i][j][ch] = x.getDouble(n, i, j, ch);
        }
        return a;
    }
}
