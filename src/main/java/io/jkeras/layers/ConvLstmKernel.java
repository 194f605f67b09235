package io.jkeras.layers;

import io.jkeras.activations.ActivationFunction;
import io.jkeras.utils.Bias;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static io.jkeras.layers.RecurrentOps.activate;
import static io.jkeras.layers.RecurrentOps.activateBackward;
import static io.jkeras.layers.RecurrentOps.blend;
import static io.jkeras.layers.RecurrentOps.cols;
import static io.jkeras.layers.RecurrentOps.mul;

/**
 * The loop of Keras's {@code ConvLSTMCell} over a sequence, and its back-propagation through time, on the flat
 * time-major arrays of {@link RecurrentCall}: the input convolution of every step runs as one ND4J call over
 * {@code time·batch} maps before the loop (and its gradient as one {@code *_bp} call after it); each step adds the
 * recurrent convolution of {@code h} (stride 1, "same") and applies the gates on {@code (pixels, 4·filters)}
 * views. With dropout, each gate convolves its own masked input (Keras's four masks), through its slice of the
 * kernel. Package-private.
 */
final class ConvLstmKernel implements RecurrentKernel {
    private final ConvLSTM<?> layer;

    ConvLstmKernel(ConvLSTM<?> layer) {
        this.layer = layer;
    }

    @Override
    public Pass run(Sequence s) {
        ConvLstmGeometry g = layer.geometry;
        long steps = s.steps();
        long batch = s.batch();
        long f = g.filters();
        long n = g.stateSize();
        long pixels = batch * g.outPixels();
        Convs c = new Convs(g);
        INDArray z = c.input(s.x(), s.inputMasks(), steps * batch).reshape('c', steps, pixels, 4 * f);
        INDArray acts = z.ulike();
        INDArray hs = Nd4j.createUninitialized(z.dataType(), steps, batch, n);
        INDArray cs = hs.ulike();
        INDArray cand = hs.ulike();
        INDArray h = s.initial()[0];
        INDArray cell = s.initial()[1];
        ActivationFunction act = layer.activation;
        ActivationFunction rec = layer.recurrentActivation;
        for (long t = 0; t < steps; t++) {
            INDArray zt = z.slice(t);
            zt.addi(c.recurrent(h, s.recurrentMasks(), batch));
            INDArray at = acts.slice(t);
            activate(rec, cols(zt, 0, 2 * f), cols(at, 0, 2 * f));
            activate(act, cols(zt, 2 * f, 3 * f), cols(at, 2 * f, 3 * f));
            activate(rec, cols(zt, 3 * f, 4 * f), cols(at, 3 * f, 4 * f));
            INDArray cn = cand.slice(t);
            INDArray cn2 = cn.reshape('c', pixels, f);
            mul(cols(at, f, 2 * f), cell.reshape('c', pixels, f), cn2);
            cn2.addi(cols(at, 0, f).mul(cols(at, 2 * f, 3 * f)));
            INDArray hn = cn2.ulike();
            activate(act, cn2, hn);
            hn.muli(cols(at, 3 * f, 4 * f));
            INDArray hn1 = hn.reshape('c', batch, n);
            if (s.mask() != null) {
                INDArray m = s.mask().slice(t);
                blend(h, hn1, m, hs.slice(t));
                blend(cell, cn, m, cs.slice(t));
            } else {
                hs.slice(t).assign(hn1);
                cs.slice(t).assign(cn);
            }
            h = hs.slice(t);
            cell = cs.slice(t);
        }
        return new ConvPass(s, c, z, acts, hs, cs, cand);
    }

    /** What a run keeps for its backward pass. */
    private final class ConvPass implements Pass {
        private final Sequence s;
        private final Convs c;
        private final INDArray z, acts, hs, cs, cand;

        ConvPass(Sequence s, Convs c, INDArray z, INDArray acts, INDArray hs, INDArray cs, INDArray cand) {
            this.s = s;
            this.c = c;
            this.z = z;
            this.acts = acts;
            this.hs = hs;
            this.cs = cs;
            this.cand = cand;
        }

        @Override
        public INDArray states() {
            return hs;
        }

        @Override
        public INDArray[] last() {
            long last = s.steps() - 1;
            return new INDArray[]{hs.slice(last), cs.slice(last)};
        }

