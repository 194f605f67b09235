package io.jkeras.layers;

import io.jkeras.activations.ActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayDeque;

import static io.jkeras.layers.RecurrentOps.activate;
import static io.jkeras.layers.RecurrentOps.activateBackward;
import static io.jkeras.layers.RecurrentOps.blend;
import static io.jkeras.layers.RecurrentOps.cols;
import static io.jkeras.layers.RecurrentOps.mul;

/**
 * An {@link LSTM} cell over a whole sequence, Keras's formulas with gates in Keras's order {@code i, f, c, o}:
 * <pre>
 * z = x·W + h·U + b;  i = σ(z_i), f = σ(z_f), g = tanh(z_c), o = σ(z_o)
 * c' = f ⊙ c + i ⊙ g;  h' = o ⊙ tanh(c')
 * </pre>
 * ({@code σ} the recurrent activation, {@code tanh} the activation). Three ways, from fastest to most general:
 * <ul>
 *   <li>inference without mask or dropout, default activations: ND4J's native {@code lstmLayer} op, one call
 *       for the whole sequence ({@link NativeLstm});</li>
 *   <li>training without mask or recurrent dropout, default activations: a reusable {@link LstmPlan} (buffers,
 *       views and op objects made once per input shape);</li>
 *   <li>anything else (masks, per-gate dropout, other activations): the general loop below.</li>
 * </ul>
 * In all of them {@code x·W + b} for all steps is one product before the loop and each step one product
 * {@code h·U}; backward, the factors that do not depend on the incoming gradient (activation slopes times the
 * other gate) are computed for all steps at once, and the weight gradients are one product each after the loop.
 * Package-private.
 */
final class LstmKernel implements RecurrentKernel {
    private final LSTM layer;

    LstmKernel(LSTM layer) {
        this.layer = layer;
    }

    /** Free training plans, most recent first: at most {@link #POOL}, none larger than {@link #POOL_BYTES}. */
    private final ArrayDeque<LstmPlan> free = new ArrayDeque<>();
    private static final int POOL = 2;
    private static final long POOL_BYTES = 256L << 20;

    @Override
    public Pass run(Sequence s) {
        if (!NativeLstm.applies(layer, s)) return planned(s) ? new PlannedRun(s) : new Run(s);
        INDArray[] out = NativeLstm.run(layer, s);
        return new Pass() {
            @Override
            public INDArray states() {
                return out[0];
            }

            @Override
            public INDArray[] last() {
                return new INDArray[]{out[1], out[2]};
            }

            @Override
            public Grads backward(INDArray dStates, INDArray[] dLast, boolean inputGrad) {
                // An inference call seldom gets a backward pass (a gradient check does): run the loop that keeps the gates.
                return (planned(s) ? new PlannedRun(s) : new Run(s)).backward(dStates, dLast, inputGrad);
            }
        };
    }

    /** The common case, run with a reusable {@link LstmPlan}: no mask, no recurrent dropout, Keras's default activations. */
    private boolean planned(Sequence s) {
        return s.mask() == null && s.recurrentMasks() == null && (s.inputMasks() == null || s.inputMasks().length == 1)
                && layer.recurrentActivation.name().equals("sigmoid") && layer.activation.name().equals("tanh")
                && layer.kernel.value().dataType().isFPType();
    }

    private LstmPlan acquire(long steps, long batch) {
        INDArray u = layer.recurrentKernel.value();
        for (java.util.Iterator<LstmPlan> it = free.iterator(); it.hasNext(); ) {
            LstmPlan p = it.next();
            if (p.fits(steps, batch, u.dataType())) {
                it.remove();
                return p;
            }
        }
        // Kept for later calls: made outside the step's workspace.
        return io.jkeras.utils.Workspaces.persistent(() -> new LstmPlan(steps, batch, layer.units, u));
    }

    private void release(LstmPlan p) {
        if (p.bytes() > POOL_BYTES) return; // a large plan is not worth holding on to between calls
        free.addFirst(p);
        while (free.size() > POOL) free.removeLast();
    }

    /** A call run with a plan, which it holds from its forward pass to the end of its backward pass. */
    private final class PlannedRun implements Pass {
        final Sequence s;
        final InputProjection input;
        LstmPlan plan;

        PlannedRun(Sequence s) {
            this.s = s;
            input = new InputProjection(s.x(), s.inputMasks(), 4, layer.units);
            forward();
        }

        private void forward() {
            plan = acquire(s.steps(), s.batch());
            input.forward(layer.kernel.value(), layer.bias == null ? null : layer.bias.value(), plan.z);
            plan.hs.slice(0).assign(s.initial()[0]);
            plan.cs.slice(0).assign(s.initial()[1]);
            plan.forward();
        }

        @Override
        public INDArray states() {
            return range(plan.hs, 1, plan.steps + 1);
        }

