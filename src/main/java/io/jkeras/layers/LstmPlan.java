package io.jkeras.layers;

import io.jkeras.utils.Threads;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

import static io.jkeras.layers.RecurrentOps.cols;
import static io.jkeras.layers.RecurrentOps.mul;
import static io.jkeras.layers.RecurrentOps.sub;

import static io.jkeras.layers.PlannedCall.MULTIPLY;
import static io.jkeras.layers.PlannedCall.ADD;
import static io.jkeras.layers.PlannedCall.SIGMOID;
import static io.jkeras.layers.PlannedCall.TANH;

/**
 * The buffers and the prepared ND4J calls of an {@link LSTM}'s training loop for one input shape, reused from
 * call to call. The common case (no mask, no recurrent dropout, sigmoid gates, tanh cell) spends its time in
 * per-step calls, so each step's views and ND4J op contexts are made once: a step is 10 calls forward and 9
 * backward, allocating nothing ({@link PlannedCall}s), and the op form of tanh runs oneDNN's vectorised kernel
 * (about 2.5 times faster than the legacy transform). Each gate's activations go to their own contiguous
 * {@code (T, B, u)} array, because ND4J's
 * elementwise ops on strided views were 10-20 times slower than on contiguous arrays: the backward pass's
 * per-gate slopes are then 15 contiguous calls over all steps. A plan belongs to one call from its forward pass
 * until its backward pass ends; {@link LstmKernel} keeps the free ones. Package-private.
 */
final class LstmPlan {
    final long steps;
    final long batch;
    final long units;
    final DataType type;
    /** Pre-activations {@code (T, B, 4u)}: {@code x·W + b}, completed step by step with {@code h·U}. */
    final INDArray z;
    /** Gate activations i, f, g (the candidate), o, each {@code (T, B, u)}. */
    final INDArray gi;
    final INDArray gf;
    final INDArray gg;
    final INDArray go;
    /** States with the initial ones first {@code (T+1, B, u)}; tanh(c) per step {@code (T, B, u)}. */
    final INDArray hs;
    final INDArray cs;
    final INDArray tc;
    /** Backward: d(loss)/d(h) per step, per-gate slopes, d(h)/d(c), d(z), the running d(c), d(initial h). */
    final INDArray g;
    final INDArray ki;
    final INDArray kf;
    final INDArray kg;
    final INDArray ko;
    final INDArray p;
    final INDArray dz;
    final INDArray dc;
    final INDArray gc;
    final INDArray dh0;
    private final List<PlannedCall> forwardOps = new ArrayList<>();
    private final List<PlannedCall> backwardOps = new ArrayList<>();

