package io.jkeras.layers;

import io.jkeras.activations.ActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An {@link LSTM}'s inference through ND4J's native {@code lstmLayer} op: the whole sequence in one call (oneDNN's
 * LSTM on CPU), where the Java loop makes several calls per step. Used when nothing needs the gates (no backward
 * is expected), there is no mask and no dropout, and the activations are Keras's defaults (sigmoid for the gates,
 * tanh for the cell). Its gate order (i, f, c, o), kernel
 * {@code (in, 4u)}, recurrent kernel {@code (u, 4u)} and bias {@code (4u,)} are Keras's, so the weights pass as
 * they are. ND4J's {@code lstmLayer_bp} is not used: it recomputes the forward pass and took 190-660 ms per call on
 * the benchmark's shapes (batch 64, 100 steps, 64 units), where {@link LstmKernel}'s backward took 45-70 ms on the
 * same (loaded) machine. Package-private.
 */
final class NativeLstm {
    private NativeLstm() {
    }

    /**
     * libnd4j's activation code: 0 tanh, 2 sigmoid; -1 for others, which take the Java loop (the op's hard sigmoid,
     * code 7, does not give Keras 2's {@code clip(0.2 x + 0.5, 0, 1)} on the fixtures).
     */
    private static int code(ActivationFunction f) {
        return switch (f.name()) {
            case "tanh" -> 0;
            case "sigmoid" -> 2;
            default -> -1;
        };
    }

    /** Whether this layer and sequence can run natively. */
    static boolean applies(LSTM layer, RecurrentKernel.Sequence s) {
        return !s.training() && s.mask() == null && s.inputMasks() == null && s.recurrentMasks() == null
                && code(layer.recurrentActivation) >= 0 && code(layer.activation) >= 0
                && layer.kernel.value().dataType().isFPType();
    }

    /** Runs the op: {@code [h (T, B, u), h_T (B, u), c_T (B, u)]}. */
    static INDArray[] run(LSTM layer, RecurrentKernel.Sequence s) {
        INDArray x = s.x();
        long steps = x.size(0);
        long batch = x.size(1);
        long u = layer.units;
        INDArray h = Nd4j.createUninitialized(x.dataType(), steps, batch, u);
        INDArray hl = Nd4j.createUninitialized(x.dataType(), batch, u);
        INDArray cl = Nd4j.createUninitialized(x.dataType(), batch, u);
        boolean bias = layer.bias != null;
        java.util.List<INDArray> in = new java.util.ArrayList<>(java.util.List.of(x, layer.kernel.value(), layer.recurrentKernel.value()));
        if (bias) in.add(layer.bias.value());
        in.add(s.initial()[0]);
        in.add(s.initial()[1]);
        int act = code(layer.activation);
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("lstmLayer")
                .addInputs(in.toArray(new INDArray[0]))
                .addOutputs(h, hl, cl)
                // data format 0: (T, B, in); direction 0: forward (go_backwards arrives already reversed)
                .addIntegerArguments(0, 0, code(layer.recurrentActivation), act, act)
                .addFloatingPointArguments(0.0) // no cell clipping
                // biases, no sequence lengths, initial h and c, no peepholes, full sequence, last h, last c
                .addBooleanArguments(bias, false, true, true, false, true, true, true);
        Nd4j.exec(op.build());
        return new INDArray[]{h, hl, cl};
    }
}
