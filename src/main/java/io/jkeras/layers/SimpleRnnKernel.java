package io.jkeras.layers;

import io.jkeras.activations.ActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static io.jkeras.layers.LstmKernel.range;
import static io.jkeras.layers.RecurrentOps.activate;
import static io.jkeras.layers.RecurrentOps.activateBackward;
import static io.jkeras.layers.RecurrentOps.blend;
import static io.jkeras.layers.RecurrentOps.mul;

/**
 * A {@link SimpleRNN} cell over a whole sequence: {@code h' = act(x·W + b + h·U)}. {@code x·W + b} for all steps
 * is one product before the loop; a step is one product and one activation. Package-private.
 */
final class SimpleRnnKernel implements RecurrentKernel {
    private final SimpleRNN layer;

    SimpleRnnKernel(SimpleRNN layer) {
        this.layer = layer;
    }

    @Override
    public Pass run(Sequence s) {
        return new Run(s);
    }

    private final class Run implements Pass {
        final Sequence s;
        final long steps;
        final long batch;
        final long u;
        final ActivationFunction act = layer.activation;
        final InputProjection input;
        final RecurrentProjection recurrent;
        /** Pre-activations {@code (T, B, u)}; the cell's outputs before masking; the states, initial first. */
        final INDArray z;
        final INDArray hn;
        final INDArray hs;

        Run(Sequence s) {
            this.s = s;
            steps = s.steps();
            batch = s.batch();
            u = layer.units;
            INDArray w = layer.kernel.value();
            input = new InputProjection(s.x(), s.inputMasks(), 1, u);
            recurrent = new RecurrentProjection(layer.recurrentKernel.value(), s.recurrentMasks(), 1);
            z = input.forward(w, layer.bias == null ? null : layer.bias.value());
            hs = Nd4j.createUninitialized(w.dataType(), steps + 1, batch, u);
            hs.slice(0).assign(s.initial()[0]);
            boolean masked = s.mask() != null;
            hn = masked ? z.ulike() : range(hs, 1, steps + 1);
            for (int t = 0; t < steps; t++) {
                INDArray zt = z.slice(t);
                recurrent.forward(hs.slice(t), zt, 1.0);
                INDArray h = masked ? hn.slice(t) : hs.slice(t + 1); // (never slice the view hn)
                activate(act, zt, h);
                if (masked) blend(hs.slice(t), h, s.mask().slice(t), hs.slice(t + 1));
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
            INDArray g = dStates != null ? dStates : Nd4j.zeros(z.dataType(), steps, batch, u);
            if (dLast[0] != null) g.slice(steps - 1).addi(dLast[0]);
            boolean masked = s.mask() != null;
            INDArray dz = z.ulike();
            INDArray ghn = masked ? Nd4j.createUninitialized(z.dataType(), batch, u) : null;
            INDArray dh0 = null;
            for (long t = steps - 1; t >= 0; t--) {
                INDArray gh = g.slice(t);
                if (masked) mul(gh, s.mask().slice(t), ghn);
                INDArray dzt = dz.slice(t);
                activateBackward(act, z.slice(t), masked ? hn.slice(t) : hs.slice(t + 1), masked ? ghn : gh, dzt);
                INDArray dPrev = t > 0 ? g.slice(t - 1) : (dh0 = Nd4j.createUninitialized(z.dataType(), batch, u));
                recurrent.backward(dzt, dPrev, t > 0 ? 1.0 : 0.0);
                if (masked) dPrev.addi(gh).subi(ghn);
            }
            if (layer.trainable()) {
                input.weightGrad(dz, layer.kernel.gradBuffer(), layer.kernel.gradBeta());
                recurrent.weightGrad(range(hs, 0, steps), dz, layer.recurrentKernel.gradBuffer(), layer.recurrentKernel.gradBeta());
                if (layer.bias != null) layer.bias.addGradSum(dz, 0, 1);
            }
            return new Grads(inputGrad ? input.inputGrad(dz, layer.kernel.value()) : null, new INDArray[]{dh0});
        }
    }
}
