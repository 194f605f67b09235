package io.jkeras.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The loop of one recurrent cell over a whole sequence and its back-propagation through time, on time-major
 * arrays: {@link LstmKernel}, {@link GruKernel}, {@link SimpleRnnKernel}. {@link RecurrentCall} turns the layer's
 * batch-major call into a {@link Sequence} (reversed for {@code go_backwards}) and the kernel's {@link Pass} back
 * into the layer's outputs. Package-private.
 */
interface RecurrentKernel {
    /** Runs the cell over the sequence; keeps what the backward pass needs when {@code s.training()}. */
    Pass run(Sequence s);

    /**
     * One call's inputs, time-major and in reading order.
     *
     * @param x the inputs {@code (T, B, in)}, contiguous
     * @param mask the step mask {@code (T, B, 1)}, 1 where a step counts and 0 where it is skipped, in x's type;
     *             {@code null} for none
     * @param initial the initial states, {@code (B, units)} each (read, never written)
     * @param inputMasks the input dropout masks {@code (B, in)}: {@code null}, one for all gates, or one per gate
     * @param recurrentMasks the recurrent dropout masks {@code (B, units)}, as {@code inputMasks}
     * @param training whether a backward pass may follow
     */
    record Sequence(INDArray x, INDArray mask, INDArray[] initial, INDArray[] inputMasks, INDArray[] recurrentMasks,
                    boolean training) {
        long steps() {
            return x.size(0);
        }

        long batch() {
            return x.size(1);
        }
    }

    /** The result of a run: the state {@code h} after every step, the last states, and the way back. */
    interface Pass {
        /** {@code h} after each step {@code (T, B, units)}; a masked step repeats the previous state. */
        INDArray states();

        /** The states after the last step ({@code [h]} or {@code [h, c]}), each {@code (B, units)}. */
        INDArray[] last();

        /**
         * Back-propagates through time, adding the weight gradients into the layer's variables.
         *
         * @param dStates d(loss)/d({@link #states()}), {@code (T, B, units)}, contiguous and owned by the kernel from
         *                now on (it accumulates into it); or {@code null} for none
         * @param dLast d(loss)/d(last state) per state, entries {@code null} for none
         * @param inputGrad whether d(loss)/d(x) is wanted (not when x is a model input during training)
         * @return d(loss)/d(x) {@code (T, B, in)} (or {@code null}) and d(loss)/d(initial state) per state
         */
        Grads backward(INDArray dStates, INDArray[] dLast, boolean inputGrad);

        /**
         * Says that {@link #states()} and {@link #last()} have been read and copied (an inference call): a kernel may
         * then lend its buffers to the next call. A later {@link #backward} must still work (it may recompute).
         */
        default void release() {
        }
    }

    /** The input gradients of a pass: the sequence's and the initial states'. */
    record Grads(INDArray dx, INDArray[] dInitial) {
    }
}
