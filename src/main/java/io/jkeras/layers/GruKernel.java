package io.jkeras.layers;

import io.jkeras.activations.ActivationFunction;
import io.jkeras.utils.Bias;
import io.jkeras.utils.Sums;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayDeque;

import static io.jkeras.layers.LstmKernel.range;
import static io.jkeras.layers.RecurrentOps.activate;
import static io.jkeras.layers.RecurrentOps.activateBackward;
import static io.jkeras.layers.RecurrentOps.add;
import static io.jkeras.layers.RecurrentOps.blend;
import static io.jkeras.layers.RecurrentOps.cols;
import static io.jkeras.layers.RecurrentOps.gemm;
import static io.jkeras.layers.RecurrentOps.mul;
import static io.jkeras.layers.RecurrentOps.sub;

/**
 * A {@link GRU} cell over a whole sequence, Keras's formulas with gates in Keras's order {@code z, r, h}:
 * <pre>
 * x·W + b_in = [x_z, x_r, x_h]
 * reset_after=true:  h·U + b_rec = [h_z, h_r, h_h];  hh = tanh(x_h + r ⊙ h_h)
 * reset_after=false: h·U[:, :2u] = [h_z, h_r];        hh = tanh(x_h + (r ⊙ h)·U[:, 2u:])
 * z = σ(x_z + h_z), r = σ(x_r + h_r);  h' = z ⊙ h + (1 - z) ⊙ hh
 * </pre>
 * {@code x·W} for all steps is one product before the loop, {@code h·U} one product per step; the weight
 * gradients are one product each after the loop. Keras's default form (reset_after, sigmoid, tanh) without mask or
 * recurrent dropout runs with a reusable {@link GruPlan}; everything else with the general loop below.
 * Package-private.
 */
final class GruKernel implements RecurrentKernel {
    private final GRU layer;

    GruKernel(GRU layer) {
        this.layer = layer;
    }

    /** Free training plans, most recent first: at most {@link #POOL}, none larger than {@link #POOL_BYTES}. */
    private final ArrayDeque<GruPlan> free = new ArrayDeque<>();
    private static final int POOL = 2;
    private static final long POOL_BYTES = 256L << 20;

    @Override
    public Pass run(Sequence s) {
        return planned(s) ? new PlannedRun(s) : new Run(s);
    }

    /** Keras's default GRU without mask or recurrent dropout runs with a reusable {@link GruPlan}. */
    private boolean planned(Sequence s) {
        return layer.resetAfter && s.mask() == null && s.recurrentMasks() == null
                && (s.inputMasks() == null || s.inputMasks().length == 1)
                && layer.recurrentActivation.name().equals("sigmoid") && layer.activation.name().equals("tanh")
                && layer.kernel.value().dataType().isFPType();
    }

    private GruPlan acquire(long steps, long batch) {
        INDArray u = layer.recurrentKernel.value();
        for (java.util.Iterator<GruPlan> it = free.iterator(); it.hasNext(); ) {
            GruPlan p = it.next();
            if (p.fits(steps, batch, u.dataType())) {
                it.remove();
                return p;
            }
        }
        // Kept for later calls: made outside the step's workspace.
        return io.jkeras.utils.Workspaces.persistent(() -> new GruPlan(steps, batch, layer.units, u));
    }

    private void release(GruPlan p) {
        if (p.bytes() > POOL_BYTES) return;
        free.addFirst(p);
        while (free.size() > POOL) free.removeLast();
    }

    /** A call run with a plan, held from its forward pass to the end of its backward pass (or its release). */
    private final class PlannedRun implements Pass {
        final Sequence s;
        final InputProjection input;
        GruPlan plan;

        PlannedRun(Sequence s) {
            this.s = s;
            input = new InputProjection(s.x(), s.inputMasks(), 3, layer.units);
            forward();
        }

