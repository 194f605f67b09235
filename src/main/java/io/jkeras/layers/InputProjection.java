package io.jkeras.layers;

import io.jkeras.utils.Bias;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static io.jkeras.layers.RecurrentOps.cols;
import static io.jkeras.layers.RecurrentOps.gemm;
import static io.jkeras.layers.RecurrentOps.mul;

/**
 * The input half of a recurrent cell for all time steps at once: {@code x · kernel} as ONE product
 * {@code (T·B, in) × (in, gates·units)}, with the cell's input dropout. With one dropout mask (Keras's
 * implementation 2) the masked inputs are multiplied once; with one mask per gate (implementation 1) each gate
 * block is its own product. Package-private.
 */
final class InputProjection {
    private final long steps;
    private final long batch;
    private final long in;
    private final int gates;
    private final long units;
    private final INDArray[] masks;
    /** The inputs each gate group sees, {@code (T·B, in)}: one entry for all gates, or one per gate. */
    private final INDArray[] seen;

    /**
     * @param x the inputs {@code (T, B, in)}
     * @param masks {@code null}, one dropout mask {@code (B, in)} for all gates, or one per gate
     */
    InputProjection(INDArray x, INDArray[] masks, int gates, long units) {
        this.steps = x.size(0);
        this.batch = x.size(1);
        this.in = x.size(2);
        this.gates = gates;
        this.units = units;
        this.masks = masks;
        int n = masks == null ? 1 : masks.length;
        seen = new INDArray[n];
        for (int k = 0; k < n; k++) {
            if (masks == null) {
                seen[k] = x.reshape('c', steps * batch, in);
            } else {
                INDArray xm = x.ulike();
                mul(x, masks[k], xm); // (T, B, in) * (B, in): the same mask at every step, as Keras
                seen[k] = xm.reshape('c', steps * batch, in);
            }
        }
    }

    /** {@code x · W (+ bias)} as a new {@code (T, B, gates·units)} array. */
    INDArray forward(INDArray w, INDArray bias) {
        return forward(w, bias, Nd4j.createUninitialized(w.dataType(), steps, batch, gates * units));
    }

    /** {@code x · W (+ bias)} written into {@code z}, a contiguous {@code (T, B, gates·units)} array; returns it. */
    INDArray forward(INDArray w, INDArray bias, INDArray z) {
        INDArray z2 = z.reshape('c', steps * batch, gates * units);
        if (seen.length == 1) {
            gemm(seen[0], w, z2, false, false, 0.0);
        } else {
            INDArray tmp = Nd4j.createUninitialized(w.dataType(), steps * batch, units);
            for (int g = 0; g < gates; g++) {
                gemm(seen[g], cols(w, g * units, (g + 1) * units).dup(), tmp, false, false, 0.0);
                cols(z2, g * units, (g + 1) * units).assign(tmp);
            }
        }
        if (bias != null) Bias.addInPlace(z2, bias);
        return z;
    }

    /** {@code out = beta·out + xᵀ · dZ}, the kernel's gradient, {@code out} being {@code (in, gates·units)}. */
    void weightGrad(INDArray dz, INDArray out, double beta) {
        INDArray dz2 = dz.reshape('c', steps * batch, gates * units);
        if (seen.length == 1) {
            gemm(seen[0], dz2, out, true, false, beta);
            return;
        }
        INDArray tmp = Nd4j.createUninitialized(out.dataType(), in, units);
        for (int g = 0; g < gates; g++) {
            gemm(seen[g], cols(dz2, g * units, (g + 1) * units).dup(), tmp, true, false, 0.0);
            INDArray block = cols(out, g * units, (g + 1) * units);
            if (beta == 0.0) block.assign(tmp);
            else block.addi(tmp);
        }
    }

    /** d(loss)/d(x) {@code (T, B, in)} from d(loss)/d(x · W) {@code (T, B, gates·units)}. */
    INDArray inputGrad(INDArray dz, INDArray w) {
        INDArray dz2 = dz.reshape('c', steps * batch, gates * units);
        INDArray dx = Nd4j.createUninitialized(w.dataType(), steps, batch, in);
        INDArray dx2 = dx.reshape('c', steps * batch, in);
        if (seen.length == 1) {
            gemm(dz2, w, dx2, false, true, 0.0);
            if (masks != null) mul(dx, masks[0], dx);
            return dx;
        }
        dx.assign(0);
        INDArray part = Nd4j.createUninitialized(w.dataType(), steps, batch, in);
        INDArray part2 = part.reshape('c', steps * batch, in);
        for (int g = 0; g < gates; g++) {
            gemm(cols(dz2, g * units, (g + 1) * units).dup(), cols(w, g * units, (g + 1) * units).dup(), part2, false, true, 0.0);
            mul(part, masks[g], part);
            dx.addi(part);
        }
        return dx;
    }
}