        @Override
        public Grads backward(INDArray dStates, INDArray[] dLast, boolean inputGrad) {
            ConvLstmGeometry g = layer.geometry;
            long steps = s.steps();
            long batch = s.batch();
            long f = g.filters();
            long n = g.stateSize();
            long pixels = batch * g.outPixels();
            ActivationFunction act = layer.activation;
            ActivationFunction rec = layer.recurrentActivation;
            INDArray dz = z.ulike();
            INDArray dh = dLast[0] == null ? Nd4j.zeros(z.dataType(), batch, n) : dLast[0].dup();
            INDArray dc = dLast.length > 1 && dLast[1] != null ? dLast[1].dup() : Nd4j.zeros(z.dataType(), batch, n);
            INDArray dU = layer.recurrentKernel.value().ulike().assign(0);
            for (long t = steps - 1; t >= 0; t--) {
                if (dStates != null) dh.addi(dStates.slice(t));
                INDArray hPrev = t > 0 ? hs.slice(t - 1) : s.initial()[0];
                INDArray cPrev = t > 0 ? cs.slice(t - 1) : s.initial()[1];
                INDArray dhn = dh;
                INDArray dcn = dc;
                INDArray dhCarry = null;
                INDArray dcCarry = null;
                if (s.mask() != null) {
                    // A masked step passes the state through: its share of the gradient goes straight to the previous step.
                    INDArray m = s.mask().slice(t);
                    dhn = dh.ulike();
                    mul(dh, m, dhn);
                    dcn = dc.ulike();
                    mul(dc, m, dcn);
                    dhCarry = dh.subi(dhn);
                    dcCarry = dc.subi(dcn);
                }
                INDArray at = acts.slice(t);
                INDArray zt = z.slice(t);
                INDArray dzt = dz.slice(t);
                INDArray cn = cand.slice(t).reshape('c', pixels, f);
                INDArray dh2 = dhn.reshape('c', pixels, f);
                INDArray tc = cn.ulike();
                activate(act, cn, tc);
                INDArray o = cols(at, 3 * f, 4 * f);
                activateBackward(rec, cols(zt, 3 * f, 4 * f), o, dh2.mul(tc), cols(dzt, 3 * f, 4 * f));
                INDArray dct = cn.ulike();
                activateBackward(act, cn, tc, dh2.mul(o), dct);
                dct.addi(dcn.reshape('c', pixels, f));
                INDArray i = cols(at, 0, f);
                INDArray fg = cols(at, f, 2 * f);
                INDArray gg = cols(at, 2 * f, 3 * f);
                activateBackward(rec, cols(zt, 0, f), i, dct.mul(gg), cols(dzt, 0, f));
                activateBackward(rec, cols(zt, f, 2 * f), fg, dct.mul(cPrev.reshape('c', pixels, f)), cols(dzt, f, 2 * f));
                activateBackward(act, cols(zt, 2 * f, 3 * f), gg, dct.mul(i), cols(dzt, 2 * f, 3 * f));
                INDArray dcPrev = dct.muli(fg).reshape('c', batch, n);
                INDArray dhPrev = c.recurrentBackward(hPrev, s.recurrentMasks(), dzt, batch, dU);
                dh = dhCarry == null ? dhPrev : dhCarry.addi(dhPrev);
                dc = dcCarry == null ? dcPrev : dcCarry.addi(dcPrev);
            }
            layer.recurrentKernel.addGrad(dU);
            INDArray dz2 = dz.reshape('c', steps * pixels, 4 * f);
            if (layer.bias != null) layer.bias.addGradSum(dz2, 0);
            INDArray dx = c.inputBackward(s.x(), s.inputMasks(), dz2, steps * batch);
            return new Grads(inputGrad ? dx : null, new INDArray[]{dh, dc});
        }
    }

    /** The convolutions of one run, with the layer's weights as ND4J's ops take them. */
    private final class Convs {
        private final ConvLstmGeometry g;
        private final String op;
        private final int[] inArgs;
        private final int[] recArgs;
        private final long f;

        Convs(ConvLstmGeometry g) {
            this.g = g;
            this.op = g.op();
            this.inArgs = g.args(layer.kernelSize, layer.strides, layer.dilationRate, layer.samePadding);
            int[] ones = new int[g.rank()];
            java.util.Arrays.fill(ones, 1);
            this.recArgs = g.args(layer.kernelSize, ones, ones, true); // Keras: recurrent conv stride 1, "same", no dilation
            this.f = g.filters();
        }

        /** A kernel (or its slice for gate k, or all gates for k = -1) as the op takes it. */
        private INDArray opKernel(INDArray w, int k) {
            INDArray v = k < 0 ? w : cols(w, k * f, (k + 1) * f).dup('c');
            return v.reshape('c', g.opKernelShape(v.shape()));
        }

