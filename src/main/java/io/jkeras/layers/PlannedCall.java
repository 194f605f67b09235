package io.jkeras.layers;

import io.jkeras.utils.Threads;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * One prepared ND4J call of a recurrent layer's time loop ({@link LstmPlan}, {@link GruPlan}): a shared op and
 * this call's own {@link OpContext} (its arrays and arguments), made once and run at every batch. Going
 * through a kept context skips most of ND4J's per-call cost (about 2-5 µs instead of 15-20 µs for a small
 * multiply, measured here). The loops run on one OpenMP thread ({@link Threads#single}); a product runs on
 * every thread again ({@link Threads#wide}: W4 1,503-1,526 → 1,611-1,621 sequences/s). Package-private.
 */
final class PlannedCall {
    static final CustomOp MULTIPLY = DynamicCustomOp.builder("multiply").build();
    static final CustomOp ADD = DynamicCustomOp.builder("add").build();
    static final CustomOp SUBTRACT = DynamicCustomOp.builder("subtract").build();
    static final CustomOp SIGMOID = DynamicCustomOp.builder("sigmoid").build();
    static final CustomOp TANH = DynamicCustomOp.builder("tanh").build();
    private static final CustomOp CONCAT = DynamicCustomOp.builder("concat").build();

    private final CustomOp op;
    private final OpContext context;

    private PlannedCall(CustomOp op, OpContext context) {
        this.op = op;
        this.context = context;
    }

    /** {@code out = op(x, y)}, e.g. {@link #MULTIPLY}. */
    static PlannedCall binary(CustomOp op, INDArray x, INDArray y, INDArray out) {
        return new PlannedCall(op, context(new INDArray[]{x, y}, out));
    }

    /** {@code out = op(x)}, e.g. {@link #SIGMOID}. */
    static PlannedCall unary(CustomOp op, INDArray x, INDArray out) {
        return new PlannedCall(op, context(new INDArray[]{x}, out));
    }

    /** {@code out = [parts[0] | parts[1] | ...]} along the last axis. */
    static PlannedCall concat(INDArray[] parts, INDArray out) {
        OpContext c = context(parts, out);
        c.setIArguments(out.rank() - 1);
        return new PlannedCall(CONCAT, c);
    }

    /** A product: the op's own arguments (transposes, alpha, beta) copied into the context. */
    static PlannedCall product(Mmul op) {
        OpContext c = context(op.inputArguments().toArray(new INDArray[0]), op.outputArguments().get(0));
        c.setIArguments(op.iArgs());
        c.setTArguments(op.tArgs());
        return new PlannedCall(op, c);
    }

    /** Runs the calls in order. */
    static void runAll(List<PlannedCall> calls) {
        for (PlannedCall c : calls) c.run();
    }

    void run() {
        if (op instanceof Mmul) Threads.wide(() -> Nd4j.exec(op, context));
        else Nd4j.exec(op, context);
    }

    private static OpContext context(INDArray[] in, INDArray out) {
        OpContext c = Nd4j.getExecutioner().buildContext();
        c.setInputArrays(in);
        c.setOutputArrays(out); // ND4J frees the context's native side once it is unreachable (its DeallocatorService)
        return c;
    }
}
