package io.jkeras.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.DoubleUnaryOperator;

/**
 * An independent reference for the recurrent layers: Keras's cell formulas written out on plain {@code double}
 * arrays, one sample and one step at a time, with the TensorFlow backend's loop semantics (go_backwards reads the
 * sequence from its end and returns outputs in reading order; a masked step keeps the states and outputs the
 * previous output, zeros before any unmasked step, or zeros with zero_output_for_mask).
 */
public final class RnnReference {
    private RnnReference() {
    }

    public static final DoubleUnaryOperator TANH = Math::tanh;
    public static final DoubleUnaryOperator SIGMOID = v -> 1 / (1 + Math.exp(-v));
    public static final DoubleUnaryOperator HARD_SIGMOID_KERAS2 = v -> Math.max(0, Math.min(1, 0.2 * v + 0.5));

    /** One step of a cell: new states from an input row and the states; the output is the first new state. */
    public interface Cell {
        double[][] step(double[] x, double[][] states);
    }

    /** The outputs of a run: per sample, the outputs in reading order, and the final states. */
    public record Result(double[][][] outputs, double[][][] finalStates) {
        /** The whole output sequence {@code (B, T, u)}. */
        public INDArray sequence() {
            return Nd4j.createFromArray(outputs);
        }

        /** The last output {@code (B, u)}. */
        public INDArray lastOutput() {
            double[][] o = new double[outputs.length][];
            for (int b = 0; b < o.length; b++) o[b] = outputs[b][outputs[b].length - 1];
            return Nd4j.createFromArray(o);
        }

        /** Final state {@code k}, {@code (B, u)}. */
        public INDArray state(int k) {
            double[][] s = new double[finalStates.length][];
            for (int b = 0; b < s.length; b++) s[b] = finalStates[b][k];
            return Nd4j.createFromArray(s);
        }
    }

    /**
     * Runs a cell over a batch.
     *
     * @param x {@code (B, T, n)}
     * @param mask {@code (B, T)} of 0/1, or null
     * @param init per state {@code (B, u)}, or null for zeros
     */
    public static Result run(Cell cell, INDArray x, INDArray mask, INDArray[] init, int stateCount, int units,
                      boolean goBackwards, boolean zeroOutputForMask) {
        double[][][] xs = toArray(x);
        int batch = xs.length;
        int steps = xs[0].length;
        double[][][] outs = new double[batch][steps][];
        double[][][] fin = new double[batch][][];
        for (int b = 0; b < batch; b++) {
            double[][] states = new double[stateCount][units];
            if (init != null) for (int k = 0; k < stateCount; k++) states[k] = init[k].castTo(DataType.DOUBLE).getRow(b).toDoubleVector();
            double[] prevOut = new double[units];
            for (int j = 0; j < steps; j++) {
                int t = goBackwards ? steps - 1 - j : j;
                double[][] next = cell.step(xs[b][t], states);
                double[] out;
                if (mask == null || mask.getDouble(b, t) != 0) {
                    states = next;
                    out = next[0].clone();
                } else {
                    out = zeroOutputForMask ? new double[units] : prevOut.clone();
                }
                outs[b][j] = out;
                prevOut = out;
            }
            fin[b] = states;
        }
        return new Result(outs, fin);
    }

    private static double[][][] toArray(INDArray x) {
        INDArray d = x.castTo(DataType.DOUBLE);
        double[][][] out = new double[(int) d.size(0)][(int) d.size(1)][(int) d.size(2)];
        for (int b = 0; b < out.length; b++) {
            for (int t = 0; t < out[b].length; t++) {
                for (int i = 0; i < out[b][t].length; i++) out[b][t][i] = d.getDouble(b, t, i);
            }
        }
        return out;
    }

    /** {@code x·W[:, cols] + h·U[:, cols] + bias[cols]} for gate block {@code g} of width {@code u}. */
    private static double[] affine(double[] x, double[][] w, double[] h, double[][] uw, double[] bias, int g, int u) {
        double[] z = new double[u];
        for (int j = 0; j < u; j++) {
            int col = g * u + j;
            double v = bias == null ? 0 : bias[col];
            for (int i = 0; i < x.length; i++) v += x[i] * w[i][col];
            if (h != null) for (int i = 0; i < h.length; i++) v += h[i] * uw[i][col];
            z[j] = v;
        }
        return z;
    }