        private void forward() {
            plan = acquire(s.steps(), s.batch());
            INDArray b = layer.bias == null ? null : layer.bias.value();
            input.forward(layer.kernel.value(), b == null ? null : b.getRow(0), plan.xz);
            // h·U accumulates onto the recurrent bias, written into every step's row first
            INDArray rz2 = plan.rz.reshape('c', plan.steps * plan.batch, 3L * layer.units).assign(0);
            if (b != null) Bias.addInPlace(rz2, b.getRow(1));
            plan.hs.slice(0).assign(s.initial()[0]);
            plan.forward();
        }

        @Override
        public INDArray states() {
            return range(plan.hs, 1, plan.steps + 1);
        }

        @Override
        public INDArray[] last() {
            return new INDArray[]{plan.hs.slice(plan.steps)};
        }

        @Override
        public void release() {
            if (plan != null) GruKernel.this.release(plan);
            plan = null;
        }

        @Override
        public Grads backward(INDArray dStates, INDArray[] dLast, boolean inputGrad) {
            if (plan == null) forward();
            GruPlan p = plan;
            long steps = p.steps;
            long rows = steps * p.batch;
            long u = p.units;
            if (dStates != null) p.g.assign(dStates);
            else p.g.assign(0);
            if (dLast[0] != null) p.g.slice(steps - 1).addi(dLast[0]);
            p.backward();
            if (layer.trainable()) {
                input.weightGrad(p.dxz, layer.kernel.gradBuffer(), layer.kernel.gradBeta());
                gemm(range(p.hs, 0, steps).reshape('c', rows, u), p.drz.reshape('c', rows, 3 * u),
                        layer.recurrentKernel.gradBuffer(), true, false, layer.recurrentKernel.gradBeta());
                if (layer.bias != null) {
                    INDArray db = Nd4j.createUninitialized(p.type, 2, 3 * u);
                    Sums.columnSums(p.dxz.reshape('c', rows, 3 * u), db.getRow(0), 0.0);
                    Sums.columnSums(p.drz.reshape('c', rows, 3 * u), db.getRow(1), 0.0);
                    layer.bias.addGrad(db);
                }
            }
            INDArray dx = inputGrad ? input.inputGrad(p.dxz, layer.kernel.value()) : null;
            Grads grads = new Grads(dx, new INDArray[]{p.dh0.dup()});
            plan = null;
            GruKernel.this.release(p);
            return grads;
        }
    }

    private final class Run implements Pass {
        final Sequence s;
        final long steps;
        final long batch;
        final long u;
        final boolean after = layer.resetAfter;
        final ActivationFunction act = layer.activation;
        final ActivationFunction rec = layer.recurrentActivation;
        final InputProjection input;
        /** reset_after: all of U; otherwise its z and r columns. */
        final RecurrentProjection recurrent;
        /** reset_after=false: the candidate's columns of U and the h it multiplies (masked as Keras does). */
        final INDArray uh;
        final INDArray hMaskH;
        /** x·W + b_in {@code (T, B, 3u)}; the recurrent part ({@code (T, B, 3u)} or {@code (T, B, 2u)}). */
        final INDArray xz;
        final INDArray rz;
        /** Pre-activation and activation of z, r {@code (T, B, 2u)}; of the candidate {@code (T, B, u)}. */
        final INDArray sz;
        final INDArray az;
        final INDArray hp;
        final INDArray hh;
        /** reset_after=false: {@code r ⊙ h} per step, the candidate's recurrent input. */
        final INDArray rh;
        final INDArray hs;

