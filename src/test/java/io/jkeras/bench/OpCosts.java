package io.jkeras.bench;

import io.jkeras.activations.ActivationFunction;
import io.jkeras.activations.Activations;
import io.jkeras.utils.Bias;
import io.jkeras.utils.MatMul;
import io.jkeras.utils.Sums;
import io.jkeras.utils.Workspaces;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The single native calls a W2 step is made of, each timed alone at W2's shapes (median of many calls, in
 * microseconds), through the same jkeras code paths a step takes: the three products of each Dense layer
 * ({@link MatMul}), the bias add ({@link Bias}), relu and its gradient, the bias gradient ({@link Sums}), and one
 * Adam update per kernel and bias (ND4J's {@code adam_updater}, then {@code w -= update}). bench/torch_op_costs.py
 * prints the same keys for PyTorch, so a slow step can be traced to the calls that cost more than their twins
 * and to what the framework adds between them.
 *
 * <p>The gradient given to Adam is copied in fresh before every call (and that copy's time subtracted): the
 * updater overwrites it with the update, and repeating on its own output would soon reach denormal numbers,
 * which are many times slower.
 *
 * <p>Run: {@code bench/run.sh --op-costs}, or {@code java ... io.jkeras.bench.OpCosts}.
 */
public final class OpCosts {
    private static final int BATCH = 100;
    private static final int[][] DENSE = {{784, 256}, {256, 256}, {256, 10}};

    private OpCosts() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        BenchOut.emitEnv();
        Nd4j.getRandom().setSeed(42);
        Map<String, Object> kv = new LinkedHashMap<>();
        ActivationFunction relu = Activations.get("relu");
        double adamTotal = 0;
        for (int[] d : DENSE) {
            String s = d[0] + "x" + d[1];
            INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, d[0]);
            INDArray w = Nd4j.rand(DataType.FLOAT, d[0], d[1]).subi(0.5).muli(0.1);
            INDArray b = Nd4j.rand(DataType.FLOAT, d[1]);
            INDArray z = Nd4j.createUninitialized(DataType.FLOAT, BATCH, d[1]);
            INDArray dz = Nd4j.rand(DataType.FLOAT, BATCH, d[1]).subi(0.5);
            INDArray dw = Nd4j.createUninitialized(DataType.FLOAT, d[0], d[1]);
            INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, BATCH, d[0]);
            INDArray db = Nd4j.createUninitialized(DataType.FLOAT, d[1]);
            kv.put("gemm_fwd_" + s + "_us", time(() -> MatMul.gemm(x, w, z, false, false, 1.0, 0.0)));
            kv.put("gemm_dW_" + s + "_us", time(() -> MatMul.gemm(x, dz, dw, true, false, 1.0, 0.0)));
            kv.put("gemm_dx_" + s + "_us", time(() -> MatMul.gemm(dz, w, dx, false, true, 1.0, 0.0)));
            kv.put("bias_add_" + s + "_us", time(() -> Bias.addInPlace(z, b)));
            kv.put("bias_grad_" + s + "_us", time(() -> Sums.columnSums(dz, db, 0.0)));
            if (d[1] == 256 && d[0] == 256) {
                INDArray y = relu.forward(z);
                // In a workspace, as in a training step: outside one, each new output array costs an allocation.
                kv.put("relu_100x256_us", time(() -> inWorkspace(() -> relu.forward(z))));
                kv.put("relu_bp_100x256_us", time(() -> inWorkspace(() -> relu.backward(z, y, dz))));
            }
            double kernel = adam(w);
            double bias = adam(b);
            kv.put("adam_" + s + "_kernel_us", kernel);
            kv.put("adam_" + s + "_bias_us", bias);
            adamTotal += kernel + bias;
        }
        kv.put("adam_all_variables_us", BenchOut.round(adamTotal, 1));
        INDArray tiny = Nd4j.zeros(DataType.FLOAT, 10);
        kv.put("add_scalar_10_us", time(() -> tiny.addi(1.0)));
        BenchOut.emit("w2_op_costs", kv);
    }

    private static void inWorkspace(Runnable op) {
        try (Workspaces.Scope ignored = Workspaces.open("op_costs")) {
            op.run();
        }
    }

    /** One Adam step on a variable like {@code like}: adam_updater then the subtraction, less the gradient copy. */
    private static double adam(INDArray like) {
        INDArray w = like.dup();
        INDArray source = Nd4j.rand(DataType.FLOAT, like.shape()).subi(0.5).muli(0.01);
        INDArray g = source.ulike();
        INDArray m = Nd4j.zeros(DataType.FLOAT, like.shape());
        INDArray v = Nd4j.zeros(DataType.FLOAT, like.shape());
        double copy = time(() -> g.assign(source));
        double step = time(() -> {
            g.assign(source);
            Nd4j.exec(new AdamUpdater(g, v, m, 1e-3, 0.9, 0.999, 1e-7, 5));
            w.subi(g);
        });
        return BenchOut.round(Math.max(0, step - copy), 1);
    }

    /** The median of 30 rounds of 50 calls, in microseconds per call, after 200 untimed calls. */
    private static double time(Runnable op) {
        for (int i = 0; i < 200; i++) op.run();
        double[] t = new double[30];
        for (int r = 0; r < t.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 50; i++) op.run();
            t[r] = (System.nanoTime() - t0) / 1e3 / 50;
        }
        return BenchOut.round(BenchOut.median(t), 1);
    }
}