        @Override
        public INDArray[] last() {
            return new INDArray[]{plan.hs.slice(plan.steps), plan.cs.slice(plan.steps)};
        }

        @Override
        public void release() {
            if (plan != null) LstmKernel.this.release(plan);
            plan = null;
        }

        @Override
        public Grads backward(INDArray dStates, INDArray[] dLast, boolean inputGrad) {
            if (plan == null) forward(); // a second backward pass, or one after release(): the plan went back to the pool
            LstmPlan p = plan;
            long steps = p.steps;
            if (dStates != null) p.g.assign(dStates);
            else p.g.assign(0);
            if (dLast[0] != null) p.g.slice(steps - 1).addi(dLast[0]);
            if (dLast[1] != null) p.gc.assign(dLast[1]);
            else p.gc.assign(0);
            p.backward();
            if (layer.trainable()) {
                input.weightGrad(p.dz, layer.kernel.gradBuffer(), layer.kernel.gradBeta());
                RecurrentOps.gemm(range(p.hs, 0, steps).reshape('c', steps * p.batch, p.units),
                        p.dz.reshape('c', steps * p.batch, 4 * p.units), layer.recurrentKernel.gradBuffer(), true, false,
                        layer.recurrentKernel.gradBeta());
                if (layer.bias != null) layer.bias.addGradSum(p.dz, 0, 1);
            }
            INDArray dx = inputGrad ? input.inputGrad(p.dz, layer.kernel.value()) : null;
            Grads grads = new Grads(dx, new INDArray[]{p.dh0.dup(), p.gc.dup()});
            plan = null;
            LstmKernel.this.release(p);
            return grads;
        }
    }

    private final class Run implements Pass {
        final Sequence s;
        final long steps;
        final long batch;
        final long u;
        final ActivationFunction act = layer.activation;
        final ActivationFunction rec = layer.recurrentActivation;
        final InputProjection input;
        final RecurrentProjection recurrent;
        /** Pre-activations {@code (T, B, 4u)}, gate activations {@code (T, B, 4u)}. */
        final INDArray z;
        final INDArray a;
        /** States after each step, with the initial ones first: {@code (T+1, B, u)}. */
        final INDArray hs;
        final INDArray cs;
        /** The cell's candidate c (equal to the state unless masked) and act(c), {@code (T, B, u)}. */
        final INDArray cn;
        final INDArray tc;

        Run(Sequence s) {
            this.s = s;
            steps = s.steps();
            batch = s.batch();
            u = layer.units;
            INDArray w = layer.kernel.value();
            INDArray b = layer.bias == null ? null : layer.bias.value();
            input = new InputProjection(s.x(), s.inputMasks(), 4, u);
            recurrent = new RecurrentProjection(layer.recurrentKernel.value(), s.recurrentMasks(), 4);
            z = input.forward(w, b);
            a = z.ulike();
            hs = Nd4j.createUninitialized(w.dataType(), steps + 1, batch, u);
            cs = Nd4j.createUninitialized(w.dataType(), steps + 1, batch, u);
            hs.slice(0).assign(s.initial()[0]);
            cs.slice(0).assign(s.initial()[1]);
            boolean masked = s.mask() != null;
            cn = masked ? Nd4j.createUninitialized(w.dataType(), steps, batch, u) : range(cs, 1, steps + 1);
            INDArray hn = masked ? Nd4j.createUninitialized(w.dataType(), batch, u) : null;
            tc = Nd4j.createUninitialized(w.dataType(), steps, batch, u);
            INDArray ig = Nd4j.createUninitialized(w.dataType(), batch, u);
            for (int t = 0; t < steps; t++) {
                INDArray zt = z.slice(t);
                INDArray at = a.slice(t);
                INDArray hp = hs.slice(t);
                INDArray cp = cs.slice(t);
                recurrent.forward(hp, zt, 1.0);
                activate(rec, zt, at); // all four blocks; the candidate block is overwritten next
                activate(act, cols(zt, 2 * u, 3 * u), cols(at, 2 * u, 3 * u));
                INDArray c = masked ? cn.slice(t) : cs.slice(t + 1); // (ND4J: never slice a view's last step)
                mul(cols(at, u, 2 * u), cp, c);
                mul(cols(at, 0, u), cols(at, 2 * u, 3 * u), ig);
                c.addi(ig);
                INDArray tct = tc.slice(t);
                activate(act, c, tct);
                INDArray h = masked ? hn : hs.slice(t + 1);
                mul(cols(at, 3 * u, 4 * u), tct, h);
                if (masked) {
                    INDArray m = s.mask().slice(t);
                    blend(cp, c, m, cs.slice(t + 1));
                    blend(hp, h, m, hs.slice(t + 1));
                }
            }
        }

