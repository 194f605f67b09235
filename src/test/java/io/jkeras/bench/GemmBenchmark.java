package io.jkeras.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The machine's matrix-product ceiling through ND4J, as {@code pytorch_workloads.py gemm} measures it for
 * PyTorch: float32 n×n times n×n (n = 2048), three untimed products, then ten windows of 0.5 s per form, GFLOP/s
 * per window (2n³ per product), median, min and max.
 *
 * <p>Three forms, because DESIGN.md found they differ by 2–4×: {@code Nd4j.gemm} into a preallocated
 * result in 'c' (row-major) order — what jkeras's Dense uses — the same into an 'f'-order result, and
 * {@code a.mmul(b)}, which allocates its result on every call.
 *
 * <p>Run: {@code bench/run.sh}, or {@code java ... io.jkeras.bench.GemmBenchmark [n] [windows]}.
 */
public final class GemmBenchmark {
    private GemmBenchmark() {
    }

    /** @param args optional n (default 2048) and number of windows (default 10) */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int windows = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        BenchOut.emitEnv();
        Nd4j.getRandom().setSeed(42);
        INDArray a = Nd4j.randn(DataType.FLOAT, n, n);
        INDArray b = Nd4j.randn(DataType.FLOAT, n, n);
        INDArray cc = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, n}, 'c');
        INDArray cf = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, n}, 'f');

        String[] tags = {"gemm_nd4j_gemm_c", "gemm_nd4j_gemm_f", "gemm_nd4j_mmul"};
        List<Supplier<INDArray>> forms = List.of(
                () -> Nd4j.gemm(a, b, cc, false, false, 1.0, 0.0),
                () -> Nd4j.gemm(a, b, cf, false, false, 1.0, 0.0),
                () -> a.mmul(b));
        for (Supplier<INDArray> f : forms) {
            for (int i = 0; i < 3; i++) f.get();
        }
        // The windows of the three forms take turns: on a shared machine the speed drifts within seconds,
        // and taking turns spreads that drift over all three instead of charging it to whichever ran last.
        double[][] r = new double[forms.size()][windows];
        for (int w = 0; w < windows; w++) {
            for (int f = 0; f < forms.size(); f++) r[f][w] = window(n, forms.get(f));
        }
        for (int f = 0; f < forms.size(); f++) emit(tags[f], n, r[f]);
        // Same answer from every form, so the figures compare like with like.
        INDArray ref = a.mmul(b);
        Nd4j.gemm(a, b, cc, false, false, 1.0, 0.0);
        Nd4j.gemm(a, b, cf, false, false, 1.0, 0.0);
        if (!ref.equalsWithEps(cc, 1e-2) || !ref.equalsWithEps(cf, 1e-2)) {
            throw new AssertionError("gemm forms disagree");
        }
    }

    /** GFLOP/s of as many products as fit in 0.5 s. */
    private static double window(int n, Supplier<INDArray> product) {
        long t0 = System.nanoTime();
        long k = 0;
        while (System.nanoTime() - t0 < 500_000_000L) {
            product.get();
            k++;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        return 2.0 * n * (double) n * n * k / s / 1e9;
    }

    private static void emit(String tag, int n, double[] r) {
        int windows = r.length;
        double min = Double.MAX_VALUE, max = 0;
        long[] rounded = new long[windows];
        for (int w = 0; w < windows; w++) {
            min = Math.min(min, r[w]);
            max = Math.max(max, r[w]);
            rounded[w] = Math.round(r[w]);
        }
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("n", n);
        kv.put("gflops_median", BenchOut.round(BenchOut.median(r), 1));
        kv.put("gflops_min", BenchOut.round(min, 1));
        kv.put("gflops_max", BenchOut.round(max, 1));
        kv.put("windows", rounded);
        BenchOut.emit(tag, kv);
    }
}