        Run(Sequence s) {
            this.s = s;
            steps = s.steps();
            batch = s.batch();
            u = layer.units;
            INDArray w = layer.kernel.value();
            INDArray uAll = layer.recurrentKernel.value();
            INDArray b = layer.bias == null ? null : layer.bias.value();
            INDArray bIn = b == null ? null : after ? b.getRow(0) : b;
            INDArray bRec = b == null || !after ? null : b.getRow(1);
            INDArray[] rm = s.recurrentMasks();
            input = new InputProjection(s.x(), s.inputMasks(), 3, u);
            if (after) {
                recurrent = new RecurrentProjection(uAll, rm, 3);
                uh = null;
                hMaskH = null;
            } else {
                recurrent = new RecurrentProjection(cols(uAll, 0, 2 * u).dup(), rm == null || rm.length == 1 ? rm
                        : new INDArray[]{rm[0], rm[1]}, 2);
                uh = cols(uAll, 2 * u, 3 * u).dup();
                hMaskH = rm == null ? null : rm[rm.length - 1];
            }
            DType d = new DType(w);
            xz = input.forward(w, bIn);
            rz = d.create(steps, batch, after ? 3 * u : 2 * u);
            if (bRec != null) rz.assign(bRec.reshape(1, 1, 3 * u).broadcast(steps, batch, 3 * u));
            else rz.assign(0);
            sz = d.create(steps, batch, 2 * u);
            az = d.create(steps, batch, 2 * u);
            hp = d.create(steps, batch, u);
            hh = d.create(steps, batch, u);
            rh = after ? null : d.create(steps, batch, u);
            hs = d.create(steps + 1, batch, u);
            hs.slice(0).assign(s.initial()[0]);
            boolean masked = s.mask() != null;
            INDArray hn = masked ? d.create(batch, u) : null;
            INDArray tmp = d.create(batch, u);
            for (int t = 0; t < steps; t++) {
                INDArray h = hs.slice(t);
                INDArray rzt = rz.slice(t);
                INDArray xzt = xz.slice(t);
                recurrent.forward(h, rzt, 1.0);
                INDArray st = sz.slice(t);
                INDArray at = az.slice(t);
                add(cols(xzt, 0, 2 * u), cols(rzt, 0, 2 * u), st);
                activate(rec, st, at);
                INDArray r = cols(at, u, 2 * u);
                INDArray hpt = hp.slice(t);
                if (after) {
                    mul(r, cols(rzt, 2 * u, 3 * u), hpt);
                    hpt.addi(cols(xzt, 2 * u, 3 * u));
                } else {
                    INDArray rht = rh.slice(t);
                    mul(r, h, rht);
                    if (hMaskH != null) mul(rht, hMaskH, rht);
                    hpt.assign(cols(xzt, 2 * u, 3 * u));
                    gemm(rht, uh, hpt, false, false, 1.0);
                }
                INDArray hht = hh.slice(t);
                activate(act, hpt, hht);
                // h' = hh + z ⊙ (h - hh)
                INDArray out = masked ? hn : hs.slice(t + 1);
                sub(h, hht, tmp);
                mul(cols(at, 0, u), tmp, tmp);
                add(hht, tmp, out);
                if (masked) blend(h, out, s.mask().slice(t), hs.slice(t + 1));
            }
        }

        @Override
        public INDArray states() {
            return range(hs, 1, steps + 1);
        }

        @Override
        public INDArray[] last() {
            return new INDArray[]{hs.slice(steps)};
        }

