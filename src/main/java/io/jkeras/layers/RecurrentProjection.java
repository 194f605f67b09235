package io.jkeras.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static io.jkeras.layers.RecurrentOps.cols;
import static io.jkeras.layers.RecurrentOps.gemm;
import static io.jkeras.layers.RecurrentOps.mul;

/**
 * The recurrent half of a cell, {@code h · recurrent_kernel}, with the cell's recurrent dropout: one product
 * per step without dropout; with a mask per gate (Keras's implementation 1), one masked product per gate.
 * The weight gradient is one product over all steps after the loop. Package-private.
 */
final class RecurrentProjection {
    private final INDArray u;
    private final int gates;
    private final long units;
    private final INDArray[] masks;
    private final INDArray[] blocks;
    private INDArray hm;
    private INDArray zg;

    /**
     * @param u the recurrent kernel (or a column block of it), {@code (units, gates·units)}
     * @param masks {@code null}, one mask {@code (B, units)} for all gates, or one per gate
     */
    RecurrentProjection(INDArray u, INDArray[] masks, int gates) {
        this.u = u;
        this.gates = gates;
        this.units = u.size(0);
        this.masks = masks;
        if (masks != null && masks.length > 1) {
            blocks = new INDArray[gates];
            for (int g = 0; g < gates; g++) blocks[g] = cols(u, g * units, (g + 1) * units).dup();
        } else {
            blocks = null;
        }
    }

    private INDArray hm(INDArray like) {
        if (hm == null) hm = like.ulike();
        return hm;
    }

    /** {@code z = beta·z + h · U}, {@code h} masked per gate; {@code z} is {@code (B, gates·units)}, contiguous. */
    void forward(INDArray h, INDArray z, double beta) {
        if (masks == null) {
            gemm(h, u, z, false, false, beta);
        } else if (blocks == null) {
            mul(h, masks[0], hm(h));
            gemm(hm, u, z, false, false, beta);
        } else {
            if (zg == null) zg = Nd4j.createUninitialized(h.dataType(), h.size(0), units);
            for (int g = 0; g < gates; g++) {
                mul(h, masks[g], hm(h));
                gemm(hm, blocks[g], zg, false, false, 0.0);
                INDArray block = cols(z, g * units, (g + 1) * units);
                if (beta == 0.0) block.assign(zg);
                else block.addi(zg);
            }
        }
    }

    /** {@code dh = beta·dh + dz · Uᵀ}, masked as the forward was. */
    void backward(INDArray dz, INDArray dh, double beta) {
        if (masks == null) {
            gemm(dz, u, dh, false, true, beta);
            return;
        }
        INDArray part = hm(dh);
        if (blocks == null) {
            gemm(dz, u, part, false, true, 0.0);
            mul(part, masks[0], part);
            if (beta == 0.0) dh.assign(part);
            else dh.addi(part);
            return;
        }
        if (beta == 0.0) dh.assign(0);
        for (int g = 0; g < gates; g++) {
            gemm(cols(dz, g * units, (g + 1) * units).dup(), blocks[g], part, false, true, 0.0);
            mul(part, masks[g], part);
            dh.addi(part);
        }
    }

    /**
     * {@code out = beta·out + Σ_t h_{t-1}ᵀ · dz_t}, one product over all steps.
     *
     * @param hPrev the state each step read, {@code (T, B, units)}, contiguous
     * @param dz d(loss)/d(h · U) per step, {@code (T, B, gates·units)}, contiguous
     */
    void weightGrad(INDArray hPrev, INDArray dz, INDArray out, double beta) {
        long rows = hPrev.size(0) * hPrev.size(1);
        INDArray dz2 = dz.reshape('c', rows, gates * units);
        if (masks == null) {
            gemm(hPrev.reshape('c', rows, units), dz2, out, true, false, beta);
            return;
        }
        INDArray seen = hPrev.ulike();
        if (blocks == null) {
            mul(hPrev, masks[0], seen);
            gemm(seen.reshape('c', rows, units), dz2, out, true, false, beta);
            return;
        }
        INDArray tmp = Nd4j.createUninitialized(out.dataType(), units, units);
        for (int g = 0; g < gates; g++) {
            mul(hPrev, masks[g], seen);
            gemm(seen.reshape('c', rows, units), cols(dz2, g * units, (g + 1) * units).dup(), tmp, true, false, 0.0);
            INDArray block = cols(out, g * units, (g + 1) * units);
            if (beta == 0.0) block.assign(tmp);
            else block.addi(tmp);
        }
    }
}