        @Override
        public INDArray states() {
            return range(hs, 1, steps + 1);
        }

        @Override
        public INDArray[] last() {
            return new INDArray[]{hs.slice(steps), cs.slice(steps)};
        }

        @Override
        public Grads backward(INDArray dStates, INDArray[] dLast, boolean inputGrad) {
            INDArray g = dStates != null ? dStates : Nd4j.zeros(z.dataType(), steps, batch, u);
            if (dLast[0] != null) g.slice(steps - 1).addi(dLast[0]);
            INDArray gc = dLast[1] != null ? dLast[1].dup() : Nd4j.zeros(z.dataType(), batch, u);
            INDArray k = slopes();
            INDArray p = Nd4j.createUninitialized(z.dataType(), steps, batch, u);
            activateBackward(act, cn, tc, cols(a, 3 * u, 4 * u), p); // o ⊙ act'(c): d(h)/d(c)
            INDArray dz = z.ulike();
            boolean masked = s.mask() != null;
            INDArray dc = Nd4j.createUninitialized(z.dataType(), batch, u);
            INDArray ghn = masked ? dc.ulike() : null;
            INDArray gcn = masked ? dc.ulike() : null;
            INDArray tmp = dc.ulike();
            INDArray dh0 = null;
            INDArray dc0 = null;
            for (long t = steps - 1; t >= 0; t--) {
                INDArray gh = g.slice(t);
                INDArray m = masked ? s.mask().slice(t) : null;
                if (masked) {
                    mul(gh, m, ghn);
                    mul(gc, m, gcn);
                }
                INDArray ght = masked ? ghn : gh;
                // d(c') = d(c) carried + d(h') ⊙ o ⊙ act'(c')
                mul(ght, p.slice(t), dc);
                dc.addi(masked ? gcn : gc);
                INDArray dzt = dz.slice(t);
                INDArray kt = k.slice(t);
                mul(three(kt), dc.reshape('c', batch, 1, u), three(dzt));
                mul(cols(kt, 3 * u, 4 * u), ght, cols(dzt, 3 * u, 4 * u));
                // To the previous step: h through U (and directly where masked), c through f.
                INDArray dhPrev = t > 0 ? g.slice(t - 1) : (dh0 = Nd4j.createUninitialized(z.dataType(), batch, u));
                recurrent.backward(dzt, dhPrev, t > 0 ? 1.0 : 0.0);
                if (masked) {
                    dhPrev.addi(gh).subi(ghn);
                    gc.subi(gcn);
                    mul(dc, cols(a.slice(t), u, 2 * u), tmp);
                    gc.addi(tmp);
                } else {
                    mul(dc, cols(a.slice(t), u, 2 * u), gc);
                }
            }
            dc0 = gc;
            if (layer.trainable()) {
                input.weightGrad(dz, layer.kernel.gradBuffer(), layer.kernel.gradBeta());
                recurrent.weightGrad(range(hs, 0, steps), dz, layer.recurrentKernel.gradBuffer(), layer.recurrentKernel.gradBeta());
                if (layer.bias != null) layer.bias.addGradSum(dz, 0, 1);
            }
            INDArray dx = inputGrad ? input.inputGrad(dz, layer.kernel.value()) : null;
            return new Grads(dx, new INDArray[]{dh0, dc0});
        }

        /**
         * For all steps at once, d(gate pre-activation)/d(c') per gate: {@code σ'(z_i)·g, σ'(z_f)·c, act'(z_c)·i},
         * and d(z_o)/d(h'): {@code σ'(z_o)·act(c')}. A step's gradient is then these times d(c') or d(h').
         */
        private INDArray slopes() {
            INDArray k = z.ulike();
            activateBackward(rec, cols(z, 0, u), cols(a, 0, u), cols(a, 2 * u, 3 * u), cols(k, 0, u));
            activateBackward(rec, cols(z, u, 2 * u), cols(a, u, 2 * u), range(cs, 0, steps), cols(k, u, 2 * u));
            activateBackward(act, cols(z, 2 * u, 3 * u), cols(a, 2 * u, 3 * u), cols(a, 0, u), cols(k, 2 * u, 3 * u));
            activateBackward(rec, cols(z, 3 * u, 4 * u), cols(a, 3 * u, 4 * u), tc, cols(k, 3 * u, 4 * u));
            return k;
        }

        /** The i, f, c blocks of a step's {@code (B, 4u)} row as a {@code (B, 3, u)} view. */
        private INDArray three(INDArray row) {
            return row.reshape('c', batch, 4, u).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all());
        }
    }

    /**
     * Steps {@code [from, to)} of a time-major array, as a contiguous view, for whole-sequence operations only:
     * ND4J 1.0.0-M2.1's {@code slice} of such a view returns an empty array for its last step.
     */
    static INDArray range(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all());
    }
}