        @Override
        public Grads backward(INDArray dStates, INDArray[] dLast, boolean inputGrad) {
            DType d = new DType(xz);
            INDArray g = dStates != null ? dStates : Nd4j.zeros(xz.dataType(), steps, batch, u);
            if (dLast[0] != null) g.slice(steps - 1).addi(dLast[0]);
            boolean masked = s.mask() != null;
            INDArray dxz = xz.ulike();
            INDArray drz = rz.ulike();
            INDArray dhp = hp.ulike();
            INDArray ghn = d.create(batch, u);
            INDArray dhh = d.create(batch, u);
            INDArray dza = d.create(batch, 2 * u);
            INDArray tmp = d.create(batch, u);
            INDArray drh = after ? null : d.create(batch, u);
            INDArray dh0 = null;
            for (long t = steps - 1; t >= 0; t--) {
                INDArray gh = g.slice(t);
                INDArray h = hs.slice(t);
                INDArray at = az.slice(t);
                INDArray z = cols(at, 0, u);
                INDArray r = cols(at, u, 2 * u);
                if (masked) mul(gh, s.mask().slice(t), ghn);
                else ghn.assign(gh);
                // h' = hh + z ⊙ (h - hh): d(hh) = g (1 - z), d(z) = g (h - hh), d(h) = g z
                INDArray hht = hh.slice(t);
                mul(ghn, z, tmp);
                sub(ghn, tmp, dhh);
                INDArray dhpt = dhp.slice(t);
                activateBackward(act, hp.slice(t), hht, dhh, dhpt);
                INDArray dz = cols(dza, 0, u);
                sub(h, hht, dz);
                mul(dz, ghn, dz);
                INDArray dr = cols(dza, u, 2 * u);
                INDArray drzt = drz.slice(t);
                if (after) {
                    mul(dhpt, cols(rz.slice(t), 2 * u, 3 * u), dr);
                    mul(dhpt, r, cols(drzt, 2 * u, 3 * u));
                } else {
                    gemm(dhpt, uh, drh, false, true, 0.0); // d(r ⊙ h~)
                    if (hMaskH != null) mul(drh, hMaskH, drh);
                    mul(drh, h, dr);
                }
                INDArray dst = cols(dxz.slice(t), 0, 2 * u);
                activateBackward(rec, sz.slice(t), at, dza, dst);
                cols(dxz.slice(t), 2 * u, 3 * u).assign(dhpt);
                cols(drzt, 0, 2 * u).assign(dst);
                // d(h) for the step before: directly through z, and through U.
                INDArray dPrev = t > 0 ? g.slice(t - 1) : (dh0 = d.create(batch, u).assign(0));
                mul(ghn, z, tmp);
                dPrev.addi(tmp);
                if (!after) {
                    mul(drh, r, tmp);
                    dPrev.addi(tmp);
                }
                recurrent.backward(drzt, dPrev, 1.0);
                if (masked) dPrev.addi(gh).subi(ghn);
            }
            if (layer.trainable()) {
                input.weightGrad(dxz, layer.kernel.gradBuffer(), layer.kernel.gradBeta());
                INDArray hPrev = range(hs, 0, steps);
                if (after) {
                    recurrent.weightGrad(hPrev, drz, layer.recurrentKernel.gradBuffer(), layer.recurrentKernel.gradBeta());
                } else {
                    INDArray duZr = d.create(u, 2 * u);
                    INDArray duH = d.create(u, u);
                    recurrent.weightGrad(hPrev, drz, duZr, 0.0);
                    gemm(rh.reshape('c', steps * batch, u), dhp.reshape('c', steps * batch, u), duH, true, false, 0.0);
                    layer.recurrentKernel.addGrad(org.nd4j.linalg.factory.Nd4j.hstack(duZr, duH));
                }
                if (layer.bias != null) {
                    if (after) {
                        INDArray db = d.create(2, 3 * u);
                        Sums.columnSums(dxz.reshape('c', steps * batch, 3 * u), db.getRow(0), 0.0);
                        Sums.columnSums(drz.reshape('c', steps * batch, 3 * u), db.getRow(1), 0.0);
                        layer.bias.addGrad(db);
                    } else {
                        layer.bias.addGradSum(dxz, 0, 1);
                    }
                }
            }
            INDArray dx = inputGrad ? input.inputGrad(dxz, layer.kernel.value()) : null;
            return new Grads(dx, new INDArray[]{dh0});
        }
    }

    /** Uninitialized arrays of one array's type. */
    record DType(INDArray like) {
        INDArray create(long... shape) {
            return Nd4j.createUninitialized(like.dataType(), shape);
        }
    }
}