        /** The input projection of all steps, {@code (T·B·pixels, 4f)}, bias included. */
        INDArray input(INDArray x, INDArray[] masks, long maps) {
            INDArray w = layer.kernel.value();
            long[] xs = g.opShape(maps, g.in(), g.channels());
            INDArray out;
            if (masks == null) {
                out = NativeConv.forward(op, inArgs, x.reshape('c', xs), opKernel(w, -1), null);
            } else {
                out = Nd4j.createUninitialized(x.dataType(), g.opShape(maps, g.out(), 4 * f));
                for (int k = 0; k < 4; k++) {
                    INDArray xk = masked(x, masks[k]);
                    INDArray zk = NativeConv.forward(op, inArgs, xk.reshape('c', xs), opKernel(w, k), null);
                    cols(out, k * f, (k + 1) * f).assign(zk);
                }
            }
            INDArray z = out.reshape('c', maps * g.outPixels(), 4 * f);
            if (layer.bias != null) Bias.addInPlace(z, layer.bias.value());
            return z;
        }

        /** The recurrent projection of one step, {@code (B·pixels, 4f)}. */
        INDArray recurrent(INDArray h, INDArray[] masks, long batch) {
            INDArray u = layer.recurrentKernel.value();
            long[] hs = g.opShape(batch, g.out(), f);
            if (masks == null) return NativeConv.forward(op, recArgs, h.reshape('c', hs), opKernel(u, -1), null).reshape('c', -1, 4 * f);
            INDArray out = Nd4j.createUninitialized(h.dataType(), batch * g.outPixels(), 4 * f);
            for (int k = 0; k < 4; k++) {
                INDArray zk = NativeConv.forward(op, recArgs, h.mul(masks[k]).reshape('c', hs), opKernel(u, k), null);
                cols(out, k * f, (k + 1) * f).assign(zk.reshape('c', -1, f));
            }
            return out;
        }

        /** Back through one step's recurrent projection: adds d/dU into {@code dU}, returns d/dh {@code (B, n)}. */
        INDArray recurrentBackward(INDArray h, INDArray[] masks, INDArray dzt, long batch, INDArray dU) {
            INDArray u = layer.recurrentKernel.value();
            long[] hs = g.opShape(batch, g.out(), f);
            if (masks == null) {
                INDArray[] r = NativeConv.backward(op, recArgs, h.reshape('c', hs), opKernel(u, -1), null, dzt.reshape('c', g.opShape(batch, g.out(), 4 * f)));
                dU.addi(r[1].reshape('c', u.shape()));
                return r[0].reshape('c', h.shape());
            }
            INDArray dh = h.ulike().assign(0);
            for (int k = 0; k < 4; k++) {
                INDArray dzk = cols(dzt, k * f, (k + 1) * f).dup('c').reshape('c', g.opShape(batch, g.out(), f));
                INDArray[] r = NativeConv.backward(op, recArgs, h.mul(masks[k]).reshape('c', hs), opKernel(u, k), null, dzk);
                INDArray duk = cols(dU, k * f, (k + 1) * f);
                duk.addi(r[1].reshape('c', duk.shape()));
                dh.addi(r[0].reshape('c', h.shape()).muli(masks[k]));
            }
            return dh;
        }

        /** Back through the input projection: adds d/dW into the kernel's gradient, returns d/dx {@code (T, B, in)}. */
        INDArray inputBackward(INDArray x, INDArray[] masks, INDArray dz2, long maps) {
            INDArray w = layer.kernel.value();
            long[] xs = g.opShape(maps, g.in(), g.channels());
            if (masks == null) {
                INDArray[] r = NativeConv.backward(op, inArgs, x.reshape('c', xs), opKernel(w, -1), null, dz2.reshape('c', g.opShape(maps, g.out(), 4 * f)));
                layer.kernel.addGrad(r[1].reshape('c', w.shape()));
                return r[0].reshape('c', x.shape());
            }
            INDArray dW = w.ulike().assign(0);
            INDArray dx = x.ulike().assign(0);
            for (int k = 0; k < 4; k++) {
                INDArray dzk = cols(dz2, k * f, (k + 1) * f).dup('c').reshape('c', g.opShape(maps, g.out(), f));
                INDArray[] r = NativeConv.backward(op, inArgs, masked(x, masks[k]).reshape('c', xs), opKernel(w, k), null, dzk);
                INDArray dwk = cols(dW, k * f, (k + 1) * f);
                dwk.addi(r[1].reshape('c', dwk.shape()));
                dx.addi(masked(r[0].reshape('c', x.shape()), masks[k]));
            }
            layer.kernel.addGrad(dW);
            return dx;
        }

        /** {@code x (T, B, in) * mask (B, in)}, the mask the same for every step. */
        private INDArray masked(INDArray x, INDArray mask) {
            INDArray out = x.ulike();
            mul(x, mask.reshape('c', 1, mask.size(0), mask.size(1)), out);
            return out;
        }
    }
}
