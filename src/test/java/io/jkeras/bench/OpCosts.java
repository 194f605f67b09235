package io.jkeras.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The single ND4J calls a W2 step is made of, timed alone at W2's shapes (median of many calls, in
 * microseconds): the six matrix products of one Dense stack's forward and backward, and the elementwise
 * ops of one Adam update of the largest kernel (784×256). Tells what the step would cost if the
 * framework added nothing, and which single ops are slower than their arithmetic says.
 *
 * <p>Run: {@code java ... io.jkeras.bench.OpCosts}.
 */
public final class OpCosts {
    private OpCosts() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        BenchOut.emitEnv();
        Nd4j.getRandom().setSeed(42);
        Map<String, Object> kv = new LinkedHashMap<>();
        int[][] dense = {{784, 256}, {256, 256}, {256, 10}};
        for (int[] d : dense) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 100, d[0]);
            INDArray w = Nd4j.rand(DataType.FLOAT, d[0], d[1]);
            INDArray z = Nd4j.createUninitialized(DataType.FLOAT, 100, d[1]);
            INDArray dz = Nd4j.rand(DataType.FLOAT, 100, d[1]);
            INDArray dw = Nd4j.createUninitialized(DataType.FLOAT, d[0], d[1]);
            INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, 100, d[0]);
            String s = d[0] + "x" + d[1];
            kv.put("gemm_fwd_" + s + "_us", time(() -> Nd4j.gemm(x, w, z, false, false, 1.0, 0.0)));
            kv.put("gemm_dW_" + s + "_us", time(() -> Nd4j.gemm(x, dz, dw, true, false, 1.0, 0.0)));
            kv.put("gemm_dx_" + s + "_us", time(() -> Nd4j.gemm(dz, w, dx, false, true, 1.0, 0.0)));
        }
        INDArray g = Nd4j.rand(DataType.FLOAT, 784, 256);
        INDArray m = Nd4j.rand(DataType.FLOAT, 784, 256);
        INDArray v = Nd4j.rand(DataType.FLOAT, 784, 256);
        INDArray s = Nd4j.rand(DataType.FLOAT, 784, 256);
        INDArray u = s.ulike();
        kv.put("assign_784x256_us", time(() -> s.assign(g)));
        kv.put("subi_784x256_us", time(() -> s.subi(m)));
        kv.put("muli_scalar_784x256_us", time(() -> s.muli(0.999)));
        kv.put("addi_784x256_us", time(() -> s.addi(m)));
        kv.put("sqrt_784x256_us", time(() -> Transforms.sqrt(s.assign(v), false)));
        kv.put("addi_scalar_784x256_us", time(() -> s.addi(1e-7)));
        kv.put("rdivi_784x256_us", time(() -> s.rdivi(m)));
        kv.put("adam_updater_784x256_us", time(() -> Nd4j.exec(new AdamUpdater(g, v, m, u, v, m, 1e-3, 0.9, 0.999, 1e-7, 5))));
        INDArray tiny = Nd4j.zeros(DataType.FLOAT, 10);
        kv.put("addi_scalar_10_us", time(() -> tiny.addi(1.0)));
        BenchOut.emit("w2_op_costs", kv);
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
