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
import static io.jkeras.layers.PlannedCall.SUBTRACT;
import static io.jkeras.layers.PlannedCall.SIGMOID;
import static io.jkeras.layers.PlannedCall.TANH;

/**
 * The buffers and prepared ND4J calls of a {@link GRU}'s training loop for one input shape, as {@link LstmPlan}
 * is for the LSTM: Keras's default GRU ({@code reset_after=true}, sigmoid gates, tanh candidate) without mask or
 * recurrent dropout. A step is 11 calls forward and 9 backward through kept op contexts; gate values live in
 * contiguous per-gate arrays so that the backward slopes are whole-array calls. Package-private.
 */
final class GruPlan {
    final long steps;
    final long batch;
    final long units;
    final DataType type;
    /** {@code x·W + b_in} {@code (T, B, 3u)}; {@code h·U + b_rec} per step {@code (T, B, 3u)}. */
    final INDArray xz;
    final INDArray rz;
    /** z and r before and after the sigmoid, the candidate's pre-activation and value, each {@code (T, B, u)}. */
    final INDArray sz;
    final INDArray sr;
    final INDArray gz;
    final INDArray gr;
    final INDArray hp;
    final INDArray hh;
    /** States, the initial one first {@code (T+1, B, u)}. */
    final INDArray hs;
    /** Backward: d(loss)/d(h) per step, slopes, gradients of x·W and h·U per step, d(initial h). */
    final INDArray g;
    final INDArray k1;
    final INDArray k2;
    final INDArray k3;
    final INDArray k4;
    final INDArray dxz;
    final INDArray drz;
    final INDArray dh0;
    private final INDArray ones;
    private final List<PlannedCall> forwardOps = new ArrayList<>();
    private final List<PlannedCall> backwardOps = new ArrayList<>();


    GruPlan(long steps, long batch, long units, INDArray recurrentKernel) {
        this.steps = steps;
        this.batch = batch;
        this.units = units;
        this.type = recurrentKernel.dataType();
        long u = units;
        xz = Nd4j.createUninitialized(type, steps, batch, 3 * u);
        rz = xz.ulike();
        sz = Nd4j.createUninitialized(type, steps, batch, u);
        sr = sz.ulike();
        gz = sz.ulike();
        gr = sz.ulike();
        hp = sz.ulike();
        hh = sz.ulike();
        hs = Nd4j.createUninitialized(type, steps + 1, batch, u);
        g = sz.ulike();
        k1 = sz.ulike();
        k2 = sz.ulike();
        k3 = sz.ulike();
        k4 = sz.ulike();
        dxz = xz.ulike();
        drz = xz.ulike();
        dh0 = Nd4j.createUninitialized(type, batch, u);
        ones = Nd4j.ones(type, steps, batch, u);
        INDArray tmp = dh0.ulike();
        INDArray[] part = {dh0.ulike(), dh0.ulike(), dh0.ulike(), dh0.ulike()};
        for (int t = 0; t < steps; t++) {
            INDArray xzt = xz.slice(t);
            INDArray rzt = rz.slice(t);
            INDArray h = hs.slice(t);
            // h·U + b_rec; z, r = σ(x_z + h_z, x_r + h_r); hh = tanh(x_h + r ⊙ h_h); h' = hh + z ⊙ (h - hh)
            forwardOps.add(PlannedCall.product(new Mmul(h, recurrentKernel, rzt, 1.0, 1.0, MMulTranspose.allFalse())));
            forwardOps.add(PlannedCall.binary(ADD, cols(xzt, 0, u), cols(rzt, 0, u), sz.slice(t)));
            forwardOps.add(PlannedCall.binary(ADD, cols(xzt, u, 2 * u), cols(rzt, u, 2 * u), sr.slice(t)));
            forwardOps.add(PlannedCall.unary(SIGMOID, sz.slice(t), gz.slice(t)));
            forwardOps.add(PlannedCall.unary(SIGMOID, sr.slice(t), gr.slice(t)));
            forwardOps.add(PlannedCall.binary(MULTIPLY, gr.slice(t), cols(rzt, 2 * u, 3 * u), hp.slice(t)));
            forwardOps.add(PlannedCall.binary(ADD, hp.slice(t), cols(xzt, 2 * u, 3 * u), hp.slice(t)));
            forwardOps.add(PlannedCall.unary(TANH, hp.slice(t), hh.slice(t)));
            forwardOps.add(PlannedCall.binary(SUBTRACT, h, hh.slice(t), tmp));
            forwardOps.add(PlannedCall.binary(MULTIPLY, gz.slice(t), tmp, tmp));
            forwardOps.add(PlannedCall.binary(ADD, hh.slice(t), tmp, hs.slice(t + 1)));
        }
        MMulTranspose transB = MMulTranspose.builder().transposeA(false).transposeB(true).build();
        for (long t = steps - 1; t >= 0; t--) {
            INDArray gt = g.slice(t);
            // d(z), d(r), d(hh pre), d(h_h) per gate from d(h'); then the rows of d(x·W) and d(h·U)
            backwardOps.add(PlannedCall.binary(MULTIPLY, gt, k2.slice(t), part[0]));
            backwardOps.add(PlannedCall.binary(MULTIPLY, gt, k3.slice(t), part[1]));
            backwardOps.add(PlannedCall.binary(MULTIPLY, gt, k1.slice(t), part[2]));
            backwardOps.add(PlannedCall.binary(MULTIPLY, gt, k4.slice(t), part[3]));
            backwardOps.add(PlannedCall.concat(new INDArray[]{part[0], part[1], part[2]}, dxz.slice(t)));
            backwardOps.add(PlannedCall.concat(new INDArray[]{part[0], part[1], part[3]}, drz.slice(t)));
            // d(h) of the step before: directly through z, and through U
            INDArray prev = t > 0 ? g.slice(t - 1) : dh0;
            backwardOps.add(PlannedCall.binary(MULTIPLY, gt, gz.slice(t), tmp));
            if (t > 0) backwardOps.add(PlannedCall.binary(ADD, prev, tmp, prev));
            else backwardOps.add(PlannedCall.binary(ADD, tmp, Nd4j.zeros(type, batch, u), prev));
            backwardOps.add(PlannedCall.product(new Mmul(drz.slice(t), recurrentKernel, prev, 1.0, 1.0, transB)));
        }
    }