    public static double[][] matrix(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    /** Keras's LSTM cell; gates i, f, c, o. */
    public static Cell lstm(INDArray kernel, INDArray recurrent, INDArray bias, DoubleUnaryOperator act, DoubleUnaryOperator rec) {
        double[][] w = matrix(kernel);
        double[][] uw = matrix(recurrent);
        double[] b = bias == null ? null : bias.castTo(DataType.DOUBLE).toDoubleVector();
        int u = uw.length;
        return (x, s) -> {
            double[] h = s[0];
            double[] c = s[1];
            double[] zi = affine(x, w, h, uw, b, 0, u);
            double[] zf = affine(x, w, h, uw, b, 1, u);
            double[] zc = affine(x, w, h, uw, b, 2, u);
            double[] zo = affine(x, w, h, uw, b, 3, u);
            double[] c2 = new double[u];
            double[] h2 = new double[u];
            for (int j = 0; j < u; j++) {
                c2[j] = rec.applyAsDouble(zf[j]) * c[j] + rec.applyAsDouble(zi[j]) * act.applyAsDouble(zc[j]);
                h2[j] = rec.applyAsDouble(zo[j]) * act.applyAsDouble(c2[j]);
            }
            return new double[][]{h2, c2};
        };
    }

    /** Keras's GRU cell; gates z, r, h; bias {@code (2, 3u)} with reset_after, {@code (3u,)} without. */
    public static Cell gru(INDArray kernel, INDArray recurrent, INDArray bias, boolean resetAfter, DoubleUnaryOperator act,
                    DoubleUnaryOperator rec) {
        double[][] w = matrix(kernel);
        double[][] uw = matrix(recurrent);
        int u = uw.length;
        double[] bIn = bias == null ? null : resetAfter ? bias.castTo(DataType.DOUBLE).getRow(0).toDoubleVector()
                : bias.castTo(DataType.DOUBLE).toDoubleVector();
        double[] bRec = bias == null || !resetAfter ? null : bias.castTo(DataType.DOUBLE).getRow(1).toDoubleVector();
        return (x, s) -> {
            double[] h = s[0];
            double[] xz = affine(x, w, null, null, bIn, 0, u);
            double[] xr = affine(x, w, null, null, bIn, 1, u);
            double[] xh = affine(x, w, null, null, bIn, 2, u);
            double[] hz = affine(h, uw, null, null, bRec, 0, u);
            double[] hr = affine(h, uw, null, null, bRec, 1, u);
            double[] z = new double[u];
            double[] r = new double[u];
            for (int j = 0; j < u; j++) {
                z[j] = rec.applyAsDouble(xz[j] + hz[j]);
                r[j] = rec.applyAsDouble(xr[j] + hr[j]);
            }
            double[] hh = new double[u];
            if (resetAfter) {
                double[] hh0 = affine(h, uw, null, null, bRec, 2, u);
                for (int j = 0; j < u; j++) hh[j] = act.applyAsDouble(xh[j] + r[j] * hh0[j]);
            } else {
                double[] rh = new double[u];
                for (int j = 0; j < u; j++) rh[j] = r[j] * h[j];
                double[] hh0 = affine(rh, uw, null, null, null, 2, u);
                for (int j = 0; j < u; j++) hh[j] = act.applyAsDouble(xh[j] + hh0[j]);
            }
            double[] h2 = new double[u];
            for (int j = 0; j < u; j++) h2[j] = z[j] * h[j] + (1 - z[j]) * hh[j];
            return new double[][]{h2};
        };
    }

    /** Keras's SimpleRNN cell. */
    public static Cell simple(INDArray kernel, INDArray recurrent, INDArray bias, DoubleUnaryOperator act) {
        double[][] w = matrix(kernel);
        double[][] uw = matrix(recurrent);
        double[] b = bias == null ? null : bias.castTo(DataType.DOUBLE).toDoubleVector();
        int u = uw.length;
        return (x, s) -> {
            double[] z = affine(x, w, s[0], uw, b, 0, u);
            for (int j = 0; j < u; j++) z[j] = act.applyAsDouble(z[j]);
            return new double[][]{z};
        };
    }
}