    LstmPlan(long steps, long batch, long units, INDArray recurrentKernel) {
        this.steps = steps;
        this.batch = batch;
        this.units = units;
        this.type = recurrentKernel.dataType();
        long u = units;
        z = Nd4j.createUninitialized(type, steps, batch, 4 * u);
        gi = Nd4j.createUninitialized(type, steps, batch, u);
        gf = gi.ulike();
        gg = gi.ulike();
        go = gi.ulike();
        hs = Nd4j.createUninitialized(type, steps + 1, batch, u);
        cs = hs.ulike();
        tc = gi.ulike();
        g = gi.ulike();
        ki = gi.ulike();
        kf = gi.ulike();
        kg = gi.ulike();
        ko = gi.ulike();
        p = gi.ulike();
        dz = z.ulike();
        dc = Nd4j.createUninitialized(type, batch, u);
        gc = dc.ulike();
        dh0 = dc.ulike();
        INDArray ig = dc.ulike();
        INDArray[] dzg = {dc.ulike(), dc.ulike(), dc.ulike(), dc.ulike()};
        MMulTranspose transB = MMulTranspose.builder().transposeA(false).transposeB(true).build();
        for (int t = 0; t < steps; t++) {
            INDArray zt = z.slice(t);
            INDArray c = cs.slice(t + 1);
            INDArray tct = tc.slice(t);
            // z += h·U;  i, f, o = σ(z);  g = tanh(z);  c' = f c + i g;  h' = o tanh(c')
            forwardOps.add(PlannedCall.product(new Mmul(hs.slice(t), recurrentKernel, zt, 1.0, 1.0, MMulTranspose.allFalse())));
            forwardOps.add(PlannedCall.unary(SIGMOID, cols(zt, 0, u), gi.slice(t)));
            forwardOps.add(PlannedCall.unary(SIGMOID, cols(zt, u, 2 * u), gf.slice(t)));
            forwardOps.add(PlannedCall.unary(TANH, cols(zt, 2 * u, 3 * u), gg.slice(t)));
            forwardOps.add(PlannedCall.unary(SIGMOID, cols(zt, 3 * u, 4 * u), go.slice(t)));
            forwardOps.add(PlannedCall.binary(MULTIPLY, gf.slice(t), cs.slice(t), c));
            forwardOps.add(PlannedCall.binary(MULTIPLY, gi.slice(t), gg.slice(t), ig));
            forwardOps.add(PlannedCall.binary(ADD, c, ig, c));
            forwardOps.add(PlannedCall.unary(TANH, c, tct));
            forwardOps.add(PlannedCall.binary(MULTIPLY, go.slice(t), tct, hs.slice(t + 1)));
        }
        for (long t = steps - 1; t >= 0; t--) {
            INDArray gt = g.slice(t);
            INDArray dzt = dz.slice(t);
            // d(h) from the step after, through U; d(c') = d(h) ⊙ d(h)/d(c') + the carried d(c); d(z) per gate
            if (t < steps - 1) backwardOps.add(PlannedCall.product(new Mmul(dz.slice(t + 1), recurrentKernel, gt, 1.0, 1.0, transB)));
            backwardOps.add(PlannedCall.binary(MULTIPLY, gt, p.slice(t), dc));
            backwardOps.add(PlannedCall.binary(ADD, dc, gc, dc));
            // Per gate into contiguous arrays, then one concat into the step's (B, 4u) row: ND4J writes strided
            // column blocks about three times slower than contiguous arrays.
            backwardOps.add(PlannedCall.binary(MULTIPLY, ki.slice(t), dc, dzg[0]));
            backwardOps.add(PlannedCall.binary(MULTIPLY, kf.slice(t), dc, dzg[1]));
            backwardOps.add(PlannedCall.binary(MULTIPLY, kg.slice(t), dc, dzg[2]));
            backwardOps.add(PlannedCall.binary(MULTIPLY, ko.slice(t), gt, dzg[3]));
            backwardOps.add(PlannedCall.concat(dzg, dzt));
            backwardOps.add(PlannedCall.binary(MULTIPLY, dc, gf.slice(t), gc));
        }
        backwardOps.add(PlannedCall.product(new Mmul(dz.slice(0), recurrentKernel, dh0, 1.0, 0.0, transB)));
    }

    /** The plan's buffers in bytes. */
    long bytes() {
        long elems = 2 * z.length() + 2 * hs.length() + 11 * gi.length();
        return elems * type.width();
    }

    /** Whether this plan fits a call. */
    boolean fits(long steps, long batch, DataType type) {
        return this.steps == steps && this.batch == batch && this.type == type;
    }

    /** Runs the loop over the steps; {@code z} holds {@code x·W + b}, {@code hs[0]} and {@code cs[0]} the initial states. */
    void forward() {
        Threads.single(() -> PlannedCall.runAll(forwardOps)); // hundreds of small calls: see Threads
    }

    /**
     * Back-propagates through the steps: {@code g} holds d(loss)/d(h) per step and {@code gc} d(loss)/d(last c).
     * After it, {@code dz} holds d(loss)/d(z), {@code dh0} and {@code gc} the initial states' gradients.
     */
    void backward() {
        slopes(); // large contiguous calls: every thread
        Threads.single(() -> PlannedCall.runAll(backwardOps));
    }

    /**
     * For all steps at once, from the activations (no exp or tanh again), on contiguous arrays:
     * d(z_i)/d(c') = i (1 - i) g, d(z_f)/d(c') = f (1 - f) c, d(z_c)/d(c') = i (1 - g²),
     * d(z_o)/d(h') = o (1 - o) tanh(c'), d(h')/d(c') = o (1 - tanh²(c')).
     */
    private void slopes() {
        INDArray cPrev = cs.get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(), NDArrayIndex.all());
        sigmoidSlope(gi, gg, ki);
        sigmoidSlope(gf, cPrev, kf);
        sigmoidSlope(go, tc, ko);
        tanhSlope(gg, gi, kg);
        tanhSlope(tc, go, p);
    }

    /** {@code out = s (1 - s) m = (s - s²) m}. */
    private static void sigmoidSlope(INDArray s, INDArray m, INDArray out) {
        mul(s, s, out);
        sub(s, out, out);
        mul(out, m, out);
    }

    /** {@code out = (1 - y²) m = m - y² m}. */
    private static void tanhSlope(INDArray y, INDArray m, INDArray out) {
        mul(y, y, out);
        mul(out, m, out);
        sub(m, out, out);
    }
}