    /** The plan's buffers in bytes. */
    long bytes() {
        return (4 * xz.length() + hs.length() + 12 * sz.length()) * type.width();
    }

    /** Whether this plan fits a call. */
    boolean fits(long steps, long batch, DataType type) {
        return this.steps == steps && this.batch == batch && this.type == type;
    }

    /** Runs the loop; {@code xz} holds {@code x·W + b_in}, {@code rz} the recurrent bias, {@code hs[0]} the initial state. */
    void forward() {
        Threads.single(() -> PlannedCall.runAll(forwardOps)); // hundreds of small calls: see Threads
    }

    /** Back-propagates: {@code g} holds d(loss)/d(h) per step; after it {@code dxz}, {@code drz} and {@code dh0} are set. */
    void backward() {
        slopes(); // large contiguous calls: every thread
        Threads.single(() -> PlannedCall.runAll(backwardOps));
    }

    /**
     * For all steps at once, on contiguous arrays, the factors that turn d(h') into each pre-activation's gradient:
     * k1 = (1 - z)(1 - hh²) for the candidate, k2 = (h - hh) z (1 - z) for z, k4 = k1 r for h_h (the recurrent part of
     * the candidate), k3 = k1 h_h r (1 - r) for r.
     */
    private void slopes() {
        INDArray hPrev = hs.get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray oneMinusZ = k4; // scratch, overwritten last
        sub(ones, gz, oneMinusZ);
        mul(hh, hh, k1);
        mul(k1, oneMinusZ, k1);
        sub(oneMinusZ, k1, k1);
        sub(hPrev, hh, k2);
        mul(k2, gz, k2);
        mul(k2, oneMinusZ, k2);
        // k3 = k1 h_h r (1 - r): h_h is a column block of rz, copied once to be contiguous
        k3.assign(cols(rz, 2 * units, 3 * units));
        mul(k3, k1, k3);
        mul(gr, gr, k4);
        sub(gr, k4, k4);
        mul(k3, k4, k3);
        mul(k1, gr, k4);
    }
}
